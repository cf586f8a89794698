import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signIn } from "./fixtures";

// Terms (issue 11): an admin makes terms, puts classes in them, filters the
// class list by them and copies a term's classes into the next; students see
// the current and the next term's classes with the term's days.

const stamp = () => Date.now().toString(36).slice(-5).toUpperCase();

async function createTerm(page: Page, name: string, first: string, last: string) {
  await page.goto("/admin/terms/new");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("First day").fill(first);
  await page.getByLabel("Last day").fill(last);
  await page.getByRole("button", { name: "Create term" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return page.url();
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("an admin makes a term, a class in it, finds it by the filter, and copies the term's classes into another", async ({ page }) => {
      await signIn(page, "admin");
      const s = stamp();

      // Bad input: a message beside each field, nothing saved.
      await page.goto("/admin/terms/new");
      await page.getByLabel("Name").fill(`Old ${s}`);
      await page.getByLabel("First day").fill("2024-06-30");
      await page.getByLabel("Last day").fill("2024-01-08");
      await page.getByRole("button", { name: "Create term" }).click();
      await expect(page.getByText("The last day can't be before the first day.")).toBeVisible();
      await expect(page.getByLabel("Name")).toHaveValue(`Old ${s}`);

      const oldTerm = await createTerm(page, `Old ${s}`, "2024-01-08", "2024-06-30");
      await expect(page.getByText("8 Jan 2024 – 30 Jun 2024")).toBeVisible();
      await expect(page.getByText("Ended")).toBeVisible();

      // A class in it, from the term's page: the form has the term chosen.
      await page.getByRole("link", { name: `New class in Old ${s}` }).click();
      await expect(page.getByRole("heading", { level: 1, name: "New class" })).toBeVisible();
      await expect(page.getByRole("combobox", { name: "Term" })).toHaveValue(oldTerm.split("/").pop()!);
      await page.getByLabel("Code", { exact: true }).fill(`GEO-${s}-O24`);
      await page.getByLabel("Title").fill("Old maps");
      await page.getByLabel("Capacity").fill("12");
      await page.getByLabel("Meets").fill("Tue Thu 10:00-11:00 Map room");
      await page.getByRole("button", { name: "Create class" }).click();
      await expect(page.getByRole("heading", { level: 1, name: `GEO-${s}-O24 Old maps` })).toBeVisible();
      await expect(page.getByRole("link", { name: `Old ${s}` })).toBeVisible();

      // A class in the next term: a student's page then lists classes of two terms, each labelled with its own.
      await page.goto("/admin/classes/new");
      await page.getByLabel("Code", { exact: true }).fill(`NXT-${s}`);
      await page.getByLabel("Title").fill("Next up");
      await page.getByRole("combobox", { name: "Term" }).selectOption("demo-term-next");
      await page.getByRole("button", { name: "Create class" }).click();
      await expect(page.getByRole("heading", { level: 1, name: `NXT-${s} Next up` })).toBeVisible();
      await page.goto("/admin/students/demo-student-010");
      await expect(page.getByRole("checkbox", { name: new RegExp(`^NXT-${s} Next up \\((Spring|Summer|Autumn|Winter) \\d{4}\\)`) })).toBeVisible();
      await expect(page.getByRole("checkbox", { name: /^MATH-101 .*\((Spring|Summer|Autumn|Winter) \d{4}\)/ })).toBeVisible();

      // The class list opens at the current term; a search, or "Show all", looks in every term.
      await page.goto("/admin/classes");
      const current = (await page.getByLabel("Term").locator("option:checked").innerText()).trim();
      expect(current).toMatch(/ \(current\)$/);
      await expect(page.getByRole("status").filter({ hasText: /class/ })).toContainText(`in ${current.replace(" (current)", "")}`);
      await page.goto(`/admin/classes?q=NXT-${s}`);
      await expect(page.getByRole("cell", { name: `NXT-${s}` })).toBeVisible();
      await page.goto("/admin/classes");
      await page.getByRole("link", { name: "Show all" }).click();
      await expect(page.getByLabel("Term")).toHaveValue("all");

      // A student's page lists the current and next term's classes; another term's on asking.
      await page.goto("/admin/students/demo-student-010");
      await expect(page.getByRole("checkbox", { name: new RegExp(`GEO-${s}-O24`) })).toHaveCount(0);
      await page.getByLabel("Classes of").selectOption({ label: `Old ${s}` });
      await page.getByRole("button", { name: "Show" }).click();
      await expect(page.getByRole("checkbox", { name: new RegExp(`^GEO-${s}-O24 Old maps \\(Old ${s}\\)`) })).not.toBeChecked();

      // The class list, filtered by the term; the address keeps the filter.
      await page.goto("/admin/classes");
      await page.getByLabel("Term").selectOption({ label: `Old ${s}` });
      await page.getByRole("button", { name: "Search" }).click();
      await expect(page).toHaveURL(/term=/);
      await expect(page.getByRole("status").filter({ hasText: "1 class" })).toContainText(`in Old ${s}`);
      await expect(page.getByRole("cell", { name: `GEO-${s}-O24` })).toBeVisible();
      await expect(page.getByRole("cell", { name: "MATH-101", exact: true })).toHaveCount(0);

      // Copy into a new term, with new codes: checked first, then copied.
      const newTerm = await createTerm(page, `New ${s}`, "2035-01-07", "2035-06-29");
      await page.goto(oldTerm);
      // What a copy takes and what it leaves, said before anything is chosen.
      await expect(page.getByText(/each with its title, description, capacity, teacher, self-enrollment, meeting times/)).toBeVisible();
      await expect(page.getByText(/^Not copied: students and their enrollments, waitlists/)).toBeVisible();
      // "Check" without a term says so.
      await page.getByRole("button", { name: "Check" }).click();
      await expect(page.getByText("Choose the term to copy the classes into, then Check.")).toBeVisible();
      await page.getByLabel("Copy into").selectOption({ label: `New ${s}` });
      await expect(page.getByLabel("Replace the ending")).toHaveValue("-O24");
      await page.getByLabel("with").fill("-n35");
      await page.getByRole("button", { name: "Check" }).click();
      await expect(page.getByText(`GEO-${s}-O24 → GEO-${s}-N35 Old maps · Tue, Thu 10:00–11:00, Map room`)).toBeVisible();
      await expect(page.getByText(/Windows and drop deadlines move 4,017 days later/)).toBeVisible();
      await page.getByRole("button", { name: `Copy 1 class into New ${s}` }).click();
      await expect(page).toHaveURL(new RegExp(`^${newTerm}\\?copied=1`));
      await expect(page.getByRole("status").filter({ hasText: "Copied 1 class" })).toBeVisible();
      await page.getByRole("link", { name: `GEO-${s}-N35` }).click();
      await expect(page.getByText("12 (no limit)")).toHaveCount(0);
      await expect(page.getByText("0 / 12")).toBeVisible();
      // The copy meets when the old class did: the new term has a timetable.
      await expect(page.getByText("Tue, Thu 10:00–11:00, Map room")).toBeVisible();

      // Checking again: the code is taken now; nothing can be copied.
      await page.goto(`${oldTerm}?to=${newTerm.split("/").pop()}&from=-O24&replaceWith=-N35`);
      await expect(page.getByText(`GEO-${s}-N35 is already a class's code (GEO-${s}-O24 would become it).`)).toBeVisible();
      await expect(page.getByRole("button", { name: /^Copy/ })).toHaveCount(0);

      // A term with classes can't be deleted; an empty one can.
      await page.goto(`${newTerm}/delete`);
      await expect(page.getByText(`New ${s} has 1 class.`)).toBeVisible();
      await expect(page.getByRole("button", { name: "Delete term" })).toHaveCount(0);
      if (javaScriptEnabled) await expectAccessible(page);
    });
  });
}

test("the terms list says which term is current, and a student sees a class's term and when it ends", async ({ page, browser }) => {
  await signIn(page, "admin");
  await page.goto("/admin/terms");
  // The demo school has a current term with every demo class (and those other stories made), and an empty next one.
  const current = page.getByRole("row").filter({ hasText: "Current" });
  await expect(current).toHaveCount(1);
  expect(Number(await current.getByRole("cell").last().textContent())).toBeGreaterThanOrEqual(20);
  // (Other stories add classes to the next term.)
  await expect(page.getByRole("row").filter({ hasText: "Next" }).getByRole("cell").last()).toHaveText(/^\d+$/);
  const termName = (await current.getByRole("link").first().textContent())!;
  await expectAccessible(page);

  const student = await (await browser.newContext()).newPage();
  await signIn(student, "student");
  await student.goto("/student?q=PHIL-101");
  const row = student.getByRole("listitem").filter({ hasText: "PHIL-101" });
  await expect(row).toContainText(termName);
});
