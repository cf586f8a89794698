import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { createStudent, deleteStudent, updateStudent } from "@/lib/server/data/people/students";
import { updateCourse } from "@/lib/server/data/catalog/course-changes";
import { removeFromWaitlist } from "@/lib/server/data/enrollment/admin";
import { setEnrollment } from "@/lib/server/data/enrollment/admin";
import { joinMyWaitlist } from "@/lib/server/data/enrollment/self-service";
import { createTeacher, updateTeacher } from "@/lib/server/data/people/teachers";
import { pageStamp } from "@/lib/server/data/page-stamps";
import { cacheBudget, PageStore } from "@/lib/server/page-cache";
import { endSession, startSession } from "@/lib/server/data/access/sessions";
import { courseInput, makeCourse, makeOpenCourse, makeStudent, makeStudentViewer, makeUser, nameColumns } from "@/test/factories";

const page = (size: number) => ({ status: 200, headers: [] as [string, string][], parts: ["x".repeat(size)], bytes: size });

describe("the page store", () => {
  it("serves a page only with the stamp it was stored with, and forgets it on a new stamp", () => {
    const store = new PageStore(1000);
    store.set("a", "v1", page(10));
    expect(store.get("a", "v1")?.bytes).toBe(10);
    expect(store.get("a", "v2")).toBeUndefined();
    expect(store.get("a", "v1")).toBeUndefined();
    expect(store.size).toEqual({ entries: 0, bytes: 0 });
  });

  it("keeps at most its budget of bytes, dropping the least recently used first", () => {
    const store = new PageStore(1000);
    store.set("a", "s", page(200));
    store.set("b", "s", page(200));
    store.set("c", "s", page(200));
    store.get("a", "s"); // a is now the most recently used
    store.set("d", "s", page(200));
    store.set("e", "s", page(200));
    store.set("f", "s", page(200));
    expect(store.size.bytes).toBeLessThanOrEqual(1000);
    expect(store.get("b", "s")).toBeUndefined();
    expect(store.get("a", "s")).toBeDefined();
    expect(store.get("f", "s")).toBeDefined();
  });

  it("won't let one page take more than a quarter of the budget; a budget of 0 turns the cache off", () => {
    const store = new PageStore(1000);
    store.set("big", "s", page(251));
    expect(store.get("big", "s")).toBeUndefined();
    expect(cacheBudget({ ROLLBOOK_PAGE_CACHE_MB: "0" })).toBe(0);
    expect(cacheBudget({ ROLLBOOK_PAGE_CACHE_MB: "nonsense" })).toBe(0);
    expect(cacheBudget({})).toBe(64 * 2 ** 20);
  });
});

