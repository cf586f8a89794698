import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signIn } from "./fixtures";

// At a phone's width (390 px) no page is wider than the screen: tables
// become a card per row, each cell labelled with its column (issue 11).
test.use({ viewport: { width: 390, height: 844 } });

async function fitsTheScreen(page: Page, path: string) {
  await page.goto(path);
  const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(scroll, `${path} is ${scroll} px wide on a ${inner} px screen`).toBeLessThanOrEqual(inner);
}

test("an admin's lists and pages fit a phone's screen, tables as labelled cards", async ({ page }) => {
  await signIn(page, "admin");
  for (const path of ["/admin", "/admin/students", "/admin/classes", "/admin/teachers", "/admin/api-tokens", "/admin/backups", "/admin/classes/demo-class-math-101", "/admin/classes/demo-class-math-101/history", "/admin/students/demo-student-150", "/admin/import", "/admin/terms", "/admin/terms/demo-term-current", "/admin/outbox"]) {
    await fitsTheScreen(page, path);
  }
  await page.goto("/admin/students");
  // The first row's email cell says what it is, from the column's name.
  const label = await page.locator(".data-table tbody tr").first().locator("td").nth(1).evaluate((td) => getComputedStyle(td, "::before").content);
  expect(label).toBe('"Email"');
  await expectAccessible(page);
});

test("a teacher's roster and a student's catalog fit a phone's screen", async ({ browser }) => {
  const teacher = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await signIn(teacher, "teacher");
  await teacher.goto("/teacher");
  const roster = await teacher.getByRole("link", { name: /MATH-101/ }).first().getAttribute("href");
  await fitsTheScreen(teacher, roster!);
  await expectAccessible(teacher);
  const student = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await signIn(student, "student");
  await fitsTheScreen(student, "/student");
  await fitsTheScreen(student, "/student/inbox");
  await expectAccessible(student);
});
