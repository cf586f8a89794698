import { expect, test, type APIRequestContext } from "@playwright/test";
import { accounts, e2eSql } from "./fixtures";

// Sign-in throttling can't be turned against the account's owner
// (docs/decisions/015): failures count per address, and per email at an
// address, never per email alone. The servers here take the client's
// address from X-Forwarded-For, as behind a proxy (ROLLBOOK_CLIENT_IP_HEADER).

/** One sign-in as a browser without JavaScript posts the form, from `address`; the message the page shows. */
async function attempt(request: APIRequestContext, origin: string, address: string, email: string, password: string): Promise<string> {
  const headers = { "x-forwarded-for": address };
  const html = await (await request.get("/login", { headers })).text();
  const form = /<form[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1] ?? "";
  const multipart: Record<string, string> = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/?>/g)) {
    multipart[m[1]!] = (m[2] ?? "").replaceAll("&quot;", '"').replaceAll("&amp;", "&");
  }
  const response = await request.post("/login", {
    multipart: { ...multipart, email, password },
    headers: { ...headers, origin },
    maxRedirects: 0,
  });
  if (response.status() === 303) return "signed in";
  const page = await response.text();
  return /Wrong email or password\.|Too many failed sign-ins from here\. Try again in [^.<]+\./.exec(page)?.[0] ?? `status ${response.status()}`;
}

test("100 wrong guesses from one address hold back that address, not the owner elsewhere", async ({ request, browser, baseURL }) => {
  const attacker = "203.0.113.7";
  const answers: string[] = [];
  for (let i = 0; i < 100; i++) answers.push(await attempt(request, baseURL!, attacker, accounts.admin.email, `wrong-${i}`));
  expect(answers.slice(0, 4)).toEqual(Array(4).fill("Wrong email or password."));
  expect(answers[4]).toBe("Too many failed sign-ins from here. Try again in 1 second.");
  expect(answers.slice(5).every((a) => a.startsWith("Too many failed sign-ins from here."))).toBe(true);
  // Even the right password waits, from there. The hold may be about to end (it said "1 second", or it
  // ran out while the guesses went on): guess on until it says at least 2 seconds are left, so that the
  // right password surely comes while the address is held (a slow machine made this flaky).
  let last = answers[99]!;
  for (let i = 0; i < 20 && !/Try again in ([2-9]|\d{2,}) seconds|Try again in \d+ minutes?/.test(last); i++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    last = await attempt(request, baseURL!, attacker, accounts.admin.email, `wrong-again-${i}`);
  }
  expect(last).toMatch(/^Too many failed sign-ins from here\. Try again in/);
  expect(await attempt(request, baseURL!, attacker, accounts.admin.email, accounts.admin.password)).toMatch(/^Too many failed sign-ins/);

  // The owner, from another address, signs in at once.
  const owner = await browser.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": "198.51.100.9" } });
  const page = await owner.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(accounts.admin.email);
  await page.getByLabel("Password").fill(accounts.admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await owner.close();
});

test("one address trying many unknown emails is held back, and leaves a bounded number of rows", async ({ request, baseURL }) => {
  const sprayer = "203.0.113.8";
  const answers: string[] = [];
  for (let i = 0; i < 30; i++) answers.push(await attempt(request, baseURL!, sprayer, `nobody-${i}@nowhere.test`, "guess"));
  expect(answers.slice(0, 19).every((a) => a === "Wrong email or password.")).toBe(true);
  expect(answers.slice(19).every((a) => a.startsWith("Too many failed sign-ins from here."))).toBe(true);
  // Refused attempts are not recorded: 19 emails and the address, each forgotten 15 minutes on.
  const [{ rows }] = (await e2eSql([[`SELECT COUNT(*) AS "rows" FROM "LoginThrottle" WHERE "key" LIKE $1`, [`% ${sprayer}`]]])) as [{ rows: unknown }];
  expect(Number(rows)).toBeLessThanOrEqual(21);
});

test("the right password clears the email's failures at that address: the owner's next typos start counting afresh", async ({ request, playwright, baseURL }) => {
  const home = "198.51.100.77";
  const typos = async (n: number) => {
    const answers: string[] = [];
    for (let i = 0; i < n; i++) answers.push(await attempt(request, baseURL!, home, accounts.teacher.email, `typo-${i}`));
    return answers;
  };
  // Each right password from a browser of its own: \`request\` stays signed out.
  const signIn = async () => {
    const browser = await playwright.request.newContext({ baseURL });
    const answer = await attempt(browser, baseURL!, home, accounts.teacher.email, accounts.teacher.password);
    await browser.dispose();
    return answer;
  };
  expect(await typos(4)).toEqual(Array(4).fill("Wrong email or password."));
  expect(await signIn()).toBe("signed in");
  // Four more would have been the fifth to eighth in a row, held back from the fifth, had the count stayed.
  expect(await typos(4)).toEqual(Array(4).fill("Wrong email or password."));
  expect(await signIn()).toBe("signed in");
});
