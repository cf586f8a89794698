import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signIn } from "./fixtures";

// A dark theme that follows the system setting (issue 11): every page is
// dark when the system asks for it, and passes axe (contrast included) in it.
// The light theme is checked by every other story's axe runs.
test.use({ colorScheme: "dark" });

/** The page's background and text, as lightness 0 (black) to 1 (white). */
async function lightness(page: Page) {
  return page.evaluate(() => {
    const canvas = document.createElement("canvas").getContext("2d")!;
    const of = (color: string) => {
      // Any CSS colour (oklch included) to sRGB through a canvas pixel.
      canvas.clearRect(0, 0, 1, 1);
      canvas.fillStyle = color;
      canvas.fillRect(0, 0, 1, 1);
      const [r, g, b] = canvas.getImageData(0, 0, 1, 1).data;
      return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
    };
    const body = getComputedStyle(document.body);
    return { background: of(body.backgroundColor), text: of(body.color) };
  });
}

async function darkAndAccessible(page: Page, path: string) {
  await page.goto(path);
  const { background, text } = await lightness(page);
  expect(background, `${path}: background`).toBeLessThan(0.15);
  expect(text, `${path}: text`).toBeGreaterThan(0.8);
  await expectAccessible(page);
}

test("an admin's pages are dark when the system is, and accessible", async ({ page }) => {
  await page.goto("/login");
  await expectAccessible(page);
  await signIn(page, "admin");
  for (const path of [
    "/admin",
    "/admin/students",
    "/admin/students/demo-student-003",
    "/admin/classes",
    "/admin/classes/demo-class-art-105",
    "/admin/classes/demo-class-math-101/history",
    "/admin/terms",
    "/admin/terms/demo-term-current",
    "/admin/import",
    "/admin/api-tokens",
    "/admin/outbox",
  ]) {
    await darkAndAccessible(page, path);
  }
  // A refused form's messages are readable too.
  await page.goto("/admin/terms/new");
  await page.getByRole("button", { name: "Create term" }).click();
  await expect(page.getByText("Enter the first day.")).toBeVisible();
  await expectAccessible(page);
});

test("a teacher's roster and a student's classes are dark when the system is, and accessible", async ({ browser }) => {
  const teacher = await (await browser.newContext({ colorScheme: "dark" })).newPage();
  await signIn(teacher, "teacher");
  await darkAndAccessible(teacher, "/teacher");
  await darkAndAccessible(teacher, "/teacher/classes/demo-class-math-101");
  const student = await (await browser.newContext({ colorScheme: "dark" })).newPage();
  await signIn(student, "student");
  await darkAndAccessible(student, "/student");
  await darkAndAccessible(student, "/student/inbox");
});
