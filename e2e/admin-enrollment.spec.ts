import { expect, test } from "@playwright/test";
import { createClass, expectAccessible, openStudent, signIn, today } from "./fixtures";

test.describe("with JavaScript", () => {
  test("an admin enrolls a student from the student's page and removes them from the class's page", async ({ page }) => {
    await signIn(page, "admin");
    await expect(page.getByRole("heading", { name: "School overview" })).toBeVisible();
    await expectAccessible(page);

    const classUrl = await createClass(page, { code: "STORY-101", title: "Story Writing", capacity: "12" });
    await expectAccessible(page);

    const studentUrl = await openStudent(page, "Sam Student");
    await expectAccessible(page);
    const box = page.getByRole("checkbox", { name: "STORY-101 Story Writing" });
    await expect(box).not.toBeChecked();
    await box.check();
    const row = page.getByRole("listitem").filter({ has: box });
    await expect(row.getByText(`Enrolled ${today()}`)).toBeVisible();

    await page.reload();
    await expect(page.getByRole("checkbox", { name: "STORY-101 Story Writing" })).toBeChecked();

    await page.goto(classUrl);
    const roster = page.getByRole("region", { name: /Roster/ });
    await expect(roster.getByRole("heading", { name: "Roster (1 student)" })).toBeVisible();
    const samInRoster = roster.getByRole("checkbox", { name: /Sam Student/ });
    await expect(samInRoster).toBeChecked();
    await expect(roster.getByText(`Enrolled ${today()}`)).toBeVisible();
    await expect(page.getByText("1 / 12")).toBeVisible();
    await expectAccessible(page);

    // click, not uncheck: the row leaves the roster when the server answers, and uncheck() would
    // wait for a box that is gone to read as unticked (the heading below checks the result).
    await samInRoster.click();
    await expect(roster.getByRole("heading", { name: "Roster (0 students)" })).toBeVisible();
    await expect(roster.getByText("No one is enrolled yet.")).toBeVisible();

    await page.goto(studentUrl);
    await expect(page.getByRole("checkbox", { name: "STORY-101 Story Writing" })).not.toBeChecked();
  });

  test("a full class says so and asks; Cancel puts the box back, Enroll anyway needs a reason and keeps it", async ({ page }) => {
    await signIn(page, "admin");
    const classUrl = await createClass(page, { code: "FULL-1", title: "One Seat", capacity: "1" });
    const add = page.getByRole("region", { name: "Add students" });
    // No list until asked for: a search, or every student.
    await expect(add.getByRole("checkbox")).toHaveCount(0);
    await add.getByRole("link", { name: /^list all [\d,]+ students$/ }).click();
    await expect(add.getByText(/^[\d,]+ students\. Tick to enroll in FULL-1\.$/)).toBeVisible();
    await expect(add.getByRole("checkbox").first()).toBeVisible();
    await add.getByLabel("Find students").fill("Sam Student");
    await add.getByRole("button", { name: "Search" }).click();
    await add.getByRole("checkbox", { name: /Sam Student/ }).check();
    await expect(page.getByRole("heading", { name: "Roster (1 student)" })).toBeVisible();

    await page.goto(`${classUrl}?q=`);
    const other = page.getByRole("region", { name: "Add students" }).getByRole("checkbox").first();
    await other.click();
    const ask = page.getByRole("group", { name: "Enroll past the capacity" });
    await expect(ask).toContainText("FULL-1 is full: 1 of 1. Enroll anyway, past the capacity?");
    await expectAccessible(page);
    await ask.getByRole("button", { name: "Cancel" }).click();
    await expect(other).not.toBeChecked();
    await page.reload();
    await expect(page.getByRole("heading", { name: "Roster (1 student)" })).toBeVisible();

    // On purpose, with a reason: 2 of 1, and the reason is in the class's history.
    const again = page.getByRole("region", { name: "Add students" }).getByRole("checkbox").first();
    await again.click();
    await ask.getByRole("button", { name: "Enroll anyway" }).click();
    await expect(ask.getByLabel("Reason (kept in the history)")).toBeFocused(); // required
    // Said in words, tied to the field.
    await expect(ask.getByLabel("Reason (kept in the history)")).toHaveAccessibleDescription("Say why: the reason is kept in the history.");
    await ask.getByLabel("Reason (kept in the history)").fill("Head of year approved");
    await ask.getByRole("button", { name: "Enroll anyway" }).click();
    await expect(again).toBeChecked();
    // The page refreshes itself after a tick: the roster and the counts follow.
    await expect(page.getByRole("heading", { name: "Roster (2 students)" })).toBeVisible();
    await expect(page.getByText("2 / 1")).toBeVisible();
    await page.getByRole("link", { name: "History" }).click();
    await expect(page.getByText(`over capacity (2 of 1): Head of year approved`)).toBeVisible();
  });

  test("bad input gets a message beside the field and saves nothing", async ({ page }) => {
    await signIn(page, "admin");
    await page.goto("/admin/classes/new");
    await page.getByLabel("Code", { exact: true }).fill("MATH-101");
    await page.getByLabel("Title").fill("A second algebra");
    await page.getByLabel("Capacity").fill("-3");
    await page.getByRole("button", { name: "Create class" }).click();
    await expect(page.getByText("Capacity must be at least 1, or empty for no limit.")).toBeVisible();
    await expect(page.getByLabel("Title")).toHaveValue("A second algebra");
    await expectAccessible(page);

    await page.getByLabel("Capacity").fill("ten");
    await page.getByRole("button", { name: "Create class" }).click();
    await expect(page.getByText("Capacity must be a whole number, or empty for no limit.")).toBeVisible();

    await page.getByLabel("Capacity").fill("30");
    await page.getByRole("button", { name: "Create class" }).click();
    await expect(page.getByText("Another class already has the code MATH-101.")).toBeVisible();

    await page.goto("/admin/classes?q=MATH-101");
    await expect(page.getByText("1 class matching “MATH-101”")).toBeVisible();

    await page.goto("/admin/students/new");
    await page.getByLabel("Given name").fill("   ");
    await page.getByLabel("Email").fill("student@rollbook.test");
    await page.getByRole("button", { name: "Create student" }).click();
    await expect(page.getByText("Enter a given name.")).toBeVisible();
    await page.getByLabel("Given name").fill("Another");
    await page.getByLabel("Family name").fill("Sam");
    await page.getByRole("button", { name: "Create student" }).click();
    await expect(page.getByText("Another student already has this email.")).toBeVisible();

    const missing = await page.goto("/admin/students/no-such-student");
    expect(missing?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  });

  test("an admin lists, searches and pages students", async ({ page }) => {
    await signIn(page, "admin");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Students" }).click();
    await expect(page.getByText(/^\d+ students$/)).toBeVisible();
    await expect(page.getByText("Page 1 of")).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("link", { name: "Next" }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(page.getByText("Page 2 of")).toBeVisible();
    // Numbered pages, and a page size the address keeps through them.
    await page.getByRole("link", { name: "Page 4", exact: true }).click();
    await expect(page.getByText("Page 4 of")).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Pages" }).getByText("4", { exact: true })).toHaveAttribute("aria-current", "page");
    await page.getByLabel("Per page").selectOption("100");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/size=100/);
    await expect(page.locator(".data-table tbody tr")).toHaveCount(100);
    await page.getByRole("link", { name: "Page 2", exact: true }).click();
    await expect(page).toHaveURL(/size=100.*page=2|page=2.*size=100/);
    await expect(page.getByText(/^Page 2 of \d+$/)).toBeVisible();

    await page.getByLabel("Search students").fill("student@rollbook");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByText("1 student matching “student@rollbook”")).toBeVisible();
    // From the people-search index: the middle of a name, either case; not an address's domain.
    await page.getByLabel("Search students").fill("AM STU");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByText("1 student matching “AM STU”")).toBeVisible();
    await expect(page.locator(".data-table tbody tr")).toHaveText([/Sam Student/]);
    await page.getByLabel("Search students").fill("rollbook.test");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByText("0 students matching “rollbook.test”")).toBeVisible();

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Teachers" }).click();
    await expect(page.getByText("6 teachers")).toBeVisible();
    await expectAccessible(page);
  });
});

