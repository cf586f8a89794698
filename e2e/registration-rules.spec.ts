import { expect, test } from "@playwright/test";
import { createClass, e2eSql, expectAccessible, signIn } from "./fixtures";

// Registration rules about the student (issue 24, decisions 039 and 040).
// Holds: an admin places a hold on a student with a reason and whom to see;
// the student sees it, and a class can't be added while it holds; an admin's
// own tick is asked first and may pass it with a reason, kept in the history;
// lifting it lets the student add classes again. Load limits: a term's most
// classes; a student at it sees why a class can't be added; an admin passes it.

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

    test("a priority window: a group's registration opens at its own time; the student sees it and waits; removed, the class is theirs to add", async ({ browser, page }) => {
      const s = stamp();
      const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
      await signIn(page, "admin");
      // A group, filled by pasting student numbers: a line that names nobody is said, nobody added.
      await page.goto("/admin/groups");
      await page.getByLabel("Name").fill(`Seniors ${s}`);
      await page.getByRole("button", { name: "Make group" }).click();
      await expect(page.getByRole("heading", { level: 1, name: `Seniors ${s}` })).toBeVisible();
      const groupUrl = page.url();
      await page.getByLabel("Student numbers or emails").fill("S26002\nnobody-" + s + "@nowhere.test");
      await page.getByRole("button", { name: "Add to the group" }).click();
      await expect(page.getByText(`No student has this number or email: nobody-${s.toLowerCase()}@nowhere.test. Nobody was added.`)).toBeVisible();
      await page.getByLabel("Student numbers or emails").fill("S26002");
      await page.getByRole("button", { name: "Add to the group" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Added 1 student." })).toBeVisible();
      await expect(page.getByRole("region", { name: /^Students/ }).getByRole("link", { name: "Rita Reyes" })).toBeVisible();
      if (javaScriptEnabled) await expectAccessible(page);

      // A term with a class, and the group's window opening later.
      await page.goto("/admin/terms/new");
      await page.getByLabel("Name").fill(`Win ${s}`);
      await page.getByLabel("First day").fill(day(-1));
      await page.getByLabel("Last day").fill(day(30));
      await page.getByRole("button", { name: "Create term" }).click();
      await expect(page.getByRole("heading", { level: 1, name: `Win ${s}` })).toBeVisible();
      const termUrl = page.url();
      await page.goto(`/admin/classes/new?term=${termUrl.split("/").pop()}`);
      await page.getByLabel("Code", { exact: true }).fill(`WIN-${s}`);
      await page.getByLabel("Title").fill("Window seminar");
      await page.getByLabel("Students may enroll themselves").check();
      await page.getByRole("button", { name: "Create class" }).click();
      await expect(page.getByRole("heading", { level: 1, name: `WIN-${s} Window seminar` })).toBeVisible();
      const classUrl = page.url();
      await page.goto(termUrl);
      const windows = page.getByRole("region", { name: "Registration windows" });
      await windows.getByLabel("For").selectOption({ label: `Seniors ${s}` });
      await windows.getByLabel("Opens at").fill("2030-01-06T09:00");
      await windows.getByLabel("Random slots (optional)").fill("2");
      await windows.getByRole("button", { name: "Add window" }).click();
      await expect(page.getByText("Say how many hours apart the slots open.")).toBeVisible();
      await page.getByRole("region", { name: "Registration windows" }).getByLabel("Hours between slots").fill("24");
      await page.getByRole("region", { name: "Registration windows" }).getByRole("button", { name: "Add window" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Window added." })).toBeVisible();
      await expect(page.getByRole("region", { name: "Registration windows" })).toContainText(`Seniors ${s} (1 student): from`);
      await expect(page.getByRole("region", { name: "Registration windows" })).toContainText("in 2 random slots 24 hours apart");
      if (javaScriptEnabled) await expectAccessible(page);

      // The student sees her time (her slot's, 6 or 7 January 2030) and can't add the class yet.
      const context = await browser.newContext({ javaScriptEnabled });
      const student = await context.newPage();
      await signIn(student, "student2");
      await student.goto(`/student?q=WIN-${s}`);
      const time = new RegExp(`Your registration for Win ${s} opens (6|7) Jan 2030, 09:00\\.`);
      await expect(student.getByRole("region", { name: "Your registration time" })).toContainText(time);
      await expect(student.getByRole("checkbox", { name: `WIN-${s} Window seminar` })).toBeDisabled();
      await expect(student.getByText(time).last()).toBeVisible();
      if (javaScriptEnabled) await expectAccessible(student);

      // The window removed: the term opens to all as its classes say; she may add it.
      await page.getByRole("button", { name: `Remove the window of Seniors ${s}` }).click();
      await expect(page.getByRole("status").filter({ hasText: "Window removed." })).toBeVisible();
      await student.goto(`/student?q=WIN-${s}`);
      await expect(student.getByRole("region", { name: "Your registration time" })).toHaveCount(0);
      await expect(student.getByRole("checkbox", { name: `WIN-${s} Window seminar` })).toBeEnabled();

      // Tidy up: the class, the term, the group.
      await page.goto(`${classUrl}/delete`);
      await page.getByRole("button", { name: "Delete class" }).click();
      await expect(page).toHaveURL(/\/admin\/classes$/);
      await page.goto(`${termUrl}/delete`);
      await page.getByRole("button", { name: "Delete term" }).click();
      await expect(page).toHaveURL(/\/admin\/terms$/);
      await page.goto(`${groupUrl}/delete`);
      await page.getByRole("button", { name: "Delete group" }).click();
      await expect(page).toHaveURL(/\/admin\/groups$/);
      await context.close();
    });

    test("a load limit: the student at their term's limit sees why a class can't be added; the admin passes it as an overload", async ({ browser, page }) => {
      const s = stamp();
      const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
      await signIn(page, "admin");
      // The term, with its limit: a wrong one is said beside the field.
      await page.goto("/admin/terms/new");
      await page.getByLabel("Name").fill(`Load ${s}`);
      await page.getByLabel("First day").fill(day(-1));
      await page.getByLabel("Last day").fill(day(30));
      await page.getByLabel("Most classes a student may take").fill("0");
      await page.getByRole("button", { name: "Create term" }).click();
      await expect(page.getByText("The most classes must be a whole number from 1 to 99, or empty for no limit.")).toBeVisible();
      await page.getByLabel("Most classes a student may take").fill("1");
      await page.getByRole("button", { name: "Create term" }).click();
      await expect(page.getByRole("heading", { level: 1, name: `Load ${s}` })).toBeVisible();
      await expect(page.getByRole("region", { name: "Details" })).toContainText("Most classes a student may take1");
      const termUrl = page.url();
      const classes: string[] = [];
      for (const code of [`LOADA-${s}`, `LOADB-${s}`]) {
        // The term page's "New class": the form comes with the term chosen.
        await page.goto(`/admin/classes/new?term=${termUrl.split("/").pop()}`);
        await expect(page.getByLabel("Term").locator("option:checked")).toContainText(`Load ${s}`);
        await page.getByLabel("Code", { exact: true }).fill(code);
        await page.getByLabel("Title").fill("Load seminar");
        await page.getByLabel("Students may enroll themselves").check();
        await page.getByRole("button", { name: "Create class" }).click();
        await expect(page.getByRole("heading", { level: 1, name: `${code} Load seminar` })).toBeVisible();
        classes.push(page.url());
      }

      // The student takes one: the other can't be ticked, and says why and who can help.
      const context = await browser.newContext({ javaScriptEnabled });
      const student = await context.newPage();
      await signIn(student, "student2");
      await student.goto(`/student?q=LOADA-${s}`);
      await student.getByRole("checkbox", { name: `LOADA-${s} Load seminar` }).check();
      if (javaScriptEnabled) await expect(student.getByRole("region", { name: "Open classes" }).getByText(/^Enrolled /)).toBeVisible();
      else await student.getByRole("button", { name: "Enroll in the ticked classes" }).click();
      await student.goto(`/student?q=LOADB-${s}`);
      await expect(student.getByRole("checkbox", { name: `LOADB-${s} Load seminar` })).toBeDisabled();
      await expect(student.getByText(`You're in 1 class of Load ${s}, the most you may take: drop one first, or ask an admin to allow an overload.`)).toBeVisible();
      if (javaScriptEnabled) await expectAccessible(student);

      // The admin enrolls her past it: asked first (with JavaScript), or told in the Save's review (without).
      await page.goto(`/admin/students/${RITA}?term=all`);
      const box = page.getByRole("checkbox", { name: new RegExp(`^LOADB-${s} Load seminar`) });
      if (javaScriptEnabled) {
        await box.click();
        const question = page.getByRole("group", { name: "Enroll as an exception" });
        await expect(question).toContainText(`Rita Reyes is in 1 class of Load ${s}, the most a student may take. Enroll anyway, as an exception?`);
        await question.getByLabel("Reason (kept in the history)").fill("Final-year student");
        await question.getByRole("button", { name: "Enroll anyway" }).click();
        await expect(box).toBeChecked();
      } else {
        await box.check();
        await page.getByRole("button", { name: "Save" }).click();
        await expect(page.getByRole("status").filter({ hasText: "Load limits (passed, and kept in the history, if you save)" })).toContainText(
          `Rita Reyes would be in 2 classes of Load ${s}, past the most a student may take (1).`,
        );
        await page.getByRole("button", { name: "Confirm save" }).click();
        await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
      }
      await page.goto(`/admin/students/${RITA}/history`);
      await expect(page.getByText(`passes the load limit (2 of 1 in Load ${s})${javaScriptEnabled ? ": Final-year student" : ""}`)).toBeVisible();

      // Tidy up: the classes go (their enrollments with them, recorded), then the term.
      for (const url of classes) {
        await page.goto(`${url}/delete`);
        await page.getByRole("button", { name: "Delete class" }).click();
        await expect(page).toHaveURL(/\/admin\/classes$/);
      }
      await page.goto(`${termUrl}/delete`);
      await page.getByRole("button", { name: "Delete term" }).click();
      await expect(page).toHaveURL(/\/admin\/terms$/);
      await context.close();
    });
  });
}
