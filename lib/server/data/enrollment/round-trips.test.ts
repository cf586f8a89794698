import { describe, expect, it } from "vitest";
import { db, isPostgres, sqlCounter } from "@/lib/server/db";
import { parseMeetings } from "@/lib/meetings";
import { setEnrollment } from "@/lib/server/data/enrollment/admin";
import { dropMyself, enrollMyself } from "@/lib/server/data/enrollment/self-service";
import { apiSetEnrollment } from "@/lib/server/data/records/api";
import { getLastChangeSet, undoChangeSet } from "@/lib/server/data/records/change-sets";
import { applyImport, createImport, runCheck } from "@/lib/server/data/records/imports/jobs";
import { makeCourse, makeOpenCourse, makeStudents, makeStudentViewer, makeUser } from "@/test/factories";

/**
 * What a tick costs PostgreSQL in round trips (issue 21: at most 3): each
 * request sent and waited on is one, however many statements it carries
 * (sql.ts, decisions 030, 031 and 032). On a class this process hasn't
 * seen: BEGIN, the change set and the reads the rules decide on; then the
 * writes, the notice and the COMMIT. On a class it has (classes-seen.ts):
 * one request, the class still as seen checked with the writes.
 * SQLite has no round trips: its statements run in the process.
 */
async function roundTrips<T>(work: () => Promise<T>): Promise<{ result: T; trips: number }> {
  const before = sqlCounter.roundTrips;
  const result = await work();
  return { result, trips: sqlCounter.roundTrips - before };
}

const meets = (text: string) => {
  const parsed = parseMeetings(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.meetings;
};

describe.skipIf(!isPostgres())("a tick on PostgreSQL", () => {
  it("a student's own enroll and drop, in a class with times and without: 2 round trips the first time, then 1", async () => {
    const { viewer } = await makeStudentViewer();
    for (const course of [await makeOpenCourse({ capacity: 5 }), await makeOpenCourse({ capacity: 5, meetings: meets("Tue 09:00-10:00") })]) {
      for (const expected of [2, 1]) {
        const enroll = await roundTrips(() => enrollMyself(viewer, { courseId: course.id }));
        expect(enroll.result.ok).toBe(true);
        expect(enroll.trips).toBe(expected);
        const drop = await roundTrips(() => dropMyself(viewer, course.id));
        expect(drop.result.ok).toBe(true);
        expect(drop.trips).toBe(1);
      }
    }
  });

  it("an admin's tick and the API's PUT and DELETE (each its own change set, the student told): 2 round trips the first time, then 1", async () => {
    const admin = await makeUser("ADMIN");
    const { student } = await makeStudentViewer();
    for (const course of [await makeOpenCourse({ capacity: 5, meetings: meets("Wed 09:00-10:00") }), await makeOpenCourse({ capacity: 5 })]) {
      const timed = (await db.meeting.count({ where: { courseId: course.id } })) > 0;
      const link = { studentId: student.id, courseId: course.id };
      // [work, round trips]: the API keeps a clash in the history, which it reads first, in a class with times.
      const works: [() => Promise<boolean>, number][] = [
        [async () => (await setEnrollment(admin, { ...link, enrolled: true })).ok, 2],
        [async () => (await setEnrollment(admin, { ...link, enrolled: false })).ok, 1],
        [async () => (await apiSetEnrollment(admin, link, true)).status === "created", timed ? 2 : 1],
        [async () => (await apiSetEnrollment(admin, link, false)).status === "deleted", 1],
        [async () => (await setEnrollment(admin, { ...link, enrolled: true })).ok, 1],
        [async () => (await setEnrollment(admin, { ...link, enrolled: false })).ok, 1],
      ];
      for (const [work, expected] of works) {
        const { result, trips } = await roundTrips(work);
        expect(result).toBe(true);
        expect(trips).toBe(expected);
      }
    }
  });

  it("an import of 250 enrollments and its undo: their seats and drops a hundred to a request (in-step.ts), not one each", async () => {
    const admin = await makeUser("ADMIN");
    const courses = [await makeCourse(), await makeCourse()];
    const students = await makeStudents(125, "Trips");
    const rows = courses.flatMap((c) => students.map((id) => `${c.id},${id},student`));
    const created = await createImport(admin, { enrollments: ["classSourcedId,userSourcedId,role", ...rows].join("\n") }, { sync: false });
    if (!created.ok) throw new Error(created.message);
    await runCheck(admin, created.value.id);
    const applied = await roundTrips(() => applyImport(admin, created.value.id));
    expect(applied.result.ok).toBe(true);
    expect(await db.enrollment.count({ where: { courseId: { in: courses.map((c) => c.id) } } })).toBe(250);
    expect(applied.trips).toBeLessThan(20);
    const last = await getLastChangeSet(admin);
    const undone = await roundTrips(() => undoChangeSet(admin, last!.id));
    expect(undone.result).toMatchObject({ ok: true, value: { removed: 250 } });
    expect(await db.enrollment.count({ where: { courseId: { in: courses.map((c) => c.id) } } })).toBe(0);
    expect(undone.trips).toBeLessThan(20);
  });
});
