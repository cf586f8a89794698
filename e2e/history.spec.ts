import { expect, test } from "@playwright/test";
import { createClass, expectAccessible, openStudent, signIn, today } from "./fixtures";

test("history you can see: a class's chart, timeline and roster on a date; a student's timeline", async ({ page }) => {
  await signIn(page, "admin");
  const classUrl = await createClass(page, { code: "HIST-1", title: "History Class" });
  const classId = new URL(classUrl).pathname.split("/").pop()!;
  await page.goto(`${classUrl}?q=${encodeURIComponent("Sam Student")}`);
  await page.getByRole("checkbox", { name: /Sam Student/ }).check();
  await expect(page.getByRole("heading", { name: "Roster (1 student)" })).toBeVisible();

  // The class page links to its history: the chart by week and the timeline.
  await page.goto(classUrl);
  await page.getByRole("link", { name: "History", exact: true }).click();
  await expect(page.getByRole("heading", { name: "History of HIST-1" })).toBeVisible();
  const chart = page.getByRole("img", { name: "Enrollments and drops in HIST-1, by week" });
  await expect(chart).toBeVisible();
  await page.getByText("The numbers, week by week").click();
  await expect(page.getByRole("row", { name: /1 0 1$/ })).toBeVisible();
  const history = page.getByRole("region", { name: "Timeline" });
  await expect(history.getByRole("listitem").first()).toContainText("Enrolled: Sam Student");
  await expect(history.getByRole("listitem").first()).toContainText("by Ada Admin");
  await expect(history.getByRole("listitem").first()).not.toContainText("(by an admin)");
  await expectAccessible(page);
  await page.goto(classUrl);

  // The roster at the end of today, on the page and as CSV; a day before the class existed, empty.
  await page.getByLabel("Roster on a date").fill(new Date().toLocaleDateString("en-CA"));
  await page.getByRole("button", { name: "Show roster" }).click();
  // It replaces today's roster (its own address), and leads back.
  await expect(page).toHaveURL(/\?asOf=\d{4}-\d{2}-\d{2}$/);
  await expect(page.getByRole("heading", { name: `Roster at the end of ${today()}` })).toBeVisible();
  await expect(page.getByText("1 student enrolled then.")).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Roster \(/ })).toHaveCount(0);
  await page.getByRole("link", { name: "Today's roster" }).click();
  await expect(page.getByRole("heading", { name: "Roster (1 student)" })).toBeVisible();
  const csv = await page.request.get(`/admin/classes/${classId}/roster.csv?asOf=2020-01-01`);
  expect(csv.status()).toBe(200);
  expect((await csv.text()).replace(/^\uFEFF/, "").trim()).toBe("Name,Email,Student number,Enrolled on,How");
  expect((await page.request.get(`/admin/classes/${classId}/roster.csv?asOf=yesterday`)).status()).toBe(400);

  // Sam's own timeline (linked from Sam's page), and Sam in this class.
  await openStudent(page, "Sam Student");
  await page.getByRole("link", { name: "History", exact: true }).click();
  await expect(page.getByRole("heading", { name: "History of Sam Student" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Enrolled: HIST-1" }).first()).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Enrolled: Sam Student in HIST-1, their whole timeline" }).first().click();
  await expect(page.getByRole("heading", { name: "Sam Student in HIST-1" })).toBeVisible();
  await expect(page.getByText("1 event, newest first.")).toBeVisible();
  await expectAccessible(page);

  await page.goto("/admin");
  await expect(page.getByRole("img", { name: "Enrollments and drops across the school, by week" })).toBeVisible();
  await expectAccessible(page);
});

test("a teacher sees their class's roster on a date, and downloads it", async ({ page }) => {
  await signIn(page, "teacher");
  const day = new Date().toLocaleDateString("en-CA");
  await page.goto("/teacher/classes/demo-class-math-101");
  const taken = Number(/(\d+) of \d+ seats taken/.exec(await page.getByText(/seats taken/).innerText())![1]);
  // The class's term and when it meets, as the admin set them.
  await expect(page.getByText(/seats taken · (Spring|Summer|Autumn) \d{4}$/)).toBeVisible();
  await expect(page.getByText("Meets Mon, Wed 08:00–08:50, Room 101", { exact: true })).toBeVisible();
  await page.getByLabel("Roster on a date").fill(day);
  await page.getByRole("button", { name: "Show roster" }).click();
  await expect(page.getByRole("heading", { name: `Roster at the end of ${today()}` })).toBeVisible();
  await expect(page.getByText(`${taken} students enrolled then.`)).toBeVisible();
  // In place of today's: no "Enrolled" list or waitlist of today beside it (printing it prints that day's).
  await expect(page.getByRole("heading", { name: "Enrolled", exact: true })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: /^Waitlist/ })).toHaveCount(0);
  await expectAccessible(page);
  // A day outside the class's term says so.
  await page.goto("/teacher/classes/demo-class-math-101?asOf=2099-01-01");
  await expect(page.getByRole("note")).toContainText(/is after (Spring|Summer|Autumn) \d{4} ended/);
  await page.goto("/teacher/classes/demo-class-math-101?asOf=2020-01-01");
  await expect(page.getByRole("note")).toContainText(/is before (Spring|Summer|Autumn) \d{4} began/);
  await expect(page.getByText("0 students enrolled then.")).toBeVisible();
  await page.goto("/teacher/classes/demo-class-math-101?asOf=yesterday");
  await expect(page.getByText("“yesterday” is not a date: choose one, like 2026-09-15.")).toBeVisible();
  const csv = await page.request.get(`/teacher/classes/demo-class-math-101/roster.csv?asOf=${day}`);
  expect((await csv.text()).trim().split("\n")).toHaveLength(taken + 1);
  // Another teacher's class stays hidden, on any date.
  expect((await page.request.get(`/teacher/classes/demo-class-bio-110/roster.csv?asOf=${day}`)).status()).toBe(404);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a teacher's roster on a date replaces today's, and leads back", async ({ page }) => {
    await signIn(page, "teacher");
    await page.goto("/teacher/classes/demo-class-math-101");
    await page.getByLabel("Roster on a date").fill(new Date().toLocaleDateString("en-CA"));
    await page.getByRole("button", { name: "Show roster" }).click();
    await expect(page.getByRole("heading", { name: `Roster at the end of ${today()}` })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Enrolled", exact: true })).toHaveCount(0);
    await page.getByRole("link", { name: "Today's roster" }).click();
    await expect(page.getByRole("heading", { name: "Enrolled", exact: true })).toBeVisible();
  });
});

test("times read on the 24-hour clock in any locale, as class times do; demo students were added before they enrolled", async ({ browser }) => {
  const page = await (await browser.newContext({ locale: "en-US" })).newPage();
  await signIn(page, "admin");
  await page.goto("/admin/audit");
  const when = page.getByRole("listitem").first().locator("time");
  await expect(when).toHaveText(/\b([01]\d|2[0-3]):[0-5]\d\b/);
  await expect(when).not.toHaveText(/\b(AM|PM)\b/);
  // A demo student's page: added before their first enrollment, not on the day the demo was made.
  await page.goto("/admin/students/demo-student-010");
  const added = page.getByRole("term").filter({ hasText: /^Added$/ }).locator("xpath=following-sibling::dd");
  await expect(added).not.toHaveText(new Date().toLocaleDateString("en-US", { day: "numeric", month: "short", year: "numeric" }));
});
