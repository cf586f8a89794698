import { expect, test } from "@playwright/test";
import { e2eDatabaseUrl } from "../playwright.config";
import { expectAccessible, signIn } from "./fixtures";

// Backups (docs/decisions/017, 037): "Back up now" copies the running
// database (SQLite) or dumps it (PostgreSQL, pg_dump); a schedule the admin
// sets is run by the servers' background work; each backup is listed with
// its size and downloaded from the page.

const sqlite = e2eDatabaseUrl.startsWith("file:");
const NAME = /rollbook-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z\.(db|dump)/;

test("an admin backs up now, downloads the backup, and sets a schedule the server keeps", async ({ page }) => {
  await signIn(page, "admin");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Backups" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Backups" })).toBeVisible();
  // No server path on the page: the folder is named by its setting.
  await expect(page.getByText(/\/work\/|\/home\/|\/var\//)).toHaveCount(0);
  await expectAccessible(page);

  await page.getByRole("button", { name: "Back up now" }).click();
  const status = page.getByRole("status").filter({ hasText: "Backed up" });
  await expect(status).toHaveText(/^Backed up: rollbook-\S+ \([\d,]+ KB\)\./);
  const name = NAME.exec((await status.textContent())!)![0];
  expect(name.endsWith(sqlite ? ".db" : ".dump")).toBe(true);
  await page.reload();
  const row = page.getByRole("row", { name: new RegExp(name.replaceAll(".", "\\.")) });
  await expect(row).toBeVisible();

  // Downloaded whole: a SQLite database, or a pg_dump archive.
  const download = page.waitForEvent("download");
  await row.getByRole("link", { name: `Download ${name}` }).click();
  const file = await (await download).path();
  const { readFile } = await import("node:fs/promises");
  const head = (await readFile(file!)).subarray(0, 16).toString("latin1");
  expect(head.startsWith(sqlite ? "SQLite format 3" : "PGDMP")).toBe(true);
  expect((await page.request.get("/admin/backups/..%2F..%2F.env")).status()).toBe(404);

  // A schedule: the servers' background work makes the first backup at once, one server only.
  const before = await page.getByRole("row", { name: NAME }).count();
  await page.getByLabel("Back up on its own").selectOption({ label: "Every day" });
  await page.getByLabel("Backups to keep").fill("0");
  await page.getByRole("button", { name: "Save schedule" }).click();
  await expect(page.getByText("Keep from 1 to 365 backups.")).toBeVisible();
  await page.getByLabel("Backups to keep").fill("30");
  await page.getByRole("button", { name: "Save schedule" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved: the server backs up on this schedule." })).toBeVisible();
  // (The claim shows first; the backup's file a moment later.)
  await expect(async () => {
    await page.reload();
    await expect(page.getByText(/^Last scheduled backup /)).toBeVisible({ timeout: 1_000 });
    await expect(page.getByRole("row", { name: NAME })).toHaveCount(before + 1, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expectAccessible(page);

  // Off again, from the same form.
  await page.getByLabel("Back up on its own").selectOption({ label: "Never (by hand only)" });
  await page.getByRole("button", { name: "Save schedule" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved: the server makes no backups on its own." })).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the schedule form saves, and says what is wrong", async ({ page }) => {
    await signIn(page, "admin");
    await page.goto("/admin/backups");
    await page.getByLabel("Backups to keep").fill("many");
    await page.getByRole("button", { name: "Save schedule" }).click();
    await expect(page.getByText("Keep from 1 to 365 backups.")).toBeVisible();
    await page.getByLabel("Back up on its own").selectOption({ label: "Never (by hand only)" });
    await page.getByLabel("Backups to keep").fill("10");
    await page.getByRole("button", { name: "Save schedule" }).click();
    await expect(page.getByText("Saved: the server makes no backups on its own.")).toBeVisible();
  });
});
