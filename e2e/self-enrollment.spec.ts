import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { createClass, expectAccessible, signIn, today } from "./fixtures";
import { nameSortKey, splitFullName } from "../lib/names";

function classRow(page: Page, code: string) {
  return page.getByRole("listitem").filter({ has: page.getByRole("checkbox", { name: new RegExp(`^${code} `) }) });
}

test("a student enrolls with a join code and sees the date", async ({ page }) => {
  await signIn(page, "student");
  await expect(page.getByRole("heading", { name: "Welcome, Sam Student" })).toBeVisible();
  await expectAccessible(page);
  const row = classRow(page, "BIO-110");
  const box = row.getByRole("checkbox");
  await expect(row.getByText("Needs a join code")).toBeVisible();

  // The Join button beside the code, or the box: either sends the code.
  await row.getByLabel("Join code for BIO-110").fill("BIO-0000");
  await row.getByRole("button", { name: "Join BIO-110 with the code" }).click();
  await expect(row.getByText("That join code is not right for BIO-110.")).toBeVisible();
  await expect(box).not.toBeChecked();

  await row.getByLabel("Join code for BIO-110").fill("  bio-7k2 ");
  await box.check();
  await expect(row.getByText(`Enrolled ${today()}`)).toBeVisible();
  await page.reload();
  await expect(classRow(page, "BIO-110").getByRole("checkbox")).toBeChecked();
  await expect(classRow(page, "BIO-110").getByText(`Enrolled ${today()}`)).toBeVisible();
});

test("closed and not yet open classes are shown disabled with the reason and date; the server refuses them anyway", async ({ page }) => {
  await signIn(page, "student");
  for (const [code, shown, message] of [
    ["FREN-101", /Closed \d{1,2} \w{3} \d{4}/, /^Enrollment in FREN-101 closed /],
    ["MUS-110", /Opens \d{1,2} \w{3} \d{4}/, /^Enrollment in MUS-110 opens /],
  ] as const) {
    const box = classRow(page, code).getByRole("checkbox");
    await expect(box).toBeDisabled();
    await expect(box).not.toBeChecked();
    await expect(box).toHaveAccessibleDescription(shown);
    // A tick sent anyway (as a script could) is refused with the reason.
    const id = await box.getAttribute("value");
    const tick = await page.request.post("/api/enrollment/tick", { data: { courseId: id, enrolled: true }, headers: { origin: new URL(page.url()).origin } });
    expect(tick.status()).toBe(409);
    expect(((await tick.json()) as { message: string }).message).toMatch(message);
  }
});

test("a student hits a full class, joins the waitlist, and is promoted when another student drops", async ({ browser }) => {
  const adminPage = await (await browser.newContext()).newPage();
  await signIn(adminPage, "admin");
  await createClass(adminPage, { code: "WAIT-1", title: "One Seat Seminar", capacity: "1", selfEnrollment: true });

  const rita = await (await browser.newContext({ locale: "en-GB" })).newPage();
  await signIn(rita, "student2");
  await rita.goto("/student?q=WAIT-1");
  await classRow(rita, "WAIT-1").getByRole("checkbox").check();
  await expect(classRow(rita, "WAIT-1").getByText(`Enrolled ${today()}`)).toBeVisible();

  const sam = await (await browser.newContext({ locale: "en-GB" })).newPage();
  await signIn(sam, "student");
  await sam.goto("/student?q=WAIT-1");
  const row = classRow(sam, "WAIT-1");
  await expect(row.getByText(/· Full ·/)).toBeVisible();
  await row.getByRole("checkbox").click();
  await expect(row.getByText("WAIT-1 is full: 1 of 1. You can join the waitlist.")).toBeVisible();
  await row.getByRole("button", { name: "Join the waitlist for WAIT-1" }).click();
  await expect(sam.getByText("You are on the waitlist: number 1.")).toBeVisible();
  await expect(classRow(sam, "WAIT-1").getByText("On the waitlist: number 1")).toBeVisible();
  await expectAccessible(sam);

  await rita.reload();
  // A drop asks first, and says what it costs; "Keep it" changes nothing.
  await classRow(rita, "WAIT-1").getByRole("checkbox").click();
  const ask = classRow(rita, "WAIT-1").getByRole("group", { name: "Drop WAIT-1?" });
  await expect(ask).toContainText("The class is full: your seat goes to the next student waiting, and you may not get it back.");
  await expect(classRow(rita, "WAIT-1").getByRole("checkbox")).toBeChecked();
  await expectAccessible(rita);
  await ask.getByRole("button", { name: "Keep it" }).click();
  await expect(ask).toHaveCount(0);
  await rita.reload();
  await expect(classRow(rita, "WAIT-1").getByRole("checkbox")).toBeChecked();
  await classRow(rita, "WAIT-1").getByRole("checkbox").click();
  await classRow(rita, "WAIT-1").getByRole("button", { name: "Drop WAIT-1" }).click();
  await expect(classRow(rita, "WAIT-1").getByRole("checkbox")).not.toBeChecked();
  await expect(classRow(rita, "WAIT-1").getByRole("button", { name: "Join the waitlist for WAIT-1" })).toBeVisible();

  await sam.reload();
  await expect(classRow(sam, "WAIT-1").getByRole("checkbox")).toBeChecked();
  await expect(classRow(sam, "WAIT-1").getByText(`Enrolled ${today()} from the waitlist`)).toBeVisible();

  await adminPage.goto("/admin/classes?q=WAIT-1");
  await adminPage.getByRole("link", { name: "WAIT-1" }).click();
  await expect(adminPage.getByRole("region", { name: /Roster/ }).getByText("Sam Student")).toBeVisible();
  await expect(adminPage.getByRole("heading", { name: "Waitlist (0)" })).toBeVisible();
});

