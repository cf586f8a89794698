import { expect, test } from "@playwright/test";
import { createClass, reloadUntilCached, signIn, today } from "./fixtures";

// Class pages are served from a cache after the first view (docs/decisions/008).
// A cached page must follow every change at once, and never reach someone
// who may no longer see it.
test("a cached roster follows every change and is never served to a teacher who lost the class", async ({ page, browser }) => {
  await signIn(page, "admin");
  const classUrl = await createClass(page, { code: "CACHE-1", title: "Cached Class" });
  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByLabel("Teacher").selectOption({ label: "Grace Hopper" });
  await page.getByRole("button", { name: "Save class" }).click();
  await expect(page.getByText("Grace Hopper")).toBeVisible();
  const rosterPath = new URL(classUrl).pathname.replace("/admin/", "/teacher/");

  const teacher = await (await browser.newContext()).newPage();
  await signIn(teacher, "teacher");
  expect((await teacher.goto(rosterPath))?.headers()["x-rollbook-cache"]).toBe("miss");
  await expect(teacher.getByText("0 students")).toBeVisible();
  await reloadUntilCached(teacher);

  // The admin enrolls a student: the teacher's next view shows them.
  await page.goto(`${classUrl}?q=${encodeURIComponent("Sam Student")}`);
  await page.getByRole("checkbox", { name: /Sam Student/ }).check();
  await expect(page.getByRole("heading", { name: "Roster (1 student)" })).toBeVisible();
  const view = await teacher.reload();
  expect(view?.headers()["x-rollbook-cache"]).toBe("miss");
  await expect(teacher.getByRole("row", { name: /Sam Student/ })).toContainText(today());

  // The admin gives the class to another teacher: the cached roster is gone, the page is a 404.
  await page.goto(classUrl);
  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByLabel("Teacher").selectOption({ label: "Alan Turing" });
  await page.getByRole("button", { name: "Save class" }).click();
  await expect(page.getByText("Alan Turing")).toBeVisible();
  expect((await teacher.reload())?.status()).toBe(404);
  await expect(teacher.getByRole("heading", { name: "Not found" })).toBeVisible();
});

// Next.js hides the headers of a client-side navigation or refresh from its
// proxy: the cache once answered those with its HTML, and the browser then
// reloaded the whole page (losing what the page showed, such as an Undo).
test("a cached class page refreshes in place: its RSC payload is never answered from the cache", async ({ page }) => {
  await signIn(page, "admin");
  const classUrl = await createClass(page, { code: "CACHE-3", title: "Refreshed in Place" });
  const address = `${classUrl}?q=${encodeURIComponent("Sam Student")}`;
  await page.goto(address);
  await reloadUntilCached(page);
  const payload = await page.request.get(address, { headers: { rsc: "1" } });
  expect(payload.headers()["content-type"]).toContain("text/x-component");
  expect(payload.headers()["x-rollbook-cache"]).toBeUndefined();

  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await page.getByRole("checkbox", { name: /Sam Student/ }).first().check();
  await expect(page.getByRole("heading", { name: "Roster (1 student)" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Saved: Sam Student enrolled." })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
});
