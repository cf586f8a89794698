import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { balancedURL, e2eDatabaseUrl, oidcPort, ssoURL } from "../playwright.config";
import { accounts, e2eSql, expectAccessible } from "./fixtures";

// Signing in with the school's own accounts (issue 22, decision 035), against
// a real OpenID provider the run starts on 127.0.0.1
// (scripts/oidc-dev-provider.mjs: "School portal" is its generic issuer,
// "Google" and "Microsoft" its Google-like and Entra-like ones), through the
// two app servers that have the providers on.

const tag = () => randomBytes(3).toString("hex");

/** A student or teacher record with no login, as an import or the admin pages make them. */
async function newPerson(kind: "Student" | "Teacher", domain: string) {
  const t = tag();
  const given = kind === "Student" ? "Maya" : "Ines";
  const person = { id: `sso-${kind.toLowerCase()}-${t}`, name: `${given} Okafor ${t}`, email: `maya.okafor.${t}@${domain}` };
  await e2eSql([
    [
      `INSERT INTO "${kind}" ("id", "givenName", "familyName", "name", "sortName", "email", "createdAt", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
      [person.id, given, `Okafor ${t}`, person.name, `okafor ${t} ${given.toLowerCase()}`, person.email],
    ],
  ]);
  return person;
}

/** On the provider's own (development) sign-in page: any password goes. */
async function atProvider(page: Page, login: string) {
  await page.getByPlaceholder("Enter any login").fill(login);
  await page.getByPlaceholder("and password").fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
}

async function schoolSignIn(page: Page, button: string, login: string, from = ssoURL) {
  await page.goto(`${from}/login`);
  await page.getByRole("button", { name: `Sign in with ${button}` }).click();
  await atProvider(page, login);
}

async function adminPage(browser: Browser) {
  const page = await (await browser.newContext({ baseURL: ssoURL })).newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(accounts.admin.email);
  await page.getByLabel("Password").fill(accounts.admin.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/admin$/);
  return page;
}

/** On School accounts: a rule that links `provider`'s accounts at `domain` by verified email, saved (and said so, in lower case). */
async function addEmailRule(admin: Page, provider: string, domain: string) {
  const rule = admin.getByRole("form", { name: "Add a linking rule" });
  await rule.getByLabel("Provider").selectOption({ label: provider });
  await rule.getByLabel("Domain").fill(domain);
  await rule.getByLabel("by verified email").check();
  await rule.getByRole("button", { name: "Save rule" }).click();
  await expect(admin.getByText(`Saved the rule for ${domain.toLowerCase()}.`)).toBeVisible();
}

const counts = async () =>
  (
    await e2eSql([
      [
        `SELECT (SELECT COUNT(*) FROM "SignInLink") AS "links", (SELECT COUNT(*) FROM "SignInRequest") AS "requests",
                (SELECT COUNT(*) FROM "Session") AS "sessions", (SELECT COUNT(*) FROM "User") AS "users"`,
        [],
      ],
    ])
  )[0];

test("a student whose account links by the school's rule signs in with it, and signing out ends the session", async ({ browser }) => {
  const domain = `students-${tag()}.test`;
  const student = await newPerson("Student", domain);
  const admin = await adminPage(browser);
  await admin.goto("/admin/sign-in");
  await expect(admin.getByRole("cell", { name: `${ssoURL}/api/auth/callback/oidc` })).toBeVisible();
  await expectAccessible(admin);
  // Typed in capitals, kept in lower case.
  await addEmailRule(admin, "School portal", domain.toUpperCase());

  const page = await (await browser.newContext()).newPage();
  await schoolSignIn(page, "School portal", student.email);
  await expect(page).toHaveURL(`${ssoURL}/student`);
  await expect(page.getByText(student.name).first()).toBeVisible();
  const [row] = await e2eSql([
    [
      `SELECT u."role", u."passwordHash", l."how", (SELECT COUNT(*) FROM "Session" s WHERE s."userId" = u."id") AS "sessions"
       FROM "User" u JOIN "SignInLink" l ON l."userId" = u."id" WHERE u."studentId" = $1`,
      [student.id],
    ],
  ]);
  expect(row).toMatchObject({ role: "STUDENT", passwordHash: null, how: "email" });
  expect(Number(row?.sessions)).toBe(1);

  // Signing out deletes the session's row: a copy of the cookie signs no one in.
  const cookies = await page.context().cookies();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  const copy = await (await browser.newContext()).newPage();
  await copy.context().addCookies(cookies);
  await copy.goto(`${ssoURL}/student`);
  await expect(copy).toHaveURL(/\/login$/);

  // The admin sees the link on the student's page, and unlinks it.
  await admin.goto(`/admin/students/${student.id}/edit`);
  const methods = admin.getByRole("region", { name: "How they sign in" });
  await expect(methods.getByText(/School portal · maya\.okafor.* · linked by verified email/)).toBeVisible();
  await expect(methods.getByText("No password.")).toBeVisible();
  await expectAccessible(admin);
  await methods.getByRole("button", { name: "Unlink" }).click();
  await expect(methods.getByText("No school account linked.")).toBeVisible();
});

test("an unlinked teacher asks, the admin approves, and the teacher gets in; the callback lands on the other server", async ({ browser }) => {
  const teacher = await newPerson("Teacher", "staff.test");
  // Through the balancer: each sign-in begins on the first server and its callback comes back to the second.
  const balanced = async () => ((await (await fetch(`${balancedURL}/__balancer`)).json()) as { callbacks: number }).callbacks;
  const callbacksBefore = await balanced();
  const page = await (await browser.newContext()).newPage();
  await schoolSignIn(page, "School portal", teacher.email, balancedURL);
  await expect(page).toHaveURL(`${balancedURL}/login/link`);
  await expect(page.getByRole("heading", { name: "Your school account isn't linked yet" })).toBeVisible();
  await expect(page.getByText(`You signed in with School portal as ${teacher.email}`)).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel(/A note for/).fill("New chemistry teacher, starting Monday.");
  await page.getByRole("button", { name: "Ask to be linked" }).click();
  await expect(page.getByText("Asked. You'll get an email when it's linked")).toBeVisible();
  expect(await balanced()).toBe(callbacksBefore + 1);

  const admin = await adminPage(browser);
  // The admin's home says someone is waiting, and links to them.
  await expect(admin.getByRole("status").filter({ hasText: /(1 person is|\d+ people are) asking to link their school account/ })).toBeVisible();
  await admin.getByRole("link", { name: "School accounts" }).last().click();
  await expect(admin).toHaveURL(/\/admin\/sign-in$/);
  const request = admin.getByRole("listitem", { name: `Request from ${teacher.email}` });
  await expect(request.getByText("New chemistry teacher, starting Monday.")).toBeVisible();
  // Suggested: the teacher record with the account's email.
  await expect(request.getByLabel("Link to the login of")).toHaveValue(teacher.email);
  await expectAccessible(admin);
  await request.getByRole("button", { name: "Link" }).click();
  await expect(admin.getByText(`Linked to ${teacher.name} (${teacher.email}).`)).toBeVisible();
  const [mail] = await e2eSql([[`SELECT "subject" FROM "OutboxEmail" WHERE "toAddress" = $1`, [teacher.email]]]);
  expect(mail?.subject).toBe("You can sign in to Rollbook with your school account");

  // Signed in at the provider already: straight back, this time as the teacher, again through the second server.
  await page.goto(`${balancedURL}/login`);
  await page.getByRole("button", { name: "Sign in with School portal" }).click();
  await expect(page).toHaveURL(`${balancedURL}/teacher`);
  await expect(page.getByText(teacher.name).first()).toBeVisible();
  expect(await balanced()).toBe(callbacksBefore + 2);
  const [link] = await e2eSql([[`SELECT l."how", l."lastUsedAt" FROM "SignInLink" l JOIN "User" u ON u."id" = l."userId" WHERE u."teacherId" = $1`, [teacher.id]]]);
  expect(link?.how).toBe("approved");
  expect(link?.lastUsedAt).not.toBeNull();
});

test("an account of another domain or tenant is refused, and so are a tampered and a replayed callback, writing nothing", async ({ browser }) => {
  const before = await counts();
  const page = await (await browser.newContext()).newPage();

  await schoolSignIn(page, "Google", `someone.${tag()}@elsewhere.test`);
  await expect(page).toHaveURL(/\/login\/problem\?error=other-domain/);
  await expect(page.getByRole("alert").filter({ hasText: "That Google account isn't one of the school's" })).toContainText("@school.test");
  await expectAccessible(page);

  await schoolSignIn(page, "Microsoft", `pat.${tag()}@elsewhere.test`);
  await expect(page).toHaveURL(/\/login\/problem\?error=other-tenant/);
  await expect(page.getByRole("alert").filter({ hasText: "belongs to another organization" })).toBeVisible();

  // A callback whose state was changed on the way (by the balancer, as a party in the middle would).
  const tampered = await (await browser.newContext()).newPage();
  await fetch(`${balancedURL}/__balancer/tamper`, { method: "POST" });
  await schoolSignIn(tampered, "School portal", `lee.${tag()}@school.test`, balancedURL);
  await expect(tampered).toHaveURL(/\/login\/problem\?error=Configuration/);
  await expect(tampered.getByRole("alert").filter({ hasText: "That sign-in couldn't be finished" })).toBeVisible();

  // A callback that worked (to the "not linked" page), sent again.
  const replay = await (await browser.newContext()).newPage();
  let callback = "";
  replay.on("request", (r) => {
    if (r.url().startsWith(`${ssoURL}/api/auth/callback/`)) callback = r.url();
  });
  await schoolSignIn(replay, "Google", `kim.${tag()}@school.test`);
  await expect(replay).toHaveURL(`${ssoURL}/login/link`);
  await replay.goto(callback);
  await expect(replay).toHaveURL(/\/login\/problem\?error=Configuration/);

  expect(await counts()).toEqual(before);
});

test("with passwords off for a role, its password is refused and the form says so; the command line turns them back on", async ({ browser }) => {
  const run = promisify(execFile);
  const passwords = (who: string, onOff: string) =>
    run("npm", ["run", "--silent", "sign-in:passwords", "--", who, onOff], { env: { ...process.env, DATABASE_URL: e2eDatabaseUrl } });
  const admin = await adminPage(browser);
  try {
    await admin.goto("/admin/sign-in");
    const settings = admin.getByRole("form", { name: "Sign-in settings" });
    await settings.getByLabel("Students").uncheck();
    await settings.getByLabel("Whom people ask to link their school account").fill("Mr Baptiste in the front office");
    await settings.getByRole("button", { name: "Save sign-in settings" }).click();
    await expect(admin.getByText("Saved the sign-in settings.")).toBeVisible();

    const page = await (await browser.newContext({ baseURL: ssoURL })).newPage();
    await page.goto("/login");
    await page.getByLabel("Email").fill(accounts.student2.email);
    await page.getByLabel("Password").fill(accounts.student2.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByText("Your school signs you in with your school account, not a password: use the button above.")).toBeVisible();
    // A wrong password is still just wrong: the role isn't told to a guesser.
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByText("Wrong email or password.")).toBeVisible();

    // Admins' passwords stay on until this admin's own school account is linked: they sign in with it, ask, and approve themselves.
    await settings.getByLabel("Teachers").uncheck();
    await settings.getByLabel("Admins").uncheck();
    await settings.getByRole("button", { name: "Save sign-in settings" }).click();
    await expect(admin.getByText(/^Link your own school account first/)).toBeVisible();
    const own = await (await browser.newContext()).newPage();
    await schoolSignIn(own, "School portal", accounts.admin.email);
    await own.getByRole("button", { name: "Ask to be linked" }).click();
    await expect(own.getByText("Asked.")).toBeVisible();
    await admin.reload();
    await admin.getByRole("listitem", { name: `Request from ${accounts.admin.email}` }).getByRole("button", { name: "Link" }).click();
    await expect(admin.getByText(`Linked to Ada Admin (${accounts.admin.email}).`)).toBeVisible();

    // Every role off: the sign-in page has no password form at all.
    await admin.reload();
    await settings.getByLabel("Teachers").uncheck();
    await settings.getByLabel("Admins").uncheck();
    await settings.getByRole("button", { name: "Save sign-in settings" }).click();
    await expect(admin.getByText("Saved the sign-in settings.")).toBeVisible();
    await page.goto("/login");
    await expect(page.getByRole("button", { name: "Sign in with School portal" })).toBeVisible();
    await expect(page.getByLabel("Password")).toHaveCount(0);
    await expectAccessible(page);

    // The provider is down, say: on the server, admins' passwords go back on, and an admin signs in.
    await passwords("admins", "on");
    await page.goto("/login");
    await page.getByLabel("Email").fill(accounts.admin.email);
    await page.getByLabel("Password").fill(accounts.admin.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/admin$/);
  } finally {
    for (const who of ["students", "teachers", "admins"]) await passwords(who, "on");
    await e2eSql([[`UPDATE "SignInSettings" SET "askWhom" = ''`, []]]);
  }
});

test("a school account's button works without JavaScript", async ({ browser }) => {
  const student = await newPerson("Student", "school.test");
  const admin = await adminPage(browser);
  await admin.goto("/admin/sign-in");
  await addEmailRule(admin, "Google", "school.test");

  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await schoolSignIn(page, "Google", student.email);
  await expect(page).toHaveURL(`${ssoURL}/student`);
  await expect(page.getByText(student.name).first()).toBeVisible();
});

test("a page's forms may go on only to this site and the school's providers; a password-only install's only to itself", async ({ request }) => {
  const formAction = async (url: string) => /form-action ([^;]*)/.exec((await request.get(url)).headers()["content-security-policy"] ?? "")?.[1];
  expect(await formAction(`${ssoURL}/login`)).toBe(`'self' http://127.0.0.1:${oidcPort + 1} http://127.0.0.1:${oidcPort + 2} http://127.0.0.1:${oidcPort}`);
  expect(await formAction("/login")).toBe("'self'");
  // And no school-account button there.
  expect(await (await request.get("/login")).text()).not.toContain("Sign in with");
});

test("the README's steps for trying a local provider work as written", async ({ browser }) => {
  // The variables the README has a new user put in .env are the ones these servers run with (on the e2e's ports).
  const readme = readFileSync("README.md", "utf8");
  const block = /Add these lines to `\.env`[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
  const env = Object.fromEntries(block.trim().split("\n").map((line) => line.split(/=(.*)/s, 2) as [string, string]));
  expect(env).toEqual({
    AUTH_OIDC_ISSUER: "http://127.0.0.1:3990",
    AUTH_OIDC_ID: "rollbook",
    AUTH_OIDC_SECRET: "rollbook-dev-secret",
    AUTH_OIDC_NAME: "School portal",
  });
  expect(readme).toContain("npm run oidc:dev    # leave it running: issuer http://127.0.0.1:3990, client rollbook / rollbook-dev-secret");

  // "sign in there as teacher@rollbook.test (any password): Rollbook says the account isn't linked yet; press Ask to be linked."
  const teacher = await (await browser.newContext()).newPage();
  await schoolSignIn(teacher, "School portal", "teacher@rollbook.test");
  await expect(teacher.getByRole("heading", { name: "Your school account isn't linked yet" })).toBeVisible();
  await teacher.getByRole("button", { name: "Ask to be linked" }).click();
  await expect(teacher.getByText("Asked.")).toBeVisible();

  // "As the admin, open School accounts, where the request waits with the teacher's email filled in: Link."
  const admin = await adminPage(browser);
  await admin.getByRole("navigation").getByRole("link", { name: "School accounts" }).click();
  const request = admin.getByRole("listitem", { name: "Request from teacher@rollbook.test" });
  await expect(request.getByLabel("Link to the login of")).toHaveValue("teacher@rollbook.test");
  await request.getByRole("button", { name: "Link" }).click();
  await expect(admin.getByText("Linked to Grace Hopper (teacher@rollbook.test).")).toBeVisible();

  // "Back as the teacher, Sign in with School portal again: you're in."
  await teacher.goto(`${ssoURL}/login`);
  await teacher.getByRole("button", { name: "Sign in with School portal" }).click();
  await expect(teacher).toHaveURL(`${ssoURL}/teacher`);

  // "add a rule there for School portal and students.rollbook.test, by verified email: any demo student then signs in at once."
  await admin.reload();
  await addEmailRule(admin, "School portal", "students.rollbook.test");
  const [demo] = await e2eSql([[`SELECT "name", "email" FROM "Student" WHERE "id" = 'demo-student-050'`, []]]);
  const student = await (await browser.newContext()).newPage();
  await schoolSignIn(student, "School portal", String(demo?.email));
  await expect(student).toHaveURL(`${ssoURL}/student`);
  await expect(student.getByText(String(demo?.name)).first()).toBeVisible();
});
