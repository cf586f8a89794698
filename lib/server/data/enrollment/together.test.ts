import { describe, expect, it } from "vitest";
import { db, isPostgres, sqlCounter } from "@/lib/server/db";
import { seenClass } from "@/lib/server/data/enrollment/classes-seen";
import { setEnrollment } from "@/lib/server/data/enrollment/admin";
import { dropMyself, enrollMyself } from "@/lib/server/data/enrollment/self-service";
import { makeOpenCourse, makeStudentViewer, makeUser } from "@/test/factories";

/**
 * Ticks into one class at once from one process share a transaction on
 * PostgreSQL (decision 033, together.ts), each answered as if it had run
 * alone, one after another; one that no longer holds rolls the shared
 * transaction back and each runs again on its own.
 */
async function seenCourse(capacity: number) {
  const course = await makeOpenCourse({ capacity });
  const other = await makeStudentViewer();
  expect((await enrollMyself(other.viewer, { courseId: course.id })).ok).toBe(true);
  expect((await dropMyself(other.viewer, course.id)).ok).toBe(true);
  expect(seenClass(course.id)).toBeDefined();
  return course;
}

async function roundTrips<T>(work: () => Promise<T>): Promise<{ result: T; trips: number }> {
  const before = sqlCounter.roundTrips;
  const result = await work();
  return { result, trips: sqlCounter.roundTrips - before };
}

describe.skipIf(!isPostgres())("ticks into one class at once (PostgreSQL)", () => {
  it("share transactions, each answered with its own counts, change set and history, as if one after another", async () => {
    const course = await seenCourse(20);
    const admin = await makeUser("ADMIN");
    const students = await Promise.all(Array.from({ length: 8 }, () => makeStudentViewer()));
    const tick = (studentId: string, enrolled: boolean) => setEnrollment(admin, { studentId, courseId: course.id, enrolled });
    const enrolls = await roundTrips(() => Promise.all(students.map(({ student }) => tick(student.id, true))));
    // The first alone; the rest, queued behind it, together (8 alone would be 8).
    expect(enrolls.trips).toBeLessThanOrEqual(3);
    const answers = enrolls.result.map((r) => (r.ok ? r.value : null));
    expect(answers.every(Boolean)).toBe(true);
    // Each seat's count as it stood after that seat: 1 to 8, once each.
    expect(answers.map((a) => a!.course.enrolledCount).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await db.course.findUniqueOrThrow({ where: { id: course.id }, select: { enrolledCount: true } })).toEqual({ enrolledCount: 8 });
    // Each tick its own change set (an admin's undo), its event in it, the student told.
    for (const [i, { student }] of students.entries()) {
      const events = await db.enrollmentEvent.findMany({ where: { studentId: student.id, courseId: course.id } });
      expect(events).toHaveLength(1);
      expect(answers[i]!.changeSetId).not.toBeNull();
      expect(events[0]).toMatchObject({ type: "ENROLLED", changeSetId: answers[i]!.changeSetId, actorId: admin.userId });
      expect(await db.notice.count({ where: { studentId: student.id, courseId: course.id } })).toBe(1);
    }
    expect(new Set(answers.map((a) => a!.changeSetId)).size).toBe(8);

    // A student's own drops, at once: together too.
    const drops = await roundTrips(() => Promise.all(students.map(({ viewer }) => dropMyself(viewer, course.id))));
    expect(drops.trips).toBeLessThanOrEqual(3);
    expect(drops.result.every((r) => r.ok)).toBe(true);
    expect(await db.enrollment.count({ where: { courseId: course.id } })).toBe(0);
    expect(await db.course.findUniqueOrThrow({ where: { id: course.id }, select: { enrolledCount: true } })).toEqual({ enrolledCount: 0 });
    expect(await db.enrollmentEvent.count({ where: { courseId: course.id, type: "DROPPED", studentId: { in: students.map((s) => s.student.id) } } })).toBe(8);
  });

  it("one that no longer holds (the class filled): nothing of the shared transaction kept, each answered as alone", async () => {
    const course = await seenCourse(3);
    const students = await Promise.all(Array.from({ length: 6 }, () => makeStudentViewer()));
    const results = await Promise.all(students.map(({ viewer }) => enrollMyself(viewer, { courseId: course.id })));
    const seated = results.filter((r) => r.ok);
    expect(seated).toHaveLength(3);
    for (const refused of results.filter((r) => !r.ok)) {
      expect(refused).toMatchObject({ ok: false, message: `${course.code} is full: 3 of 3. You can join the waitlist.` });
    }
    const ids = students.map((s) => s.student.id);
    expect(await db.enrollment.count({ where: { courseId: course.id } })).toBe(3);
    expect(await db.course.findUniqueOrThrow({ where: { id: course.id }, select: { enrolledCount: true } })).toEqual({ enrolledCount: 3 });
    // Only the seated ones are in the history.
    expect(await db.enrollmentEvent.count({ where: { courseId: course.id, studentId: { in: ids } } })).toBe(3);
  });
});