test("with JavaScript, an admin changes several boxes at once, reviews the impact, and confirms", async ({ page }) => {
  await signIn(page, "admin");
  const classUrl = await createClass(page, { code: "BULK-1", title: "Several At Once", capacity: "2" });
  await page.goto(`${classUrl}?q=`);
  const add = page.getByRole("region", { name: "Add students" });
  await add.getByRole("button", { name: "Change several at once" }).click();
  const boxes = add.getByRole("checkbox");
  for (const i of [0, 1, 2]) await boxes.nth(i).check();
  await expect(add.getByText("Not saved yet")).toHaveCount(3);
  await add.getByRole("button", { name: "Save" }).click();
  // Three into two seats: the review says so and offers no confirm.
  // It names who: the three ticked.
  await expect(add.getByText(/This will enroll 3 \([^,)]+, [^,)]+, [^,)]+\) and remove 0\. BULK-1 would go over capacity by 1 \(3 for 2 seats\)/)).toBeVisible();
  await expect(add.getByRole("button", { name: "Confirm save" })).toHaveCount(0);
  await boxes.nth(2).uncheck();
  await add.getByRole("button", { name: "Review again" }).click();
  await expect(add.getByText(/^This will enroll 2 \([^,)]+, [^,)]+\) and remove 0\. Confirm to save\.$/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Roster (0 students)" })).toBeVisible(); // nothing written yet
  await add.getByRole("button", { name: "Confirm save" }).click();
  await expect(add.getByText("Saved: 2 added, 0 removed.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Roster (2 students)" })).toBeVisible();
  await expectAccessible(page);
  // Undo beside the message takes the whole Save back.
  await add.getByRole("status").filter({ hasText: "Saved: 2 added, 0 removed." }).getByRole("button", { name: "Undo" }).click();
  await expect(add.getByRole("status").filter({ hasText: "Undone" })).toHaveText("Undone (−2).");
  await expect(page.getByRole("heading", { name: "Roster (0 students)" })).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the same story works with the Save buttons", async ({ page }) => {
    await signIn(page, "admin");
    const classUrl = await createClass(page, { code: "NOJS-101", title: "Plain Forms" });
    const studentUrl = await openStudent(page, "Sam Student");

    await page.getByRole("checkbox", { name: "NOJS-101 Plain Forms" }).check();
    await page.getByRole("button", { name: "Save" }).click();
    // First what the Save would do, with the boxes as left; nothing written yet.
    await expect(page.getByText("This will enroll 1 (NOJS-101) and remove 0. Confirm to save.")).toBeVisible();
    await expect(page.getByRole("checkbox", { name: "NOJS-101 Plain Forms" })).toBeChecked();
    await page.getByRole("button", { name: "Confirm save" }).click();
    await expect(page.getByText("Saved: 1 added, 0 removed.")).toBeVisible();
    const box = page.getByRole("checkbox", { name: "NOJS-101 Plain Forms" });
    await expect(box).toBeChecked();
    await expect(page.getByRole("listitem").filter({ has: box }).getByText(`Enrolled ${today()}`)).toBeVisible();

    await page.goto(classUrl);
    const roster = page.getByRole("region", { name: /Roster/ });
    await roster.getByRole("checkbox", { name: /Sam Student/ }).uncheck();
    await roster.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("This will enroll 0 and remove 1 (Sam Student). Confirm to save.")).toBeVisible();
    await roster.getByRole("button", { name: "Confirm save" }).click();
    await expect(page.getByText("Saved: 0 added, 1 removed.")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Roster (0 students)" })).toBeVisible();

    await page.goto(studentUrl);
    await expect(page.getByRole("checkbox", { name: "NOJS-101 Plain Forms" })).not.toBeChecked();
  });
});

