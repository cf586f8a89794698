import { expect, test, type Browser, type Page } from "@playwright/test";
import { createClass, expectAccessible, signIn } from "./fixtures";

// Safe changes (issue 10): an untick that would seat someone from the
// waitlist says who, and waits for the admin to confirm.

function catalogRow(page: Page, code: string) {
  return page.getByRole("listitem").filter({ has: page.getByRole("checkbox", { name: new RegExp(`^${code} `) }) });
}

/**
 * Signs in as the admin and makes a one-seat class: Sam Student holds the
 * seat (the admin's tick), Rita Reyes waits (she joins in a browser of her
 * own). Returns the class page's address.
 */
async function fullClassWithAWaitlist(page: Page, browser: Browser, code: string, title: string): Promise<string> {
  await signIn(page, "admin");
  const classUrl = await createClass(page, { code, title, capacity: "1", selfEnrollment: true });
  await page.goto(`${classUrl}?q=${encodeURIComponent("Sam Student")}`);
  await page.getByRole("checkbox", { name: /Sam Student/ }).first().check();
  await expect(page.getByRole("heading", { name: "Roster (1 student)" })).toBeVisible();
  const rita = await (await browser.newContext()).newPage();
  await signIn(rita, "student2");
  await rita.goto(`/student?q=${code}`);
  await catalogRow(rita, code).getByRole("button", { name: `Join the waitlist for ${code}` }).click();
  await expect(rita.getByText("You are on the waitlist: number 1.")).toBeVisible();
  return classUrl;
}

test("an admin's untick that would promote someone from the waitlist names them and asks first", async ({ page, browser }) => {
  const classUrl = await fullClassWithAWaitlist(page, browser, "ASK-1", "Ask First");

  await page.goto(classUrl);
  const roster = page.getByRole("region", { name: /Roster/ });
  const sam = roster.getByRole("checkbox", { name: /Sam Student/ });
  await sam.click();
  const ask = roster.getByRole("group", { name: "Confirm the removal" });
  await expect(ask).toHaveText(/Removing Sam Student gives the seat to Rita Reyes from the waitlist\. Remove anyway\?/);
  await expectAccessible(page);
  // "Keep them enrolled": nothing changed.
  await ask.getByRole("button", { name: "Keep them enrolled" }).click();
  await expect(ask).toHaveCount(0);
  await expect(sam).toBeChecked();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Waitlist (1)" })).toBeVisible();
  await expect(roster.getByRole("checkbox", { name: /Sam Student/ })).toBeChecked();

  // "Remove anyway": Sam goes, Rita gets the seat, and the row says so.
  await roster.getByRole("checkbox", { name: /Sam Student/ }).click();
  await roster.getByRole("button", { name: "Remove anyway" }).click();
  // What was saved stays above the list (Sam's row goes when the page refreshes itself).
  const saved = roster.getByRole("status").filter({ hasText: "Saved: Sam Student removed · Promoted from the waitlist: Rita Reyes." });
  await expect(saved).toBeVisible();
  // The page refreshes itself after a tick: the waitlist and the roster follow.
  await expect(page.getByRole("heading", { name: "Waitlist (0)" })).toBeVisible();
  await expect(roster.getByRole("checkbox", { name: /Rita Reyes/ })).toBeChecked();

  // Undo, beside what was saved: Sam has his seat back, Rita her place in line.
  await expectAccessible(page);
  await saved.getByRole("button", { name: "Undo" }).click();
  await expect(roster.getByRole("status").filter({ hasText: "Undone" })).toHaveText(
    "Undone (+1 −1). Back on the waitlist, in the same place as before: Rita Reyes (ASK-1).",
  );
  await expect(page.getByRole("heading", { name: "Waitlist (1)" })).toBeVisible();
  await expect(page.getByRole("region", { name: /Waitlist/ })).toContainText("Rita Reyes");
  await expect(roster.getByRole("checkbox", { name: /Sam Student/ })).toBeChecked();
  await expect(roster.getByRole("checkbox", { name: /Rita Reyes/ })).toHaveCount(0);
  // An undo isn't undone: the admin home has nothing to offer.
  await page.goto("/admin");
  await expect(page.getByText("Nothing to undo.")).toBeVisible();
});

test("without JavaScript, the Save's review names who a removal would seat from the waitlist", async ({ page, browser }) => {
  const classUrl = await fullClassWithAWaitlist(page, browser, "ASK-2", "Ask First Too");

  const noJs = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await signIn(noJs, "admin");
  await noJs.goto(classUrl);
  const roster = noJs.getByRole("region", { name: /Roster/ });
  await roster.getByRole("checkbox", { name: /Sam Student/ }).uncheck();
  await roster.getByRole("button", { name: "Save" }).click();
  await expect(noJs.getByRole("status").filter({ hasText: "This will enroll 0 and remove 1 (Sam Student)." })).toContainText(
    "The removals give seats to Rita Reyes (ASK-2) from the waitlist. Confirm to save.",
  );
  await noJs.getByRole("button", { name: "Confirm save" }).click();
  await expect(noJs.getByRole("heading", { name: "Waitlist (0)" })).toBeVisible();
  await expect(noJs.getByRole("region", { name: /Roster/ }).getByRole("checkbox", { name: /Rita Reyes/ })).toBeChecked();

  // Undo beside "Saved", without JavaScript too.
  await noJs.getByRole("status").filter({ hasText: "Saved: 0 added, 1 removed." }).getByRole("button", { name: "Undo" }).click();

  await expect(noJs.getByRole("status").filter({ hasText: "Undone" })).toHaveText(
    "Undone (+1 −1). Back on the waitlist, in the same place as before: Rita Reyes (ASK-2).",
  );
  await expect(noJs.getByRole("heading", { name: "Waitlist (1)" })).toBeVisible();
  await expect(noJs.getByRole("region", { name: /Roster/ }).getByRole("checkbox", { name: /Sam Student/ })).toBeChecked();
});
