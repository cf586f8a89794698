import { expect, request, test, type APIRequestContext, type Page } from "@playwright/test";
import { baseURL } from "../playwright.config";
import createClient from "openapi-fetch";
import { openApi } from "../lib/api/openapi";
import type { paths } from "../lib/api/schema";
import { createClass, expectAccessible, insertApiToken, signIn } from "./fixtures";

async function makeToken(page: Page, name: string, canWrite: boolean) {
  await page.goto("/admin/api-tokens");
  await page.getByLabel("Name").fill(name);
  if (canWrite) await page.getByLabel(/May change enrollments/).check();
  await page.getByRole("button", { name: "Make token" }).click();
  const token = await page.getByLabel("Your new token").inputValue();
  expect(token).toMatch(/^rb_[A-Za-z0-9_-]{43}$/);
  return token;
}

test("the JSON API: tokens made and revoked by an admin, reads, writes, and every refusal", async ({ page }) => {
  await signIn(page, "admin");
  const writer = await makeToken(page, "e2e writer", true);
  // Copied in one click.
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy the token" }).click();
  await expect(page.getByText("Copied.")).toBeAttached();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(writer);
  await expectAccessible(page);
  const reader = await makeToken(page, "e2e reader", false);
  const classUrl = await createClass(page, { code: "API-1", title: "Through the API", capacity: "1" });
  const classId = new URL(classUrl).pathname.split("/").pop()!;

  // No cookies here: the API answers to tokens only.
  const api: APIRequestContext = await request.newContext({ baseURL });
  const as = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
  const errorOf = async (response: Awaited<ReturnType<APIRequestContext["get"]>>) => ((await response.json()) as { error: { code: string; message: string } }).error;

  const anonymous = await api.get("/api/v1/classes");
  expect(anonymous.status()).toBe(401);
  expect(anonymous.headers()["www-authenticate"]).toContain("Bearer");
  expect((await errorOf(anonymous)).code).toBe("unauthenticated");
  expect((await errorOf(await api.get("/api/v1/classes", as("rb_not-a-real-token")))).code).toBe("invalid_token");
  // A token whose user is not an admin (a teacher's, planted in the database: no page makes one).
  const wrongRole = await api.get("/api/v1/classes", as(await insertApiToken("teacher@rollbook.test")));
  expect([wrongRole.status(), (await errorOf(wrongRole)).code]).toEqual([403, "forbidden"]);

  const classes = await api.get("/api/v1/classes?limit=5&page=2", as(reader));
  expect(classes.status()).toBe(200);
  const body = (await classes.json()) as { data: { code: string }[]; page: number; limit: number; total: number; pages: number };
  expect(body.data).toHaveLength(5);
  expect([body.page, body.limit, body.pages]).toEqual([2, 5, Math.ceil(body.total / 5)]);
  expect((await api.get("/api/v1/classes?limit=500", as(reader))).status()).toBe(400);

  const math = await api.get("/api/v1/classes/demo-class-math-101/enrollments?limit=200", as(reader));
  expect(math.status()).toBe(200);
  const roster = (await math.json()) as { data: { student: { id: string; name: string }; source: string }[]; total: number };
  expect(roster.data.length).toBe(roster.total);
  expect((await errorOf(await api.get("/api/v1/classes/no-such-class/enrollments", as(reader))))).toEqual({
    code: "not_found",
    message: "No class has the id no-such-class.",
  });
  const student = roster.data[0]!.student.id;
  const theirs = await api.get(`/api/v1/students/${student}/enrollments`, as(reader));
  expect(((await theirs.json()) as { data: { class: { code: string } }[] }).data.map((e) => e.class.code)).toContain("MATH-101");
  expect((await api.get("/api/v1/students/no-such-student/enrollments", as(reader))).status()).toBe(404);

  // Writes: the read-only token may not; the writer enrolls, idempotently, within capacity, and removes.
  const seat = `/api/v1/classes/${classId}/enrollments/demo-student-150`;
  expect((await errorOf(await api.put(seat, as(reader)))).code).toBe("read_only_token");
  const put = await api.put(seat, as(writer));
  expect(put.status()).toBe(201);
  expect(((await put.json()) as { data: { source: string } }).data.source).toBe("API");
  expect((await api.put(seat, as(writer))).status()).toBe(200);
  const full = await api.put(`/api/v1/classes/${classId}/enrollments/demo-student-151`, as(writer));
  expect(full.status()).toBe(409);
  expect((await errorOf(full)).message).toBe("API-1 is full: 1 of 1.");
  expect((await api.put(`/api/v1/classes/${classId}/enrollments/nobody`, as(writer))).status()).toBe(404);
  const badJson = await api.put(seat, { headers: { authorization: `Bearer ${writer}`, "content-type": "application/json" }, data: "not json" });
  expect([badJson.status(), (await errorOf(badJson)).code]).toEqual([400, "bad_request"]);
  const unknownField = await api.put(seat, { headers: { authorization: `Bearer ${writer}` }, data: { enrolled: true } });
  expect((await errorOf(unknownField)).message).toBe("Unknown field: enrolled. Send an empty body.");

  await page.goto(classUrl);
  await expect(page.getByRole("heading", { name: "Roster (1 student)" })).toBeVisible();

  expect((await api.delete(seat, as(writer))).status()).toBe(204);
  expect((await api.delete(seat, as(writer))).status()).toBe(404);

  // A revoked token stops working at once.
  await page.goto("/admin/api-tokens");
  // Asked first; "Keep it" changes nothing.
  await page.getByRole("button", { name: "Revoke e2e writer" }).click();
  const ask = page.getByRole("group", { name: "Revoke e2e writer?" });
  await expect(ask).toContainText("Anything using this token stops working at once");
  await expectAccessible(page);
  await ask.getByRole("link", { name: "Keep it" }).click();
  await expect(page.getByRole("group", { name: "Revoke e2e writer?" })).toHaveCount(0);
  expect((await api.get("/api/v1/classes", as(writer))).status()).toBe(200);
  await page.getByRole("button", { name: "Revoke e2e writer" }).click();
  await page.getByRole("group", { name: "Revoke e2e writer?" }).getByRole("button", { name: "Revoke e2e writer" }).click();
  await expect(page.getByRole("row", { name: /e2e writer/ })).toContainText("Revoked");
  expect((await errorOf(await api.put(seat, as(writer)))).code).toBe("revoked_token");

  const spec = await api.get("/api/v1/openapi.json");
  expect(spec.status()).toBe(200);
  const openapi = (await spec.json()) as { openapi: string; paths: Record<string, unknown> };
  expect(openapi.openapi).toBe("3.1.0");
  expect(Object.keys(openapi.paths).sort()).toEqual([
    "/classes",
    "/classes/{id}/enrollments",
    "/classes/{id}/enrollments/{studentId}",
    "/students/{id}/enrollments",
  ]);
  await api.dispose();
});

