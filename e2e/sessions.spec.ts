import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import { openStudent, signIn } from "./fixtures";

// Sessions end on the server (docs/decisions/014): a copy of the session
// cookie is worth nothing once its session was signed out, whichever way.

/** A fresh browser holding only a copy of `from`'s cookies: what a stolen or left-behind cookie can do. */
async function withCopiedCookies(browser: Browser, from: BrowserContext) {
  const copy = await browser.newContext();
  await copy.addCookies(await from.cookies());
  return copy;
}

async function expectSignedOut(context: BrowserContext, path: string) {
  const page = await context.newPage();
  await page.goto(path);
  await expect(page).toHaveURL(/\/login$/);
  await page.close();
}

test("signing out ends the session: its cookie no longer signs anyone in", async ({ page, browser }) => {
  await signIn(page, "student");
  const copy = await withCopiedCookies(browser, page.context());
  // The copy works while the session lives.
  const before = await copy.newPage();
  await before.goto("/student");
  await expect(before.getByRole("heading", { name: "Welcome, Sam Student" })).toBeVisible();
  await before.close();
  // So does Auth.js's own session endpoint.
  const live = await copy.request.get("/api/auth/session");
  expect((await live.json()).user).toMatchObject({ name: "Sam Student", email: "student@rollbook.test" });

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expectSignedOut(copy, "/student");
  // Nor does the tick endpoint take it.
  const tick = await copy.request.post("/api/enrollment/tick", {
    data: { courseId: "demo-class-math-101", enrolled: true },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(tick.status()).toBe(401);
  // Auth.js's session endpoint says no one either, and clears the cookie rather than renewing it.
  const ended = await copy.request.get("/api/auth/session");
  expect(ended.status()).toBe(200);
  expect(await ended.json()).toBeNull();
  const renewed = ended.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie" && h.value.includes("session-token"));
  expect(renewed.every((h) => /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(h.value)), JSON.stringify(renewed)).toBe(true);
  await copy.close();
});

test("Auth.js's own sign-out endpoint ends the session too", async ({ page, browser }) => {
  await signIn(page, "teacher");
  const copy = await withCopiedCookies(browser, page.context());
  const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
  const signOut = await page.request.post("/api/auth/signout", { form: { csrfToken }, maxRedirects: 0 });
  expect(signOut.status()).toBeLessThan(400);
  await expectSignedOut(copy, "/teacher");
  await copy.close();
});

test("an admin signs a student out everywhere, at once", async ({ page, browser }) => {
  const studentContext = await browser.newContext();
  const student = await studentContext.newPage();
  await signIn(student, "student2");
  const elsewhere = await withCopiedCookies(browser, studentContext);

  await signIn(page, "admin");
  await openStudent(page, "Rita Reyes");
  await page.getByRole("link", { name: "Edit" }).click();
  const card = page.getByRole("region", { name: "Sign-in" });
  await expect(card).toContainText("student2@rollbook.test");
  await expect(card).toContainText(/[1-9]\d* sessions? open/);
  await card.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(card.getByRole("status")).toContainText(/Signed out everywhere: [1-9]\d* sessions? ended/);
  await page.reload();
  await expect(page.getByRole("region", { name: "Sign-in" })).toContainText("0 sessions open");

  await student.reload();
  await expect(student).toHaveURL(/\/login$/);
  await expectSignedOut(elsewhere, "/student");
  // The admin's own session goes on.
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin$/);
  await studentContext.close();
  await elsewhere.close();
});
