import { expect, test } from "@playwright/test";
import { createClass, signIn } from "./fixtures";

// A bad request gets a clear 4xx and changes nothing, never a 500 (issue 10).

test("broken percent-escapes in an address answer 400, signed out or in", async ({ page, request }) => {
  const paths = ["/admin/classes/%E0%A4%A", "/admin/students/%E0%A4%A", "/teacher/classes/%E0%A4%A"];
  for (const path of paths) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(400);
    expect(await response.text()).toBe("This address is malformed: check the link.");
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  }
  await signIn(page, "admin");
  for (const path of paths) expect((await page.request.get(path)).status(), path).toBe(400);
});

test("a server action sent from another site answers 403 and changes nothing", async ({ page, baseURL }) => {
  await signIn(page, "admin");
  const classUrl = await createClass(page, { code: "XSITE-1", title: "Cross Site" });
  // The class's edit form, posted as another site's page would post it (the admin's cookie goes along).
  await page.goto(`${classUrl}/edit`);
  const fields = await formFields(page, "Save class");
  const forged = { ...fields, title: "Renamed by another site" };
  const response = await page.request.post(`${classUrl}/edit`, { multipart: forged, headers: { origin: "https://evil.example" } });
  expect(response.status()).toBe(403);
  expect(await response.text()).toBe("This request came from another site: refused.");
  await page.goto(classUrl);
  await expect(page.getByRole("heading", { level: 1, name: "XSITE-1 Cross Site" })).toBeVisible();
  // The same post from the app's own page goes through: the test can fail.
  const own = await page.request.post(`${classUrl}/edit`, { multipart: forged, headers: { origin: baseURL! } });
  expect(own.status()).toBeLessThan(400);
  await page.goto(classUrl);
  await expect(page.getByRole("heading", { level: 1, name: "XSITE-1 Renamed by another site" })).toBeVisible();
});

test("a forged bound id answers 404 and a malformed one 400, not 500", async ({ browser, baseURL }) => {
  // Without JavaScript the form carries its action's bound arguments in hidden fields.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, "admin");
  const classUrl = await createClass(page, { code: "BOUND-1", title: "Bound" });
  await page.goto(`${classUrl}/edit`);
  const fields = await formFields(page, "Save class");
  const boundField = Object.keys(fields).find((k) => /^\$ACTION_\d+:1$/.test(k) && fields[k]!.startsWith('["'))!;
  for (const forgedId of [JSON.stringify("x".repeat(100)), "123", "null", JSON.stringify({ id: "lc-1" })]) {
    const value = fields[boundField]!.replace(/^\["[^"]*"/, `[${forgedId}`);
    const response = await page.request.post(`${classUrl}/edit`, { multipart: { ...fields, [boundField]: value }, headers: { origin: baseURL! } });
    expect(response.status(), forgedId.slice(0, 20)).toBe(404);
  }
  // Arguments React's decoder refuses before the action runs (a 1 MB id, nested 20,000 deep, not JSON): 400.
  const bigId = fields[boundField]!.replace(/^\["[^"]*"/, `[${JSON.stringify("x".repeat(1_000_000))}`);
  for (const malformed of [bigId, "[".repeat(20_000) + "]".repeat(20_000), "[not json"]) {
    const response = await page.request.post(`${classUrl}/edit`, { multipart: { ...fields, [boundField]: malformed }, headers: { origin: baseURL! } });
    expect(response.status(), malformed.slice(0, 20)).toBe(400);
  }
  await page.goto(classUrl);
  await expect(page.getByRole("heading", { level: 1, name: "BOUND-1 Bound" })).toBeVisible();
  await context.close();
});

test("undo after the class it touched was deleted says so", async ({ page }) => {
  await signIn(page, "admin");
  const classUrl = await createClass(page, { code: "GONE-1", title: "Soon Gone" });
  await page.goto(`${classUrl}?q=${encodeURIComponent("Sam Student")}`);
  await page.getByRole("checkbox", { name: /Sam Student/ }).first().check();
  await expect(page.getByRole("heading", { name: "Roster (1 student)" })).toBeVisible();
  await page.getByRole("checkbox", { name: /Sam Student/ }).first().uncheck();
  await expect(page.getByRole("heading", { name: "Roster (0 students)" })).toBeVisible();
  await page.goto(`${classUrl}/delete`);
  await page.getByRole("button", { name: "Delete class" }).click();
  await expect(page).toHaveURL(/\/admin\/classes$/);
  await page.goto("/admin");
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "can't be undone" })).toHaveText(
    "This change can't be undone: GONE-1 was deleted since.",
  );
});

/** A form's fields as the browser would send them (hidden ones included), by its submit button. */
async function formFields(page: import("@playwright/test").Page, button: string): Promise<Record<string, string>> {
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: button }) });
  return form.evaluate((el: HTMLFormElement) => {
    const fields: Record<string, string> = {};
    for (const input of Array.from(el.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>("input, textarea, select"))) {
      if (!input.name || (input instanceof HTMLInputElement && input.type === "checkbox" && !input.checked)) continue;
      fields[input.name] = input.value;
    }
    return fields;
  });
}

test("every list's search takes %, _ and quotes as text, as the people search does (issue 23)", async ({ page }) => {
  await signIn(page, "admin");
  const s = Date.now().toString(36).slice(-5).toUpperCase();
  await createClass(page, { code: `PCT-${s}`, title: `100% ${s}_club` });
  const queries: [string, string][] = [
    [`% ${s}`, "1 class"],
    [`${s}_`, "1 class"],
    [`1_0% ${s}`, "0 classes"],
    [`${s}%`, "0 classes"],
    [`'${s}`, "0 classes"],
  ];
  for (const [q, count] of queries) {
    await page.goto(`/admin/classes?q=${encodeURIComponent(q)}`);
    await expect(page.getByRole("status").filter({ hasText: "matching" }), q).toHaveText(new RegExp(`^${count} matching “${q.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}”`));
  }
  // The people search, for the same input.
  await page.goto(`/admin/students?q=${encodeURIComponent("%")}`);
  await expect(page.getByRole("status").filter({ hasText: "matching" })).toHaveText(/^0 students matching “%”/);
});