// A client generated from the OpenAPI document (openapi-typescript's types,
// openapi-fetch's client), as an integration would make one: every call is
// typed by its operation, and the served document is the one it was made from.
test("a client generated from the OpenAPI document reads and writes", async ({ page }) => {
  await signIn(page, "admin");
  const classUrl = await createClass(page, { code: "API-2", title: "Generated Client", capacity: "1" });
  const id = new URL(classUrl).pathname.split("/").pop()!;
  const token = await insertApiToken("admin@rollbook.test");
  const client = createClient<paths>({ baseUrl: `${baseURL}/api/v1`, headers: { authorization: `Bearer ${token}` } });

  const served = await (await fetch(`${baseURL}/api/v1/openapi.json`)).json();
  expect(served).toEqual(JSON.parse(JSON.stringify(openApi)));

  const classes = await client.GET("/classes", { params: { query: { limit: 200 } } });
  expect(classes.response.status).toBe(200);
  expect(classes.data?.data.map((c) => c.code)).toContain("API-2");
  // Each class says its term, with its days as calendar days.
  const math = classes.data?.data.find((c) => c.code === "MATH-101");
  expect(math?.term).toMatchObject({ id: "demo-term-current", sourcedId: null });
  expect(math?.term?.startDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  // And when it meets (the demo's MATH-101: Mon Wed 08:00-08:50 Room 101).
  expect(math?.meetings).toEqual(
    ["Monday", "Wednesday"].map((day) => ({ day, start: "08:00", end: "08:50", room: "Room 101" })),
  );

  const put = await client.PUT("/classes/{id}/enrollments/{studentId}", { params: { path: { id, studentId: "demo-student-152" } } });
  expect([put.response.status, put.data?.data?.source]).toEqual([201, "API"]);
  const full = await client.PUT("/classes/{id}/enrollments/{studentId}", { params: { path: { id, studentId: "demo-student-153" } } });
  expect([full.response.status, full.error?.error.code, full.error?.error.message]).toEqual([409, "conflict", "API-2 is full: 1 of 1."]);

  const roster = await client.GET("/classes/{id}/enrollments", { params: { path: { id } } });
  expect(roster.data?.data.map((e) => [e.student?.id, e.source])).toEqual([["demo-student-152", "API"]]);
  const theirs = await client.GET("/students/{id}/enrollments", { params: { path: { id: "demo-student-152" }, query: { limit: 200 } } });
  expect(theirs.data?.data.map((e) => e.class?.code)).toContain("API-2");

  const removed = await client.DELETE("/classes/{id}/enrollments/{studentId}", { params: { path: { id, studentId: "demo-student-152" } } });
  expect(removed.response.status).toBe(204);
  const missing = await client.GET("/classes/{id}/enrollments", { params: { path: { id: "no-such-class" } } });
  expect([missing.response.status, missing.error?.error.code]).toEqual([404, "not_found"]);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an admin makes a token and revokes it, asked first", async ({ page }) => {
    await signIn(page, "admin");
    const token = await makeToken(page, "no-js token", false);
    await page.getByRole("button", { name: "Revoke no-js token" }).click();
    const ask = page.getByRole("group", { name: "Revoke no-js token?" });
    await expect(ask).toContainText("can't be brought back");
    const api = await request.newContext({ baseURL });
    expect((await api.get("/api/v1/classes", { headers: { authorization: `Bearer ${token}` } })).status()).toBe(200);
    await ask.getByRole("button", { name: "Revoke no-js token" }).click();
    await expect(page.getByRole("row", { name: /no-js token/ })).toContainText("Revoked");
    expect((await api.get("/api/v1/classes", { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);
    await api.dispose();
  });
});