describe("page stamps: every write a class page shows changes its stamp (database triggers)", () => {
  async function setup() {
    const admin = await makeUser("ADMIN");
    const sessionId = await startSession(admin.userId);
    const course = await makeCourse(2);
    const other = await makeCourse(2);
    const stamp = (students = false) => pageStamp(sessionId, course.id, students);
    const otherStamp = () => pageStamp(sessionId, other.id, true);
    return { admin, sessionId, course, other, stamp, otherStamp };
  }

  /** Runs `write` and says whether the class's stamp (and the other class's) changed. */
  async function changes(s: Awaited<ReturnType<typeof setup>>, write: () => Promise<unknown>, students = false) {
    const [before, otherBefore] = [await s.stamp(students), await s.otherStamp()];
    await write();
    return { course: (await s.stamp(students)) !== before, other: (await s.otherStamp()) !== otherBefore };
  }

  it("enrolling and removing change that class's stamp only", async () => {
    const s = await setup();
    const student = await makeStudent();
    const link = { studentId: student.id, courseId: s.course.id };
    expect(await changes(s, () => setEnrollment(s.admin, { ...link, enrolled: true }))).toEqual({ course: true, other: false });
    expect(await changes(s, () => setEnrollment(s.admin, { ...link, enrolled: false }))).toEqual({ course: true, other: false });
  });

  it("a refused write changes nothing", async () => {
    const s = await setup();
    const student = await makeStudent();
    const result = await changes(s, () => setEnrollment(s.admin, { studentId: student.id, courseId: s.course.id, enrolled: false }));
    expect(result).toEqual({ course: false, other: false });
  });

  it("joining and leaving the waitlist change the stamp", async () => {
    const s = await setup();
    const full = await makeOpenCourse({ capacity: 0 });
    const { student, viewer } = await makeStudentViewer();
    const stamp = () => pageStamp(s.sessionId, full.id, false);
    const before = await stamp();
    expect((await joinMyWaitlist(viewer, { courseId: full.id })).ok).toBe(true);
    const waiting = await stamp();
    expect(waiting).not.toBe(before);
    expect((await removeFromWaitlist(s.admin, { studentId: student.id, courseId: full.id })).ok).toBe(true);
    expect(await stamp()).not.toBe(waiting);
  });

  it("editing the class changes its stamp", async () => {
    const s = await setup();
    const result = await changes(s, () => updateCourse(s.admin, s.course.id, courseInput({ code: s.course.code, title: "Renamed" })));
    expect(result).toEqual({ course: true, other: false });
  });

  it("renaming, editing or deleting its teacher changes the stamp", async () => {
    const s = await setup();
    const teacher = await createTeacher(s.admin, { ...nameColumns("Ms Before"), email: `before-${s.course.id}@t.test` });
    if (!teacher.ok) throw new Error("teacher not created");
    await updateCourse(s.admin, s.course.id, courseInput({ code: s.course.code, title: "T", teacherId: teacher.value.id }));
    const renamed = () => updateTeacher(s.admin, teacher.value.id, { ...nameColumns("Ms After"), email: `after-${s.course.id}@t.test` });
    expect(await changes(s, renamed)).toEqual({ course: true, other: false });
    expect(await changes(s, () => db.teacher.delete({ where: { id: teacher.value.id } }))).toEqual({ course: true, other: false });
  });

  it("renaming or deleting a student on the roster changes the stamp; any student change moves the admin page's", async () => {
    const s = await setup();
    const student = await makeStudent("Before Name");
    await setEnrollment(s.admin, { studentId: student.id, courseId: s.course.id, enrolled: true });
    const rename = () => updateStudent(s.admin, student.id, { ...nameColumns("After Name"), email: `after-${student.id}@s.test`, studentNumber: null });
    expect(await changes(s, rename)).toEqual({ course: true, other: true }); // other: through the students counter
    expect(await changes(s, () => deleteStudent(s.admin, student.id))).toEqual({ course: true, other: true });

    // A new student is not on any roster (teacher's page: same stamp) but is one to add (admin's page: new stamp).
    const created = () => createStudent(s.admin, { ...nameColumns("Newcomer"), email: `new-${s.course.id}@s.test`, studentNumber: null });
    const before = { teacherPage: await s.stamp(false), adminPage: await s.stamp(true) };
    await created();
    expect(await s.stamp(false)).toBe(before.teacherPage);
    expect(await s.stamp(true)).not.toBe(before.adminPage);
  });

  it("a change to the viewer's own account changes the stamp; no such session or class has none", async () => {
    const s = await setup();
    expect(await changes(s, () => db.user.update({ where: { id: s.admin.userId }, data: { role: "TEACHER" } }))).toEqual({
      course: true,
      other: true,
    });
    expect(await pageStamp("no-such-session", s.course.id, false)).toBeNull();
    expect(await pageStamp(s.sessionId, "no-such-class", false)).toBeNull();
    // Signed out, or expired: no stamp, so the page itself answers (with the login page).
    expect(await pageStamp(s.sessionId, s.course.id, false, new Date(Date.now() + 9 * 3_600_000))).toBeNull();
    await endSession(s.sessionId);
    expect(await pageStamp(s.sessionId, s.course.id, false)).toBeNull();
  });
});
