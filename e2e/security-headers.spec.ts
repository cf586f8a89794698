import { expect, test, type APIResponse } from "@playwright/test";
import { createClass, signIn } from "./fixtures";

// Every response carries the security headers (docs/decisions/013); pages a
// Content-Security-Policy whose nonce is new on every response and on every
// script the page has, and no inline script runs without it.

const demoClass = "/admin/classes/demo-class-math-101";

function expectCommonHeaders(response: APIResponse, what: string) {
  const headers = response.headers();
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"], what).toContain("camera=()");
  expect(headers["content-security-policy"], what).toContain("frame-ancestors 'none'");
  expect(headers["strict-transport-security"], `${what}: no HSTS over plain HTTP`).toBeUndefined();
}

/** A page's policy: scripts by nonce only, the same nonce on every script tag. Returns the nonce. */
async function expectPagePolicy(response: APIResponse, what: string): Promise<string> {
  expectCommonHeaders(response, what);
  const policy = response.headers()["content-security-policy"]!;
  const scriptSrc = /script-src ([^;]*)/.exec(policy)?.[1] ?? "";
  expect(scriptSrc, what).not.toContain("unsafe-inline");
  const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
  expect(nonce, `${what}: a nonce`).toBeTruthy();
  const html = await response.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length, `${what}: scripts`).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, what).toContain(`nonce="${nonce}"`);
  return nonce!;
}

test("every kind of response carries the security headers; pages get a fresh nonce each time", async ({ page, request }) => {
  // Signed out: the login page, a 404, a route handler, the API's document, a static file.
  const login1 = await expectPagePolicy(await request.get("/login"), "login page");
  const login2 = await expectPagePolicy(await request.get("/login"), "login page again");
  expect(login1).not.toBe(login2);
  const missing = await request.get("/no-such-page");
  expect(missing.status()).toBe(404);
  await expectPagePolicy(missing, "404 page");
  for (const path of ["/api/health", "/api/v1/openapi.json"]) {
    const response = await request.get(path);
    expectCommonHeaders(response, path);
    expect(response.headers()["content-security-policy"], path).toContain("default-src 'none'");
  }
  const html = await (await request.get("/login")).text();
  const chunk = /<script src="([^"]+)"/.exec(html)![1]!;
  expectCommonHeaders(await request.get(chunk), "a static script");
  // Behind an HTTPS proxy: HSTS too.
  const secure = await request.get("/login", { headers: { "x-forwarded-proto": "https" } });
  expect(secure.headers()["strict-transport-security"]).toMatch(/max-age=\d{8,}/);

  // Signed in: a page, a 403, a CSV, a class page rendered and then from the page cache.
  await signIn(page, "admin");
  await expectPagePolicy(await page.request.get("/admin"), "admin home");
  expectCommonHeaders(await page.request.get(`${demoClass}/roster.csv`), "roster CSV");
  // Each app process keeps its own cache: ask until one answers from it.
  const fromCache = async () => {
    let response: APIResponse | undefined;
    await expect
      .poll(async () => (response = await page.request.get(demoClass)).headers()["x-rollbook-cache"], { intervals: [0, 100, 250] })
      .toBe("hit");
    return response!;
  };
  const cached1 = await fromCache();
  const cached2 = await fromCache();
  const nonce1 = await expectPagePolicy(cached1, "cached class page");
  const nonce2 = await expectPagePolicy(cached2, "cached class page again");
  expect(nonce1).not.toBe(nonce2);

  // A server action's answer (the sign-out form) carries them too.
  const signOut = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "Sign out" }).click();
  const action = await signOut;
  expect(action.headers()["x-frame-options"]).toBe("DENY");
  expect(action.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  await expect(page).toHaveURL(/\/login$/);

  const student = await page.context().browser()!.newContext();
  const studentPage = await student.newPage();
  await signIn(studentPage, "student");
  const forbidden = await studentPage.request.get("/admin");
  expect(forbidden.status()).toBe(403);
  await expectPagePolicy(forbidden, "403 page");
  await student.close();
});

test("the app runs under its policy, and a script without the nonce does not", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await signIn(page, "admin");
  const classUrl = await createClass(page, { code: "CSP-1", title: "Policy Class" });
  // A tick saves through the page's JavaScript: the app's own scripts run.
  await page.goto(`${classUrl}?q=${encodeURIComponent("Sam Student")}`);
  await page.getByRole("checkbox", { name: /Sam Student/ }).first().check();
  await expect(page.getByRole("heading", { name: "Roster (1 student)" })).toBeVisible();
  expect(violations).toEqual([]);

  // What a stored script in a page would be (markup that got past escaping):
  // the page as the server sent it, headers and all, with a script and an
  // inline handler added. The browser runs neither.
  const context = await page.context().browser()!.newContext();
  const fresh = await context.newPage();
  await fresh.route("**/login", async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace("</body>", '<script>window.__injected = true</script><img src="/nope.png" onerror="window.__handler = true" alt=""></body>');
    await route.fulfill({ response, body });
  });
  const blocked: string[] = [];
  fresh.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
  });
  await fresh.goto("/login");
  await expect(fresh.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expect.poll(() => blocked.length).toBeGreaterThan(0);
  expect(await fresh.evaluate(() => (window as unknown as { __injected?: boolean }).__injected ?? false)).toBe(false);
  expect(await fresh.evaluate(() => (window as unknown as { __handler?: boolean }).__handler ?? false)).toBe(false);
  await context.close();
});