for (const javaScriptEnabled of [true, false]) {
  test(`a tick refused because the class just filled offers the waitlist at once (${javaScriptEnabled ? "with" : "without"} JavaScript)`, async ({ browser }) => {
    const code = javaScriptEnabled ? "FILL-1" : "FILL-2";
    const adminPage = await (await browser.newContext()).newPage();
    await signIn(adminPage, "admin");
    await createClass(adminPage, { code, title: "Filling Fast", capacity: "1", selfEnrollment: true });
    // Sam's catalog is drawn while the class has its seat...
    const sam = await (await browser.newContext({ javaScriptEnabled })).newPage();
    await signIn(sam, "student");
    await sam.goto(`/student?q=${code}`);
    await expect(classRow(sam, code).getByText(/1 of 1 left/)).toBeVisible();
    await expect(classRow(sam, code).getByRole("button", { name: `Join the waitlist for ${code}` })).toHaveCount(0);
    // ...then Rita takes it.
    const rita = await (await browser.newContext()).newPage();
    await signIn(rita, "student2");
    await rita.goto(`/student?q=${code}`);
    await classRow(rita, code).getByRole("checkbox").check();
    await expect(classRow(rita, code).getByText(/^Enrolled /)).toBeVisible();
    // Sam's tick is refused, and the row says so with the counts as they are now, and offers the waitlist: no reload.
    // Clicked, not check(): with JavaScript the refusal unticks it again at once.
    await classRow(sam, code).getByRole("checkbox").click();
    if (!javaScriptEnabled) await sam.getByRole("button", { name: "Enroll in the ticked classes" }).click();
    await expect(sam.getByText(`${code} is full: 1 of 1. You can join the waitlist.`)).toBeVisible();
    await expect(classRow(sam, code).getByText(/· Full/)).toBeVisible();
    await classRow(sam, code).getByRole("button", { name: `Join the waitlist for ${code}` }).click();
    // With JavaScript a message says so too; without, the row is the answer.
    if (javaScriptEnabled) await expect(sam.getByText("You are on the waitlist: number 1.")).toBeVisible();
    await expect(classRow(sam, code).getByText("On the waitlist: number 1")).toBeVisible();
    if (javaScriptEnabled) await expectAccessible(sam);
  });
}

