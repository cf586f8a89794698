import { expect, test } from "@playwright/test";
import { accounts, expectAccessible, openStudent, signIn } from "./fixtures";

test("a visitor who is not signed in is sent to the login page", async ({ page }) => {
  await page.goto("/admin/students");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expectAccessible(page);
});

test("a wrong password is refused with a message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(accounts.admin.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Wrong email or password.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(accounts.admin.email);
});

test("a student lands on their own page and cannot open admin pages", async ({ page }) => {
  await signIn(page, "student");
  await expect(page).toHaveURL(/\/student$/);
  await expect(page.getByRole("heading", { name: "Welcome, Sam Student" })).toBeVisible();
  await expectAccessible(page);

  for (const path of ["/admin", "/admin/students", "/admin/classes/demo-class-math-101", "/admin/teachers/new"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
    await expect(page.getByText("Algebra I")).toHaveCount(0);
  }

  await page.getByRole("link", { name: "Go to your home page" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
});

test("a teacher lands on their own page", async ({ page }) => {
  await signIn(page, "teacher");
  await expect(page).toHaveURL(/\/teacher$/);
  await expect(page.getByRole("heading", { name: "My classes" })).toBeVisible();
  await expect(page.getByText("Welcome, Grace Hopper.")).toBeVisible();
  expect((await page.goto("/admin/classes"))?.status()).toBe(403);
});

test.describe("a student who posts an admin action directly", () => {
  test.use({ javaScriptEnabled: false });

  test("is refused and nothing changes", async ({ browser }) => {
    // The admin's own form, as the browser would send it: every hidden field
    // (action id, bound arguments) plus a ticked box for a class.
    const adminContext = await browser.newContext({ javaScriptEnabled: false });
    const admin = await adminContext.newPage();
    await signIn(admin, "admin");
    const studentUrl = await openStudent(admin, "Sam Student");
    const target = admin.getByRole("checkbox", { name: "PE-100 Physical Education" });
    const wasEnrolled = await target.isChecked();
    const form = admin.locator("form").filter({ has: admin.getByRole("button", { name: "Save" }) });
    const fields = await form.evaluate((el: HTMLFormElement) => {
      const entries: [string, string][] = [];
      for (const input of Array.from(el.querySelectorAll("input"))) {
        if (input.type === "checkbox" && !input.checked) continue;
        entries.push([input.name, input.value]);
      }
      return entries;
    });
    const targetId = await target.getAttribute("value");
    const forged = new FormData();
    for (const [name, value] of fields) if (!(name === "checked" && value === targetId)) forged.append(name, value);
    if (!wasEnrolled) forged.append("checked", targetId!);
    forged.append("confirm", "yes"); // past the Save's review step

    const studentContext = await browser.newContext();
    const student = await studentContext.newPage();
    await signIn(student, "student");
    const response = await student.request.post(studentUrl, { multipart: forged });
    expect(response.status()).toBe(403);
    expect(await response.text()).not.toContain("Saved:");

    await admin.reload();
    await expect(admin.getByRole("checkbox", { name: "PE-100 Physical Education" })).toBeChecked({ checked: wasEnrolled });

    // The same request from the admin does go through: the test can fail.
    const adminResponse = await admin.request.post(studentUrl, { multipart: forged });
    expect(await adminResponse.text()).toContain("Saved:");
    await admin.reload();
    await expect(admin.getByRole("checkbox", { name: "PE-100 Physical Education" })).toBeChecked({ checked: !wasEnrolled });

    await adminContext.close();
    await studentContext.close();
  });
});

test("repeated wrong passwords make that browser wait", async ({ browser }) => {
  // From an address of its own (the servers take X-Forwarded-For here, as behind a proxy).
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "198.51.100.20" } });
  const page = await context.newPage();
  const email = "guess-me@rollbook.test";
  const attempt = async (password: string) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
  };
  for (let i = 0; i < 4; i++) {
    await attempt(`guess-${i}`);
    await expect(page.getByText("Wrong email or password.")).toBeVisible();
  }
  await attempt("guess-4");
  await expect(page.getByText(/^Too many failed sign-ins from here\. Try again in \d+ seconds?\.$/)).toBeVisible();
  await context.close();
});