test("an admin adds a student and a teacher, gives the teacher a class, then deletes the student", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/admin/teachers/new");
  await page.getByLabel("Given name").fill("Rosalind");
  await page.getByLabel("Family name").fill("Franklin");
  await page.getByLabel("Email").fill("rosalind@rollbook.test");
  await page.getByRole("button", { name: "Create teacher" }).click();
  await expect(page.getByRole("link", { name: "Rosalind Franklin" })).toBeVisible();

  await createClass(page, { code: "CRYST-300", title: "Crystallography" });
  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByLabel("Teacher").selectOption({ label: "Rosalind Franklin" });
  await page.getByRole("button", { name: "Save class" }).click();
  await expect(page.getByText("Rosalind Franklin")).toBeVisible();

  await page.goto("/admin/students/new");
  await page.getByLabel("Given name").fill("Temporary");
  await page.getByLabel("Family name").fill("Tom");
  await page.getByLabel("Email").fill("tom@students.rollbook.test");
  await page.getByLabel("Student number").fill("T-1");
  await page.getByRole("button", { name: "Create student" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Temporary Tom" })).toBeVisible();
  await page.getByRole("checkbox", { name: "CRYST-300 Crystallography" }).check();
  await expect(page.getByText(`Enrolled ${today()}`)).toBeVisible();

  await page.getByRole("link", { name: "Delete" }).click();
  await expect(page.getByText("1 enrollment will be removed with Temporary Tom.")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Delete student" }).click();
  await expect(page).toHaveURL(/\/admin\/students$/);
  await page.goto("/admin/students?q=Temporary");
  await expect(page.getByText("0 students matching “Temporary”")).toBeVisible();
  await page.goto("/admin/classes?q=CRYST");
  await expect(page.getByRole("row", { name: /CRYST-300/ }).getByRole("cell").last()).toHaveText("0");
});

test("an admin orders the student list by a column, either way; the address keeps it", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/admin/students");
  const header = (name: string) => page.getByRole("columnheader", { name: new RegExp(`^${name}`) });
  await expect(header("Name")).toHaveAttribute("aria-sort", "ascending");
  await header("Number").getByRole("link").click();
  await expect(page).toHaveURL(/sort=number&dir=asc/);
  await expect(header("Number")).toHaveAttribute("aria-sort", "ascending");
  const numbers = async () => (await page.locator("tbody tr td:nth-child(3)").allInnerTexts()).filter((n) => n !== "—");
  const up = await numbers();
  expect(up).toEqual([...up].sort());
  await header("Number").getByRole("link").click();
  await expect(page).toHaveURL(/sort=number&dir=desc/);
  const down = await numbers();
  expect(down).toEqual([...down].sort().reverse());
  // The pages keep the order, and Back goes back to it.
  await page.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/sort=number&dir=desc&page=2|page=2.*sort=number/);
  await page.goBack();
  await expect(header("Number")).toHaveAttribute("aria-sort", "descending");
  await expectAccessible(page);
});

