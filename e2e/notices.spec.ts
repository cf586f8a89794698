import { expect, test, type Page } from "@playwright/test";
import { createClass, e2eSql, expectAccessible, signIn } from "./fixtures";

// Notices (issue 11): what an admin does to a student's classes, a seat
// from the waitlist, new times and a cancellation reach the student's inbox
// (with an unread count in the header) and the email outbox, which admins
// can read even with no mail server set (the e2e servers have none).

const stamp = () => Date.now().toString(36).slice(-5).toUpperCase();
const inboxLink = (page: Page) => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Inbox/ });

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test("a student is told of a seat from the waitlist, new times and a cancellation; an admin reads the outbox", async ({ browser, page }) => {
      const s = stamp();
      const code = `NOTE-${s}`;
      const day = javaScriptEnabled ? "Sat" : "Sun";

      // Sam starts as the demo has him: told by email too.
      await e2eSql([[`UPDATE "User" SET "emailNotices" = TRUE WHERE "email" = $1`, ["student@rollbook.test"]]]);
      // The admin makes a one-seat class with Rita Reyes in it; Sam Student waits for it.
      await signIn(page, "admin");
      const classUrl = await createClass(page, { code, title: "Notices club", capacity: "1", selfEnrollment: true });
      await page.goto(`${classUrl}?q=${encodeURIComponent("Rita Reyes")}`);
      await page.getByRole("checkbox", { name: /Rita Reyes/ }).first().check();
      await expect(page.getByRole("heading", { name: "Roster (1 student)" })).toBeVisible();
      const sam = await (await browser.newContext({ javaScriptEnabled })).newPage();
      await signIn(sam, "student");
      await sam.goto(`/student?q=${code}`);
      await sam.getByRole("button", { name: `Join the waitlist for ${code}` }).click();
      const waiting = sam.getByRole("listitem").filter({ has: sam.getByRole("checkbox", { name: `${code} Notices club` }) });
      await expect(waiting.getByText("On the waitlist: number 1")).toBeVisible();

      // The admin removes Rita (Sam gets the seat), then moves the class.
      await page.goto(classUrl);
      const roster = page.getByRole("region", { name: /Roster/ });
      await roster.getByRole("checkbox", { name: /Rita Reyes/ }).click();
      await roster.getByRole("button", { name: "Remove anyway" }).click();
      await expect(roster.getByRole("status").filter({ hasText: "Promoted from the waitlist: Sam Student." })).toBeVisible();
      await page.goto(`${classUrl}/edit`);
      await page.getByLabel("Meets").fill(`${day} 07:00-07:30 Room 9`);
      await page.getByRole("button", { name: "Save class" }).click();
      // Said first, nothing saved yet: who will be told.
      await expect(page.getByRole("alert").filter({ hasText: "Nothing is saved yet." })).toContainText("1 student (enrolled or waiting) will be told of the new times");
      await page.getByRole("button", { name: "Save anyway" }).click();
      await expect(page.getByText(`${day} 07:00–07:30, Room 9`)).toBeVisible();

      // Sam's header counts what's unread; the inbox says what happened, newest first.
      await sam.goto("/student");
      await expect(inboxLink(sam)).toHaveText(/^Inbox \d+ unread$/);
      await inboxLink(sam).click();
      await expect(sam.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
      const notices = sam.getByRole("region", { name: "Notices" }).getByRole("listitem");
      await expect(notices.nth(0)).toContainText(`${code} Notices club now meets ${day} 07:00–07:30, Room 9.`);
      await expect(notices.nth(1)).toContainText(`A place came free in ${code} Notices club and you were first on its waitlist: you're enrolled.`);
      await expect(notices.nth(0)).toContainText(/^New/);
      if (javaScriptEnabled) await expectAccessible(sam);
      await sam.getByRole("button", { name: "Mark all as read" }).click();
      await expect(sam.getByRole("status").filter({ hasText: /notices? marked as read\.$/ })).toBeVisible();
      await expect(inboxLink(sam)).toHaveText("Inbox");
      await expect(notices.nth(0)).not.toContainText("New");

      // Sam wants the inbox only: the next notice comes here, without an email.
      await sam.getByLabel("Here only, without email").check();
      await sam.getByRole("button", { name: "Save" }).click();
      await expect(sam.getByText("Saved: your notices stay here, without email.")).toBeVisible();
      await page.goto(`${classUrl}/delete`);
      await page.getByRole("button", { name: "Delete class" }).click();
      await expect(page).toHaveURL(/\/admin\/classes$/);
      await sam.goto("/student/inbox");
      await expect(inboxLink(sam)).toHaveText("Inbox 1 unread");
      await expect(notices.nth(0)).toContainText(`${code} Notices club has been cancelled: you're no longer enrolled in it.`);
      await expect(sam.getByLabel("Here only, without email")).toBeChecked();

      // Rita (who has no inbox open) was told too.
      const rita = await (await browser.newContext({ javaScriptEnabled })).newPage();
      await signIn(rita, "student2");
      await rita.goto("/student/inbox");
      await expect(rita.getByRole("region", { name: "Notices" })).toContainText(`Ada Admin removed you from ${code} Notices club.`);

      // The outbox: no mail server, so the emails wait, readable; none for the cancellation Sam chose not to get by email.
      await page.goto("/admin/outbox?state=WAITING");
      await expect(page.getByText("No mail server is set")).toBeVisible();
      // Rita's enrollment and Sam's seat were each emailed.
      await expect(page.getByRole("row").filter({ hasText: `You're enrolled in ${code}` })).toHaveCount(2);
      const samsEmail = page.getByRole("row").filter({ hasText: `You're enrolled in ${code}` }).filter({ hasText: "Sam Student <student@rollbook.test>" });
      await expect(samsEmail).toContainText("Waiting for a mail server");
      await samsEmail.getByText(`You're enrolled in ${code}`).click();
      await expect(samsEmail).toContainText("Hello Sam Student,");
      await expect(page.getByRole("row").filter({ hasText: `You're no longer in ${code}` })).toContainText("Rita Reyes");
      await expect(page.getByRole("row").filter({ hasText: `New times for ${code}` })).toHaveCount(1);
      await expect(page.getByRole("row").filter({ hasText: `${code} has been cancelled` })).toHaveCount(0);
      if (javaScriptEnabled) await expectAccessible(page);

      // An email the mailer gave up on can be sent again.
      await page.goto("/admin/outbox?state=FAILED");
      await expect(page.getByRole("status").filter({ hasText: "No emails given up." })).toBeVisible();
      await e2eSql([
        [
          `INSERT INTO "OutboxEmail" ("toAddress", "toName", "subject", "body", "state", "attempts", "lastError", "createdAt", "dueAt") VALUES ($1, 'Nobody', $2, 'Hello', 'FAILED', 8, '550 No such user here', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
          [`nobody-${s}@students.test`, `Given up ${s}`],
        ],
      ]);
      await page.goto("/admin/outbox?state=FAILED");
      const failed = page.getByRole("row").filter({ hasText: `Given up ${s}` });
      await expect(failed).toContainText("Given up after 8 attempts: 550 No such user here");
      await failed.getByRole("button", { name: `Send again: Given up ${s}` }).click();
      await expect(page.getByRole("status").filter({ hasText: "It will be sent again: it waits with the others below." })).toBeVisible();
      await expect(page.getByRole("row").filter({ hasText: `Given up ${s}` })).toContainText("Waiting for a mail server");

      // Back as the demo has it: by email too.
      await sam.goto("/student/inbox");
      await sam.getByLabel("By email, and here").check();
      await sam.getByRole("button", { name: "Save" }).click();
      await expect(sam.getByText("Saved: you'll get an email too.")).toBeVisible();
    });
  });
}
