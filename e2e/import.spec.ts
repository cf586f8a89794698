import { expect, test } from "@playwright/test";
import { createClass, expectAccessible, signIn } from "./fixtures";

test("an admin imports an enrollments file: checks it, sees the preview, applies it and sees the new roster", async ({ page }) => {
  await signIn(page, "admin");
  const classUrl = await createClass(page, { code: "IMP-1", title: "Imported Roster" });
  const classId = new URL(classUrl).pathname.split("/").pop()!;
  const rows = ["demo-student-150", "demo-student-151", "demo-student-152"].map((s) => `${classId},${s},student,2026-09-01`);

  await page.goto("/admin/import");
  await expectAccessible(page);
  // A bad file first: it is refused with each bad row named, and nothing can be applied.
  await page.getByLabel("enrollments.csv").setInputFiles({
    name: "enrollments.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(["classSourcedId,userSourcedId,role,beginDate", rows[0], `${classId},nobody,student,`, `=cmd(),x,student,`].join("\n")),
  });
  await page.getByRole("button", { name: "Check files" }).click();
  await expect(page.getByRole("heading", { name: "Rows with problems (2)" })).toBeVisible();
  await expect(page.getByRole("row", { name: /3 userSourcedId “nobody” is not in users.csv or in Rollbook/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /4 classSourcedId “=cmd\(\)” looks like a spreadsheet formula/ })).toBeVisible();
  await expect(page.getByText("This import can’t be applied as it is.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Apply import" })).toHaveCount(0);

  await page.goto("/admin/import");
  await page.getByLabel("enrollments.csv").setInputFiles({
    name: "enrollments.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(["classSourcedId,userSourcedId,role,beginDate", ...rows].join("\n")),
  });
  await page.getByRole("button", { name: "Check files" }).click();
  await expect(page.getByText("Nothing has been written yet.")).toBeVisible();
  await expect(page.getByText("3 enrollments to add, 0 enrollments to remove")).toBeAttached();
  await expect(page.getByRole("row", { name: "IMP-1 3 0" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Apply import" }).click();
  await expect(page.getByRole("heading", { name: "Import applied" })).toBeVisible();
  await expectAccessible(page);
  const importUrl = page.url();

  await page.goto(classUrl);
  await expect(page.getByRole("heading", { name: "Roster (3 students)" })).toBeVisible();
  await expect(page.getByRole("region", { name: /Roster/ }).getByText("Enrolled 1 Sept 2026")).toHaveCount(3);

  // The export holds them, in the form the importer reads back.
  const exported = await page.request.get("/admin/export/enrollments.csv");
  expect(exported.status()).toBe(200);
  expect(await exported.text()).toContain(`${classId}-demo-student-150,,,${classId},rollbook-school,demo-student-150,student,false,2026-09-01,`);

  // Undo takes the whole import back in one click.
  await page.goto(importUrl);
  await expect(page.getByText("Your last change: Import +3 in IMP-1")).toBeVisible();
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByText(/^This import was undone by Ada Admin/)).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Import undone" })).toBeVisible();
  await page.goto(classUrl);
  await expect(page.getByRole("heading", { name: "Roster (0 students)" })).toBeVisible();
  await page.goto("/admin");
  await expect(page.getByText("Nothing to undo.")).toBeVisible();
  await expectAccessible(page);
});

for (const javaScriptEnabled of [true, false]) {
  test(`an admin imports terms with their classes, skipping a bad row (${javaScriptEnabled ? "with" : "without"} JavaScript)`, async ({ browser }) => {
    const page = await (await browser.newContext({ javaScriptEnabled })).newPage();
    await signIn(page, "admin");
    const s = Date.now().toString(36).slice(-5).toUpperCase() + (javaScriptEnabled ? "J" : "N");
    const file = (name: string, lines: string[]) => ({ name, mimeType: "text/csv", buffer: Buffer.from(lines.join("\n")) });
    // Each run its own day: the two runs' classes share a student and their terms' dates.
    const day = javaScriptEnabled ? "Sat" : "Sun";
    await page.goto("/admin/import");
    await page.getByLabel("academicSessions.csv").setInputFiles(
      file("academicSessions.csv", ["sourcedId,title,type,startDate,endDate", `term-${s},Winter ${s},term,2031-01-06,2031-03-28`]),
    );
    await page.getByLabel("classes.csv").setInputFiles(
      file("classes.csv", [
        "sourcedId,classCode,title,termSourcedIds,metadata.meetings",
        `class-${s},W-${s},Winter walks,term-${s},${day} 10:00-11:00`,
        `clash-${s},C-${s},Winter choir,term-${s},${day} 10:30-11:30 Hall`,
        `bad-${s},B-${s},Lost,no-such-term,`,
      ]),
    );
    // A new student, and a row the New student form would refuse: no given name.
    await page.getByLabel("users.csv").setInputFiles(
      file("users.csv", [
        "sourcedId,role,givenName,familyName,email",
        `u-${s},student,New,Learner ${s},learner-${s.toLowerCase()}@school.test`,
        `nofirst-${s},student,,Nofirst,nofirst-${s.toLowerCase()}@school.test`,
      ]),
    );
    await page.getByLabel("enrollments.csv").setInputFiles(
      file("enrollments.csv", [
        "classSourcedId,userSourcedId,role",
        `class-${s},demo-student-160,student`,
        `clash-${s},demo-student-160,student`,
        `bad-${s},demo-student-161,student`,
        `class-${s},u-${s},student`,
      ]),
    );
    await page.getByLabel("Skip rows with problems").check();
    await page.getByRole("button", { name: "Check files" }).click();
    await expect(page.getByRole("heading", { name: "Rows with problems (3): skipped when you apply" })).toBeVisible();
    await expect(page.getByRole("row", { name: /users\.csv 3 givenName: Enter a given name\./ })).toBeVisible();
    // The files' own times: the choir meets during the walk. Made anyway, as an admin's tick may be, and said.
    const clashes = page.getByRole("region", { name: "Clashes (1)" });
    await expect(clashes).toContainText("These enrollments will be made though the class meets when another of the student's does");
    await expect(clashes.getByRole("listitem")).toHaveText([`C-${s} (${day} 10:30–11:30) clashes with W-${s} (${day} 10:00–11:00), which Jonah Andersen is in.`]);
    await expect(page.getByRole("row", { name: /termSourcedIds “no-such-term” is not in academicSessions.csv or in Rollbook/ })).toBeVisible();
    await page.getByRole("button", { name: "Apply import, skipping 3 rows" }).click();
    await expect(page.getByRole("heading", { name: "Import applied" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Rows with problems (3): skipped" })).toBeVisible();
    const importUrl = page.url();

    // The term and its class are there; the bad class is not.
    await page.goto("/admin/terms");
    await page.getByRole("link", { name: `Winter ${s}` }).click();
    await expect(page.getByText("6 Jan 2031 – 28 Mar 2031")).toBeVisible();
    await expect(page.getByRole("link", { name: `W-${s}` })).toBeVisible();
    await page.goto(`/admin/classes?q=B-${s}`);
    await expect(page.getByRole("status").filter({ hasText: "0 classes" })).toBeVisible();
    if (javaScriptEnabled) await expectAccessible(page);

    // Undo is whole: the enrollments, and the student, classes and term the import made.
    await page.goto(importUrl);
    await page.getByRole("button", { name: "Undo" }).click();
    await expect(page.getByText("Deleted what it made: 1 student, 2 classes, 1 term.").first()).toBeVisible();
    await page.goto(importUrl);
    await expect(page.getByRole("heading", { level: 1, name: "Import undone" })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "This import was undone" })).toContainText("Deleted what it made: 1 student, 2 classes, 1 term.");
    await page.goto(`/admin/classes?q=W-${s}`);
    await expect(page.getByRole("status").filter({ hasText: "0 classes" })).toBeVisible();
    await page.goto(`/admin/students?q=Learner ${s}`);
    await expect(page.getByRole("status").filter({ hasText: "0 students" })).toBeVisible();
    // The audit log has both: what the import made, and the undo that deleted it.
    await page.goto("/admin/audit?kind=STUDENT");
    await expect(page.getByRole("listitem").filter({ hasText: `Student deleted: New Learner ${s}` })).toContainText("by an undo");
    await expect(page.getByRole("listitem").filter({ hasText: `Student made: New Learner ${s}` })).toContainText("by an import");
    if (javaScriptEnabled) await expectAccessible(page);
  });
}

test("an admin downloads the whole school as one OneRoster zip and checks it back in: nothing would change", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/admin/import");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "oneroster.zip" }).click();
  const zip = await (await download).path();
  await page.getByLabel("OneRoster zip").setInputFiles(zip);
  await page.getByRole("button", { name: "Check files" }).click();
  await expect(page.getByText("0 enrollments to add, 0 enrollments to remove")).toBeAttached();
  const preview = page.getByRole("definition");
  await expect(preview.filter({ hasText: /^[\d,]+ unchanged$/ })).toHaveCount(4); // terms, students, teachers, classes
  await expect(page.getByRole("term").filter({ hasText: "Rows with problems" }).locator("xpath=following-sibling::dd")).toHaveText("0");
  await expectAccessible(page);

  // A zip and a file at once is one too many.
  await page.goto("/admin/import");
  await page.getByLabel("OneRoster zip").setInputFiles(zip);
  await page.getByLabel("users.csv").setInputFiles({ name: "users.csv", mimeType: "text/csv", buffer: Buffer.from("sourcedId\n") });
  await page.getByRole("button", { name: "Check files" }).click();
  await expect(page.getByText("Upload the zip or the files, not both.")).toBeVisible();
});
