/**
 * The JSON endpoints the pages' JavaScript sends ticks and waitlist buttons
 * to, called directly as an attacker would: only the signed-in user's own
 * rights apply, a request from another site or a form is refused, and a
 * refusal changes nothing.
 */
import { expect, request, test, type APIRequestContext } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { accounts, openStudent, signIn } from "./fixtures";

async function signedIn(browser: import("@playwright/test").Browser, who: keyof typeof accounts): Promise<APIRequestContext> {
  const page = await browser.newPage();
  await signIn(page, who);
  const context = await request.newContext({ baseURL, storageState: await page.context().storageState() });
  await page.close();
  return context;
}

const json = { "content-type": "application/json", origin: baseURL };

test("a tick answers with what changed, and only the signed-in user's own rights apply", async ({ browser, page }) => {
  const admin = await signedIn(browser, "admin");
  const student = await signedIn(browser, "student");
  const teacher = await signedIn(browser, "teacher");
  const anonymous = await request.newContext({ baseURL });
  // PE-100 is managed by the school: students may not enroll themselves; an admin may.
  const studentPage = await (async () => {
    await signIn(page, "admin");
    return openStudent(page, "Rita Reyes");
  })();
  const rita = new URL(studentPage).pathname.split("/").pop()!;
  const tick = { courseId: "demo-class-pe-100", studentId: rita, enrolled: true };

  // Refused: signed out, from another site, not JSON, a teacher, a malformed body.
  expect((await anonymous.post("/api/enrollment/tick", { headers: json, data: tick })).status()).toBe(401);
  expect((await admin.post("/api/enrollment/tick", { headers: { ...json, origin: "https://evil.example" }, data: tick })).status()).toBe(403);
  expect((await admin.post("/api/enrollment/tick", { headers: { origin: baseURL }, form: { courseId: tick.courseId } })).status()).toBe(415);
  const byTeacher = await teacher.post("/api/enrollment/tick", { headers: json, data: tick });
  expect(byTeacher.status()).toBe(403);
  expect((await admin.post("/api/enrollment/tick", { headers: json, data: "{not json" })).status()).toBe(400);
  expect((await admin.post("/api/enrollment/tick", { headers: json, data: { ...tick, enrolled: "yes" } })).status()).toBe(400);

  // A student naming another student still acts on themselves only: here, refused by the class's rules.
  const byStudent = await student.post("/api/enrollment/tick", { headers: json, data: tick });
  expect(byStudent.status()).toBe(409);
  expect((await byStudent.json()).message).toMatch(/PE-100 is not open for self-enrollment/);

  // None of that changed Rita's PE-100 box.
  await page.reload();
  const box = page.getByRole("checkbox", { name: /PE-100/ });
  const before = await box.isChecked();

  // The admin's tick: the answer says what changed.
  const done = await admin.post("/api/enrollment/tick", { headers: json, data: { ...tick, enrolled: !before } });
  expect(done.status()).toBe(200);
  const body = await done.json();
  expect(body).toMatchObject({ ok: true, enrolled: !before, course: { code: "PE-100" }, promoted: [] });
  expect(typeof body.course.enrolledCount).toBe("number");
  await page.reload();
  await expect(page.getByRole("checkbox", { name: /PE-100/ })).toBeChecked({ checked: !before });
  // Put it back.
  expect((await admin.post("/api/enrollment/tick", { headers: json, data: { ...tick, enrolled: before } })).status()).toBe(200);

  // The waitlist endpoint: students only; a class with seats says so.
  const join = { courseId: "demo-class-pe-100", join: true };
  expect((await admin.post("/api/enrollment/waitlist", { headers: json, data: join })).status()).toBe(403);
  expect((await student.post("/api/enrollment/waitlist", { headers: { ...json, origin: "https://evil.example" }, data: join })).status()).toBe(403);
  for (const context of [admin, student, teacher, anonymous]) await context.dispose();
});
