import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** The demo accounts the seed makes (README lists them too). */
export const accounts = {
  admin: { email: "admin@rollbook.test", password: "rollbook-admin" },
  teacher: { email: "teacher@rollbook.test", password: "rollbook-teacher" },
  student: { email: "student@rollbook.test", password: "rollbook-student" },
  student2: { email: "student2@rollbook.test", password: "rollbook-student" },
  teacher2: { email: "teacher2@rollbook.test", password: "rollbook-teacher" },
} as const;

export async function signIn(page: Page, who: keyof typeof accounts) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(accounts[who].email);
  await page.getByLabel("Password").fill(accounts[who].password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** axe-core on the page as it is now: no serious or critical violations. */
export async function expectAccessible(page: Page) {
  // Next.js streams a dynamic page's metadata: after an action or a refresh, wait for its title.
  await expect(page).toHaveTitle(/\S/);
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ rule: v.id, impact: v.impact, where: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  expect(bad, `accessibility violations on ${page.url()}`).toEqual([]);
}

/** "3 Sep 2026" for today, as the app shows dates to an en-GB browser. */
export function today() {
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric" }).format(new Date());
}

/** Creates a class through the admin form and returns to its page. */
export async function createClass(
  page: Page,
  fields: { code: string; title: string; capacity?: string; selfEnrollment?: boolean; joinCode?: string },
) {
  await page.goto("/admin/classes/new");
  await page.getByLabel("Code", { exact: true }).fill(fields.code);
  await page.getByLabel("Title").fill(fields.title);
  if (fields.capacity) await page.getByLabel("Capacity").fill(fields.capacity);
  if (fields.selfEnrollment) await page.getByLabel("Students may enroll themselves").check();
  if (fields.joinCode) await page.getByLabel("Join code").fill(fields.joinCode);
  await page.getByRole("button", { name: "Create class" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${fields.code} ${fields.title}` })).toBeVisible();
  return page.url();
}

export async function openStudent(page: Page, name: string) {
  await page.goto(`/admin/students?q=${encodeURIComponent(name)}`);
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return page.url();
}

/**
 * Arranges what no page can make: an API token for a user who is not an
 * admin (tokens are made by admins, for themselves), written straight into
 * the e2e database. Returns the token.
 */
export async function insertApiToken(email: string): Promise<string> {
  const { createHash, randomBytes } = await import("node:crypto");
  const token = `rb_${randomBytes(32).toString("base64url")}`;
  const values = [`e2e-${randomBytes(6).toString("hex")}`, createHash("sha256").update(token).digest("hex"), token.slice(0, 10), email];
  await e2eSql([
    [
      `INSERT INTO "ApiToken" ("id", "name", "tokenHash", "prefix", "canWrite", "userId", "createdAt")
       SELECT $1, 'planted', $2, $3, TRUE, "id", CURRENT_TIMESTAMP FROM "User" WHERE "email" = $4`,
      values,
    ],
  ]);
  return token;
}

/**
 * Runs statements straight on the e2e database (either kind), in order, and
 * returns the last one's rows: to arrange what the pages would take too long
 * to make, and to check what a story left behind. Placeholders are $1, $2...
 * in order of use.
 */
export async function e2eSql(statements: [sql: string, values: unknown[]][]): Promise<Record<string, unknown>[]> {
  const { e2eDatabaseUrl } = await import("../playwright.config");
  let rows: Record<string, unknown>[] = [];
  if (e2eDatabaseUrl.startsWith("file:")) {
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(e2eDatabaseUrl.slice("file:".length));
    db.pragma("busy_timeout = 10000");
    db.transaction(() => {
      for (const [sql, values] of statements) {
        const statement = db.prepare(sql.replace(/\$\d+/g, "?"));
        rows = statement.reader ? (statement.all(...values) as Record<string, unknown>[]) : (statement.run(...values), []);
      }
    })();
    db.close();
  } else {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: e2eDatabaseUrl });
    await client.connect();
    try {
      await client.query("BEGIN");
      for (const [sql, values] of statements) rows = (await client.query(sql, values)).rows;
      await client.query("COMMIT");
    } finally {
      await client.end();
    }
  }
  return rows;
}

/**
 * Reloads until the page comes from the page cache. Each app process keeps
 * its own cache (a server runs one per core), so a reload that lands on
 * another process renders once more, then caches there too.
 */
export async function reloadUntilCached(page: Page) {
  await expect
    .poll(async () => (await page.reload())?.headers()["x-rollbook-cache"], { intervals: [0, 100, 250], timeout: 10_000 })
    .toBe("hit");
}
