import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { createClass, expectAccessible, signIn } from "./fixtures";

// The audit log (issue 23, decision 036): a change to a class is on its
// history beside its enrollments, and on the admin's audit page, filtered by
// who and what, and in its CSV, each field before and after.

const stamp = () => Date.now().toString(36).slice(-5).toUpperCase();

for (const javaScriptEnabled of [true, false]) {
  test(`a class's changes are on its history, the audit page and its CSV (${javaScriptEnabled ? "with" : "without"} JavaScript)`, async ({ browser }) => {
    const page = await (await browser.newContext({ javaScriptEnabled })).newPage();
    await signIn(page, "admin");
    const code = `AUD-${stamp()}`;
    const classUrl = await createClass(page, { code, title: "Audited", capacity: "30" });

    // New times, a smaller capacity and a teacher, saved from the edit form.
    await page.goto(`${classUrl}/edit`);
    await page.getByLabel("Capacity").fill("25");
    await page.getByLabel("Meets").fill("Tue Thu 10:00-11:00 Room 9");
    await page.getByLabel("Teacher").selectOption({ label: "Grace Hopper" });
    await page.getByRole("button", { name: "Save class" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `${code} Audited` })).toBeVisible();

    // The class's history: the change, each field before and after, by whom and how; and its making.
    await page.goto(`${classUrl}/history`);
    const changed = page.getByRole("listitem").filter({ hasText: "Class changed" });
    await expect(changed).toContainText("by Ada Admin on a page");
    // Read aloud: "30 became 25"; seen: "30 → 25".
    await expect(changed.getByRole("definition").first()).toHaveText(/^30 →\s+became 25$/);
    await expect(changed).toContainText("Times");
    await expect(changed).toContainText("Tue, Thu 10:00–11:00, Room 9");
    await expect(changed).toContainText("Grace Hopper");
    await expect(page.getByRole("listitem").filter({ hasText: "Class made" })).toContainText("Audited");

    // The audit page: by what and who; one record's changes from its name.
    await page.goto("/admin/audit");
    await page.getByLabel("What").selectOption({ label: "Classes" });
    await page.getByLabel("Who").selectOption({ label: "Ada Admin" });
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/kind=CLASS/);
    await page.getByRole("link", { name: `${code} Audited: every change to it` }).first().click();
    await expect(page.getByRole("status")).toHaveText(/^2 changes to one record/);
    await expect(page.getByRole("listitem").filter({ hasText: "Class changed" })).toContainText(/Capacity\s*30 →\s+became 25/);
    if (javaScriptEnabled) await expectAccessible(page);

    // The same as a CSV: a line per field.
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download CSV" }).click();
    const csv = await readFile((await (await download).path())!, "utf8");
    expect(csv).toContain(`${code} Audited,Class changed,Capacity,30,25,`);
    expect(csv).toContain(`${code} Audited,Class made,Code,,${code},`);
    expect(csv.split("\r\n")[0]).toBe("\uFEFFEntry,When (UTC),Who,How,Record kind,Record id,Record,Change,Field,Before,After,Note");
  });
}

test("only admins read the audit log", async ({ browser }) => {
  for (const who of ["teacher", "student"] as const) {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, who);
    expect((await page.goto("/admin/audit"))?.status()).toBe(403);
    expect((await page.request.get("/admin/audit/audit.csv")).status()).toBe(404);
  }
  const anonymous = await (await browser.newContext()).newPage();
  expect((await anonymous.request.get("/admin/audit/audit.csv")).status()).toBe(401);
});