test("an admin sees a class's waitlist, admits only with a seat, and a capacity raise promotes", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/admin/classes/demo-class-art-105");
  await expect(page.getByRole("heading", { name: "Waitlist (3)" })).toBeVisible();
  await expectAccessible(page);
  const first = page.getByRole("region", { name: "Waitlist (3)" }).getByRole("listitem").first();
  const firstName = (await first.locator("span.font-medium").textContent())!;
  await page.getByRole("button", { name: `Enroll ${firstName} now` }).click();
  await expect(page.getByText("ART-105 is full: 30 of 30.")).toBeVisible();

  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByLabel("Capacity").fill("31");
  await page.getByRole("button", { name: "Save class" }).click();
  // Said before it is saved: who the new seat goes to.
  await expect(page.getByRole("alert").filter({ hasText: "Nothing is saved yet." })).toContainText(
    `1 student on the waitlist will be enrolled at once, first in line first: ${firstName}.`,
  );
  await page.getByRole("button", { name: "Save anyway" }).click();
  await expect(page.getByRole("heading", { name: "Waitlist (2)" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Roster (31 students)" })).toBeVisible();
  await expect(page.getByRole("region", { name: /Roster/ }).getByText(firstName)).toBeVisible();
});

test("a teacher sees their roster, searches it, and downloads the CSV", async ({ page }) => {
  await signIn(page, "teacher");
  await expect(page.getByRole("heading", { name: "My classes" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "MATH-101 Algebra I" }).click();
  await expect(page.getByRole("heading", { name: "MATH-101 Algebra I" })).toBeVisible();
  await expectAccessible(page);
  const rows = page.getByRole("region", { name: "Enrolled" }).getByRole("row");
  const count = (await rows.count()) - 1;
  expect(count).toBeGreaterThan(10);
  const names = await rows.locator("td:first-child").allTextContents();
  // In the order of family names (the demo's names are a given and a family name each: lib/names).
  const key = (name: string) => nameSortKey(splitFullName(name));
  expect(names).toEqual([...names].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)));

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const file = await (await download).path();
  const csv = await readFile(file, "utf8");
  const lines = csv.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
  expect(lines[0]).toBe("Name,Email,Student number,Enrolled on,How");
  expect(lines).toHaveLength(count + 1);
  expect(lines[1]?.startsWith(`${names[0]},`)).toBe(true);
  // Dates as the school's calendar days, which a spreadsheet reads as dates.
  expect(lines.slice(1).every((line) => /,\d{4}-\d{2}-\d{2},[^,]+$/.test(line))).toBe(true);

  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("banner")).toBeHidden();
  await expect(page.getByRole("link", { name: "Download CSV" })).toBeHidden();
  await expect(page.getByRole("cell", { name: names[0], exact: true }).first()).toBeVisible();
  await page.emulateMedia({ media: "screen" });

  await page.getByLabel("Search the roster").fill(names[0]!);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText(new RegExp(`student(s)? matching “${names[0]}”`))).toBeVisible();
});

test("a teacher cannot open another teacher's roster or its CSV", async ({ page }) => {
  await signIn(page, "teacher");
  await expect(page.getByRole("link", { name: /MATH-201/ })).toHaveCount(0);
  const roster = await page.goto("/teacher/classes/demo-class-math-201");
  expect(roster?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.getByText("Calculus")).toHaveCount(0);
  const csv = await page.request.get("/teacher/classes/demo-class-math-201/roster.csv");
  expect(csv.status()).toBe(404);
  const own = await page.request.get("/teacher/classes/demo-class-math-101/roster.csv");
  expect(own.status()).toBe(200);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a student enrolls and drops with the Save button", async ({ page }) => {
    await signIn(page, "student");
    await page.goto("/student?q=ECON");
    await classRow(page, "ECON-150").getByRole("checkbox").check();
    await page.getByRole("button", { name: "Enroll in the ticked classes" }).click();
    await expect(page.getByText("Saved: 1 added, 0 dropped.")).toBeVisible();
    // Now one of "My classes", with its date (and no longer among the open classes).
    await expect(page.getByRole("region", { name: /My classes/ }).getByRole("checkbox", { name: /^ECON-150 / })).toBeChecked();
    await expect(classRow(page, "ECON-150")).toHaveCount(1);
    await expect(classRow(page, "ECON-150").getByText(`Enrolled ${today()}`)).toBeVisible();
    // A drop is confirmed first: the review keeps the box as the student left it.
    await classRow(page, "ECON-150").getByRole("checkbox").uncheck();
    await page.getByRole("button", { name: "Save my classes" }).click();
    await expect(page.getByRole("status").filter({ hasText: "This will drop ECON-150" })).toContainText("Confirm to save.");
    await expect(classRow(page, "ECON-150").getByRole("checkbox")).not.toBeChecked();
    await page.goto("/student?q=ECON");
    await expect(classRow(page, "ECON-150").getByText(`Enrolled ${today()}`)).toBeVisible();
    await classRow(page, "ECON-150").getByRole("checkbox").uncheck();
    await page.getByRole("button", { name: "Save my classes" }).click();
    await page.getByRole("button", { name: "Confirm save" }).click();
    await expect(page.getByText("Saved: 0 added, 1 dropped.")).toBeVisible();
  });

  test("a student joins a class with its code and the Join button beside it", async ({ page }) => {
    await signIn(page, "student2");
    await page.goto("/student?q=BIO-110");
    const row = classRow(page, "BIO-110");
    await row.getByLabel("Join code for BIO-110").fill("bio-7k2");
    await row.getByRole("button", { name: "Join BIO-110 with the code" }).click();
    await expect(page.getByText("Saved: 1 added, 0 dropped.")).toBeVisible();
    await expect(classRow(page, "BIO-110").getByText(`Enrolled ${today()}`)).toBeVisible();
  });
});
