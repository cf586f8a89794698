import { expect, test } from "@playwright/test";
import { createClass, e2eSql, expectAccessible, signIn } from "./fixtures";

// Holds (issue 24, decision 039): an admin places a hold on a student with a
// reason and whom to see; the student sees it, and a class can't be added
// while it holds; an admin's own tick is asked first and may pass it with a
// reason, kept in the history; lifting it lets the student add classes again.

const stamp = () => Date.now().toString(36).slice(-5).toUpperCase();
const RITA = "demo-student-002";

// Whatever a run leaves (a failed step), the demo student is free again for the next spec.
test.afterEach(async () => {
  await e2eSql([[`DELETE FROM "Hold" WHERE "studentId" = $1`, [RITA]]]);
});

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("a hold: the student sees it and whom to see and can't add a class; the admin passes it with a reason, then lifts it", async ({ browser, page }) => {
      const s = stamp();
      const reason = `Library fines ${s}`;
      await signIn(page, "admin");
      await createClass(page, { code: `HOLD-${s}`, title: "Held seminar", selfEnrollment: true });

      // The form: a missing field is said beside it, nothing placed, what was typed kept.
      await page.goto(`/admin/students/${RITA}`);
      const holds = page.getByRole("region", { name: "Holds" });
      await expect(holds).toContainText("No hold: Rita Reyes may add classes.");
      await holds.getByText("Place a hold").click();
      await holds.getByLabel("Reason").fill(reason);
      await holds.getByRole("button", { name: "Place hold" }).click();
      await expect(page.getByText("Say who can lift it: the student is told to see them")).toBeVisible();
      await expect(page.getByRole("region", { name: "Holds" }).getByLabel("Reason")).toHaveValue(reason);
      await page.getByRole("region", { name: "Holds" }).getByLabel("Who can lift it").fill("the library");
      await page.getByRole("region", { name: "Holds" }).getByRole("button", { name: "Place hold" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Hold placed" })).toBeVisible();
      await expect(page.getByRole("region", { name: "Holds" }).getByRole("listitem").filter({ hasText: reason })).toContainText("the library can lift it");
      if (javaScriptEnabled) await expectAccessible(page);

      // The student sees the hold and whom to see; the class can't be ticked, and says why.
      const context = await browser.newContext({ javaScriptEnabled });
      const student = await context.newPage();
      await signIn(student, "student2");
      await student.goto(`/student?q=HOLD-${s}`);
      const banner = student.getByRole("region", { name: "A hold on your registration" });
      await expect(banner).toContainText(`A hold stops you adding classes: ${reason}. See the library to have it lifted.`);
      await expect(banner).toContainText("You can still drop classes and leave waitlists.");
      await expect(student.getByRole("checkbox", { name: `HOLD-${s} Held seminar` })).toBeDisabled();
      await expect(student.getByText("Your hold stops adding it: see the library.")).toBeVisible();
      if (javaScriptEnabled) await expectAccessible(student);

      // The admin ticks the class for her: asked first, then enrolled past the hold with a reason.
      await page.goto(`/admin/students/${RITA}`);
      await expect(page.getByText("Rita Reyes has a hold: a class ticked asks first")).toBeVisible();
      const box = page.getByRole("checkbox", { name: new RegExp(`^HOLD-${s} Held seminar`) });
      if (javaScriptEnabled) {
        await box.click();
        const question = page.getByRole("group", { name: "Enroll as an exception" });
        await expect(question).toContainText(`Rita Reyes has a hold: ${reason}. The library can lift it. Enroll anyway, as an exception?`);
        await question.getByRole("button", { name: "Enroll anyway" }).click();
        await expect(question.getByText("Say why: the reason is kept in the history.")).toBeVisible();
        await question.getByLabel("Reason (kept in the history)").fill("Exam retake");
        await question.getByRole("button", { name: "Enroll anyway" }).click();
        await expect(box).toBeChecked();
      } else {
        await box.check();
        await page.getByRole("button", { name: "Save" }).click();
        await expect(page.getByRole("status").filter({ hasText: "Holds (passed, and kept in the history, if you save)" })).toContainText(
          `Rita Reyes has a hold: ${reason}. The library can lift it.`,
        );
        await page.getByRole("button", { name: "Confirm save" }).click();
        await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
      }
      await page.goto(`/admin/students/${RITA}/history`);
      await expect(page.getByText(`passes a hold (the library: ${reason})${javaScriptEnabled ? ": Exam retake" : ""}`)).toBeVisible();
      await expect(page.getByText("Student hold placed").first()).toBeVisible();

      // Lifted, with a note: in the list of lifted holds and the history; the student may add classes again.
      await page.goto(`/admin/students/${RITA}`);
      const held = page.getByRole("region", { name: "Holds" }).getByRole("listitem").filter({ hasText: reason });
      await held.getByLabel("Note (optional)").fill("Fines paid");
      await held.getByRole("button", { name: "Lift hold" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Hold lifted." })).toBeVisible();
      await expect(page.getByRole("region", { name: "Holds" })).toContainText(`${reason} (the library): lifted`);
      await expect(page.getByRole("region", { name: "Holds" })).toContainText("Fines paid");
      if (javaScriptEnabled) await expectAccessible(page);
      await page.goto(`/admin/students/${RITA}/history`);
      await expect(page.getByText("Student hold lifted").first()).toBeVisible();

      await student.goto(`/student?q=HOLD-${s}`);
      await expect(student.getByRole("region", { name: "A hold on your registration" })).toHaveCount(0);
      await expect(student.getByText("Your hold stops adding it")).toHaveCount(0);

      // Tidy up: the class goes (its enrollment with it, recorded).
      await page.goto(`/admin/classes?q=HOLD-${s}`);
      await page.getByRole("link", { name: `HOLD-${s}` }).click();
      await page.getByRole("link", { name: "Delete" }).click();
      await page.getByRole("button", { name: "Delete class" }).click();
      await expect(page).toHaveURL(/\/admin\/classes$/);
      await context.close();
    });
  });
}