for (const javaScriptEnabled of [true, false]) {
  test(`a person has a given and a family name, and lists go by the family name (${javaScriptEnabled ? "with" : "without"} JavaScript)`, async ({ browser }) => {
    const page = await (await browser.newContext({ javaScriptEnabled })).newPage();
    await signIn(page, "admin");
    const t = Date.now().toString(36);
    const code = `NAMES-${t.toUpperCase()}`;
    const classUrl = await createClass(page, { code, title: "Names" });
    const box = page.getByRole("checkbox", { name: `${code} Names` });

    // Two students: by given name Adam would come first; by family name Zoë (Ääberg: accents fold to "aaberg").
    const people = [
      { given: "Zoë", family: `Ääberg${t}` },
      { given: "Adam", family: `Zed${t}` },
    ];
    const urls: string[] = [];
    for (const p of people) {
      await page.goto("/admin/students/new");
      await page.getByLabel("Given name").fill(p.given);
      await page.getByLabel("Family name").fill(p.family);
      await page.getByLabel("Email").fill(`${p.given.slice(0, 1).toLowerCase()}.${t}@students.rollbook.test`);
      await page.getByRole("button", { name: "Create student" }).click();
      await expect(page.getByRole("heading", { level: 1, name: `${p.given} ${p.family}` })).toBeVisible();
      urls.push(page.url());
      await box.check();
      if (!javaScriptEnabled) {
        await page.getByRole("button", { name: "Save" }).click();
        await page.getByRole("button", { name: "Confirm save" }).click();
      }
      await expect(page.getByRole("listitem").filter({ has: box }).getByText(`Enrolled ${today()}`)).toBeVisible();
    }

    // The class's roster and the student list: Zoë Ääberg first, as a register reads.
    await page.goto(classUrl);
    const roster = page.getByRole("region", { name: /Roster/ });
    await expect(roster.getByRole("checkbox")).toHaveCount(2);
    await expect(roster.getByRole("checkbox").first()).toHaveAccessibleName(new RegExp(`^Zoë Ääberg${t}`));
    await expect(roster.getByRole("checkbox").last()).toHaveAccessibleName(new RegExp(`^Adam Zed${t}`));
    await page.goto("/admin/students");
    await expect(page.locator("tbody tr").first()).toContainText(`Zoë Ääberg${t}`);

    // The edit form has both names; a person with one name leaves the family name empty.
    await page.goto(`${urls[0]}/edit`);
    await expect(page.getByLabel("Given name")).toHaveValue("Zoë");
    await expect(page.getByLabel("Family name")).toHaveValue(`Ääberg${t}`);
    await page.getByLabel("Given name").fill(`Zoë${t}`);
    await page.getByLabel("Family name").fill("");
    await page.getByRole("button", { name: "Save student" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Zoë${t}` })).toBeVisible();

    for (const url of urls) {
      await page.goto(`${url}/delete`);
      await page.getByRole("button", { name: "Delete student" }).click();
      await expect(page).toHaveURL(/\/admin\/students$/);
    }
  });
}

test("the class and teacher lists order by their columns too", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/admin/classes?sort=enrolled&dir=desc");
  const enrolled = (await page.locator("tbody tr td:nth-child(4)").allInnerTexts()).map((t) => Number(t.split(" / ")[0]));
  expect(enrolled.length).toBeGreaterThan(1);
  expect(enrolled).toEqual([...enrolled].sort((a, b) => b - a));
  await expect(page.getByRole("columnheader", { name: /^Enrolled/ })).toHaveAttribute("aria-sort", "descending");
  await page.goto("/admin/teachers");
  await page.getByRole("columnheader", { name: /^Classes/ }).getByRole("link").click();
  await expect(page).toHaveURL(/sort=classes&dir=asc/);
  const classes = (await page.locator("tbody tr td:nth-child(3)").allInnerTexts()).map(Number);
  expect(classes).toEqual([...classes].sort((a, b) => a - b));
});
