import { expect, test } from "@playwright/test";
import { e2eDatabaseUrl } from "../playwright.config";
import { expectAccessible, signIn } from "./fixtures";

// "Back up now" copies the running database (docs/decisions/017).
test("an admin backs up the database while the app runs, and sees the copy listed", async ({ page }) => {
  test.skip(!e2eDatabaseUrl.startsWith("file:"), "PostgreSQL is backed up with pg_dump: the page says so");
  await signIn(page, "admin");
  await page.getByRole("link", { name: "Backups" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Backups" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Back up now" }).click();
  const status = page.getByRole("status").filter({ hasText: "Backed up" });
  await expect(status).toHaveText(/^Backed up: rollbook-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.db \([\d,]+ KB\)\.$/);
  const name = /rollbook-[^ ]+\.db/.exec((await status.textContent())!)![0];
  await page.reload();
  await expect(page.getByRole("row", { name: new RegExp(name.replaceAll(".", "\\.")) })).toBeVisible();
});

test("on PostgreSQL the backups page names pg_dump", async ({ page }) => {
  test.skip(e2eDatabaseUrl.startsWith("file:"), "SQLite: the story above");
  await signIn(page, "admin");
  await page.goto("/admin/backups");
  await expect(page.getByText("back it up with pg_dump")).toBeVisible();
});
