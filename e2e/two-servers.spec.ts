import { expect, test } from "@playwright/test";
import { secondURL } from "../playwright.config";
import { createClass, reloadUntilCached, signIn, today } from "./fixtures";

test("two app servers on one database: signed in on both, a change on one shows on the other at once", async ({
  page,
  browser,
}) => {
  await signIn(page, "admin");
  const classUrl = new URL(await createClass(page, { code: "TWO-1", title: "Two Servers" })).pathname;

  // Cookies belong to the host, not the port: the session the first server made is sent to the second.
  await page.goto(`${secondURL}/admin/students/demo-student-150`);
  const box = page.getByRole("checkbox", { name: "TWO-1 Two Servers" });
  await box.check();
  await expect(page.getByRole("listitem").filter({ has: box }).getByText(`Enrolled ${today()}`)).toBeVisible();

  // The class page on the second server, seen twice: the second view comes from its page cache.
  await page.goto(`${secondURL}${classUrl}`);
  await expect(page.getByRole("heading", { name: "Roster (1 student)" })).toBeVisible();
  await reloadUntilCached(page);

  await page.goto(classUrl);
  const roster = page.getByRole("region", { name: /Roster/ });
  await expect(roster.getByRole("heading", { name: "Roster (1 student)" })).toBeVisible();
  // click, not uncheck: the row leaves the roster when the server answers, and uncheck() would
  // wait for a box that is gone to read as unticked (the heading below checks the result).
  await roster.getByRole("checkbox").click();
  await expect(roster.getByRole("heading", { name: "Roster (0 students)" })).toBeVisible();

  await page.goto(`${secondURL}/admin/students/demo-student-150`);
  await expect(page.getByRole("checkbox", { name: "TWO-1 Two Servers" })).not.toBeChecked();
  // The change made on the first server reaches the second's cached class page at once.
  await page.goto(`${secondURL}${classUrl}`);
  await expect(page.getByRole("heading", { name: "Roster (0 students)" })).toBeVisible();

  // Wrong passwords counted on either server hold the email back, from this browser, on both.
  const visitor = await (await browser.newContext()).newPage();
  const servers = ["", secondURL];
  for (let i = 0; i < 5; i++) {
    await visitor.goto(`${servers[i % 2]}/login`);
    await visitor.getByLabel("Email").fill("shared-lock@rollbook.test");
    await visitor.getByLabel("Password").fill(`guess-${i}`);
    await visitor.getByRole("button", { name: "Sign in" }).click();
    await expect(
      visitor.getByText(i < 4 ? "Wrong email or password." : /^Too many failed sign-ins from here\. Try again in \d+ seconds?\.$/),
    ).toBeVisible();
  }
});
