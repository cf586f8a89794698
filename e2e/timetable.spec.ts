import { expect, test, type Page } from "@playwright/test";
import { e2eSql, expectAccessible, signIn } from "./fixtures";

// Meeting times (issue 11): an admin says when a class meets; a student sees
// their week, and a class that clashes with theirs can't be added; an admin
// is asked first and may go ahead, and the history keeps the clash.

const stamp = () => Date.now().toString(36).slice(-5).toUpperCase();

async function createTimedClass(page: Page, code: string, meets: string) {
  await page.goto("/admin/classes/new");
  await page.getByLabel("Code", { exact: true }).fill(code);
  await page.getByLabel("Title").fill("Weekend club");
  await page.getByLabel("Meets").fill(meets);
  await page.getByLabel("Students may enroll themselves").check();
  await page.getByRole("button", { name: "Create class" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${code} Weekend club` })).toBeVisible();
  return page.url();
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });
    // Each run its own day: no demo class meets at the weekend, and the two runs don't clash with each other.
    const [day, dayName] = javaScriptEnabled ? ["Sat", "Saturday"] : ["Sun", "Sunday"];

    test("a student sees their week and can't add a class that clashes; an admin is asked, goes ahead, and the history keeps it", async ({ browser, page }) => {
      const s = stamp();
      await signIn(page, "admin");

      // A mistake in the times: said beside the field, nothing saved, the text kept.
      await page.goto("/admin/classes/new");
      await page.getByLabel("Code", { exact: true }).fill(`CLUB-${s}`);
      await page.getByLabel("Title").fill("Weekend club");
      await page.getByLabel("Meets").fill(`${day} 10-11`);
      await page.getByRole("button", { name: "Create class" }).click();
      await expect(page.getByText(`“${day} 10-11”: write the times like 09:00-10:30, after the days.`)).toBeVisible();
      await expect(page.getByLabel("Meets")).toHaveValue(`${day} 10-11`);

      const first = await createTimedClass(page, `CLUB-${s}`, `${day} 10:00-11:00 Room 7`);
      await expect(page.getByText(`${day} 10:00–11:00, Room 7`)).toBeVisible();
      if (javaScriptEnabled) await expectAccessible(page);
      await createTimedClass(page, `BAND-${s}`, `${day} 10:30-11:30 Music room`);
      // The form shows the times as they were saved, ready to change.
      await page.getByRole("link", { name: "Edit" }).click();
      await expect(page.getByLabel("Meets")).toHaveValue(`${day} 10:30-11:30 Music room`);

      // The student enrolls in the first; their week shows it; the second is marked and can't be ticked.
      const context = await browser.newContext({ javaScriptEnabled });
      const student = await context.newPage();
      await signIn(student, "student");
      await student.goto(`/student?q=${s}`);
      await student.getByRole("checkbox", { name: `CLUB-${s} Weekend club` }).check();
      if (javaScriptEnabled) {
        await expect(student.getByRole("region", { name: "Open classes" }).getByText(/^Enrolled /)).toBeVisible();
        await student.reload();
      } else {
        await student.getByRole("button", { name: "Enroll in the ticked classes" }).click();
      }
      const mine = student.getByRole("region", { name: /^My classes/ });
      await expect(mine.getByRole("checkbox", { name: `CLUB-${s} Weekend club` })).toBeChecked();
      const week = student.getByRole("table").filter({ has: student.getByRole("columnheader", { name: dayName }) }).first();
      await expect(week.getByRole("row", { name: new RegExp(`^10:00–11:00 .*CLUB-${s} Weekend club, Room 7`) })).toBeVisible();
      await student.goto(`/student?q=${s}`);
      const band = student.getByRole("checkbox", { name: `BAND-${s} Weekend club` });
      await expect(band).toBeDisabled();
      await expect(student.getByText(`Clashes with CLUB-${s} (${day} 10:00–11:00): it can't be added.`)).toBeVisible();
      if (javaScriptEnabled) await expectAccessible(student);

      // The admin ticks the second class on the student's page: asked first, then enrolled anyway.
      await page.goto("/admin/students/demo-student-001");
      const box = page.getByRole("checkbox", { name: new RegExp(`^BAND-${s} Weekend club`) });
      await box.check();
      const clash = `BAND-${s} (${day} 10:30–11:30) clashes with CLUB-${s} (${day} 10:00–11:00), which Sam Student is in.`;
      if (javaScriptEnabled) {
        const question = page.getByRole("group", { name: "Enroll despite the clash" });
        await expect(question).toContainText(clash);
        await question.getByRole("button", { name: "Enroll anyway" }).click();
        await expect(box).toBeChecked();
      } else {
        await page.getByRole("button", { name: "Save" }).click();
        await expect(page.getByRole("status").filter({ hasText: "Clashes (kept in the history if you save)" })).toContainText(clash);
        await page.getByRole("button", { name: "Confirm save" }).click();
        await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
      }
      // The page is drawn again: the week marks both classes as a clash.
      const adminWeek = page.getByRole("region", { name: "Sam Student's week" });
      await expect(adminWeek.getByRole("row", { name: /^10:00–11:00 / })).toContainText("Clash");
      await expect(adminWeek.getByRole("row", { name: /^10:30–11:30 / })).toContainText(`BAND-${s} Weekend club, Music room Clash`);
      if (javaScriptEnabled) await expectAccessible(page);
      await page.goto("/admin/students/demo-student-001/history");
      await expect(page.getByText(`clashes with CLUB-${s} (${day} 10:00–11:00)`)).toBeVisible();

      // New times for a class: clear of Sam's other class, nothing to say; clashing, the class page names whom.
      await page.goto(`/admin/classes?q=BAND-${s}`);
      await page.getByRole("link", { name: `BAND-${s}` }).click();
      await expect(page.getByRole("heading", { level: 1, name: `BAND-${s} Weekend club` })).toBeVisible();
      const bandUrl = page.url();
      for (const [times, clashes] of [
        [`${day} 12:00-13:00 Music room`, null],
        [`${day} 10:45-11:45 Music room`, `BAND-${s} (${day} 10:45–11:45) clashes with CLUB-${s} (${day} 10:00–11:00), which Sam Student is in.`],
      ] as const) {
        await page.goto(`${bandUrl}/edit`);
        await page.getByLabel("Meets").fill(times);
        await page.getByRole("button", { name: "Save class" }).click();
        // Before anything is saved, the form says who is told and who would clash; the class keeps its times meanwhile.
        const ask = page.getByRole("alert").filter({ hasText: "Nothing is saved yet." });
        await expect(ask).toContainText("1 student (enrolled or waiting) will be told of the new times");
        if (clashes) await expect(ask).toContainText(`1 of them would then have another class at the same time (told so in their notice): Sam Student (CLUB-${s}).`);
        else await expect(ask).not.toContainText("same time");
        if (javaScriptEnabled) await expectAccessible(page);
        await page.getByRole("button", { name: "Save anyway" }).click();
        await expect(page.getByRole("heading", { level: 1, name: `BAND-${s} Weekend club` })).toBeVisible();
        const panel = page.getByRole("region", { name: "The new times clash" });
        if (clashes === null) {
          await expect(page).toHaveURL(bandUrl);
          await expect(panel).toHaveCount(0);
        } else {
          await expect(panel).toContainText("1 student now has another class at the same time:");
          await expect(panel.getByRole("listitem")).toHaveText([clashes]);
          // Sam's notice of the new times says where they clash for him.
          const [told] = (await e2eSql([[`SELECT n."text" FROM "Notice" n JOIN "Course" c ON c."id" = n."courseId" WHERE c."code" = $1 AND n."kind" = 'RESCHEDULED' ORDER BY n."id" DESC LIMIT 1`, [`BAND-${s}`]]])) as [{ text: string }];
          expect(told.text).toContain(`clashes with CLUB-${s} (${day} 10:00–11:00), which you're in. Choose which to keep`);
          if (javaScriptEnabled) await expectAccessible(page);
        }
      }

      // Tidy up: the classes go (their enrollments with them, recorded).
      for (const code of [`BAND-${s}`, `CLUB-${s}`]) {
        await page.goto(`/admin/classes?q=${code}`);
        await page.getByRole("link", { name: code }).click();
        await page.getByRole("link", { name: "Delete" }).click();
        await page.getByRole("button", { name: "Delete class" }).click();
        await expect(page).toHaveURL(/\/admin\/classes$/);
      }
      expect(first).toContain("/admin/classes/");
      await context.close();
    });
  });
}
