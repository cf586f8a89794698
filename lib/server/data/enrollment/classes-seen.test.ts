import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { parseMeetings } from "@/lib/meetings";
import { setEnrollment } from "@/lib/server/data/enrollment/admin";
import { forgetClass, seenClass } from "@/lib/server/data/enrollment/classes-seen";
import { dropMyself, enrollMyself, joinMyWaitlist } from "@/lib/server/data/enrollment/self-service";
import { apiSetEnrollment } from "@/lib/server/data/records/api";
import { makeOpenCourse, makeStudentViewer, makeUser, termDays } from "@/test/factories";

/**
 * A tick decided on the class as this process last saw it (decision 032,
 * classes-seen.ts) answers exactly as one decided on a fresh read: whatever
 * changed since it was seen (its rules, its title, its seats, a clash, a
 * waitlist) is caught with the writes, nothing of them kept, and the tick
 * decided again on a read.
 */
const meets = (text: string) => {
  const parsed = parseMeetings(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.meetings;
};

/** A class this process has seen (one tick in and out by another student). */
async function seenCourse(patch: Parameters<typeof makeOpenCourse>[0] = {}) {
  const course = await makeOpenCourse({ capacity: 5, ...patch });
  const other = await makeStudentViewer();
  expect((await enrollMyself(other.viewer, { courseId: course.id })).ok).toBe(true);
  expect((await dropMyself(other.viewer, course.id)).ok).toBe(true);
  expect(seenClass(course.id)).toBeDefined();
  return course;
}

describe("a tick on a class as last seen", () => {
  it("its self-enrollment closed since: refused as on a read, and remembered as it is now", async () => {
    const course = await seenCourse();
    const { viewer } = await makeStudentViewer();
    await db.course.update({ where: { id: course.id }, data: { closesAt: new Date(Date.now() - 60_000) } });
    const result = await enrollMyself(viewer, { courseId: course.id });
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining(`Enrollment in ${course.code} closed`) });
    expect(await db.enrollment.count({ where: { courseId: course.id } })).toBe(0);
    expect(seenClass(course.id)?.closesAt).not.toBeNull();
  });

  it("a hold placed on the student: refused as on a read (the student, and an admin's tick asked), nothing written", async () => {
    const course = await seenCourse();
    const { viewer, student } = await makeStudentViewer();
    const admin = await makeUser("ADMIN");
    await db.hold.create({ data: { studentId: student.id, reason: "Library fines", office: "the library", placedBy: "Test" } });
    expect(await enrollMyself(viewer, { courseId: course.id })).toMatchObject({ ok: false, code: "rule", message: "A hold stops you adding classes: Library fines. See the library to have it lifted." });
    expect(seenClass(course.id)).toBeDefined();
    expect(await setEnrollment(admin, { studentId: student.id, courseId: course.id, enrolled: true })).toMatchObject({ ok: false, code: "rule" });
    expect(await db.enrollment.count({ where: { courseId: course.id } })).toBe(0);
    expect(await db.enrollmentEvent.count({ where: { courseId: course.id, studentId: student.id } })).toBe(0);
    // The API records it instead: decided again on a read, for the hold's note.
    expect(seenClass(course.id)).toBeDefined();
    expect(await apiSetEnrollment(admin, { studentId: student.id, courseId: course.id }, true)).toMatchObject({ status: "created", enrollment: { source: "API" } });
    const event = await db.enrollmentEvent.findFirstOrThrow({ where: { courseId: course.id, studentId: student.id } });
    expect(event.reason).toBe("passes a hold (the library: Library fines)");
  });

  it("the student at their term's load limit: refused as on a read", async () => {
    const course = await seenCourse();
    const { viewer, student } = await makeStudentViewer();
    const term = await db.term.create({ data: { name: `Seen load ${Date.now()}`, ...termDays(-1, 30), loadLimit: 1 } });
    const other = await makeOpenCourse();
    await db.course.updateMany({ where: { id: { in: [course.id, other.id] } }, data: { termId: term.id } });
    // The class's term is part of what was seen: the first tick reads again, and the one after is decided as seen.
    expect((await enrollMyself(viewer, { courseId: other.id })).ok).toBe(true);
    expect((await enrollMyself((await makeStudentViewer()).viewer, { courseId: course.id })).ok).toBe(true);
    expect(seenClass(course.id)).toBeDefined();
    expect(await enrollMyself(viewer, { courseId: course.id })).toMatchObject({ ok: false, code: "rule", message: `You are in 1 class of ${term.name}, the most a student may take. Drop one first, or ask an admin to allow an overload.` });
    expect(await db.enrollment.count({ where: { courseId: course.id, studentId: student.id } })).toBe(0);
  });

  it("the student's registration time not come yet: refused as on a read; the admin's tick enrolls", async () => {
    const course = await seenCourse();
    const { viewer, student } = await makeStudentViewer();
    const admin = await makeUser("ADMIN");
    const term = await db.term.create({ data: { name: `Seen window ${Date.now()}`, ...termDays(-1, 30) } });
    await db.course.update({ where: { id: course.id }, data: { termId: term.id } });
    const opens = new Date(Date.now() + 3_600_000);
    await db.registrationWindow.create({ data: { termId: term.id, opensAt: opens } });
    // Seen again in its term (another student's tick reads it), then decided as seen.
    const early = await makeStudentViewer();
    expect(await enrollMyself(early.viewer, { courseId: course.id })).toMatchObject({ ok: false, code: "rule" });
    expect((await setEnrollment(admin, { studentId: early.student.id, courseId: course.id, enrolled: true })).ok).toBe(true);
    expect(seenClass(course.id)).toBeDefined();
    expect(await enrollMyself(viewer, { courseId: course.id })).toMatchObject({ ok: false, code: "rule", message: expect.stringContaining(`Your registration for ${term.name} opens`) });
    expect(await db.enrollment.count({ where: { courseId: course.id, studentId: student.id } })).toBe(0);
    // An hour on, it has come.
    expect((await enrollMyself(viewer, { courseId: course.id }, new Date(opens.getTime() + 1000))).ok).toBe(true);
  });

  it("a join code set since: asked for", async () => {
    const course = await seenCourse();
    const { viewer } = await makeStudentViewer();
    await db.course.update({ where: { id: course.id }, data: { joinCode: "SEEN42" } });
    expect(await enrollMyself(viewer, { courseId: course.id })).toMatchObject({ ok: false, message: `${course.code} needs a join code: ask your teacher for it.` });
    expect((await enrollMyself(viewer, { courseId: course.id, joinCode: "SEEN42" })).ok).toBe(true);
  });

  it("renamed since: the student is told the new title", async () => {
    const course = await seenCourse();
    const { viewer, student } = await makeStudentViewer();
    const admin = await makeUser("ADMIN");
    await db.course.update({ where: { id: course.id }, data: { title: "A Title Given Since" } });
    expect((await setEnrollment(admin, { studentId: student.id, courseId: course.id, enrolled: true })).ok).toBe(true);
    const notice = await db.notice.findFirstOrThrow({ where: { studentId: student.id, courseId: course.id } });
    expect(notice.text).toContain("A Title Given Since");
    void viewer;
  });

  it("full since (the seen counts had a seat): refused as full, with the counts now", async () => {
    const course = await seenCourse({ capacity: 1 });
    const first = await makeStudentViewer();
    const second = await makeStudentViewer();
    // Filled behind this process's back (another server): the seen count still says 0 of 1.
    await db.enrollment.create({ data: { studentId: first.student.id, courseId: course.id, source: "ADMIN" } });
    await db.course.update({ where: { id: course.id }, data: { enrolledCount: 1 } });
    expect(await enrollMyself(second.viewer, { courseId: course.id })).toMatchObject({
      ok: false,
      code: "full",
      message: `${course.code} is full: 1 of 1. You can join the waitlist.`,
    });
    // Remembered full: the next student's tick reads first rather than writing and rolling back.
    expect(seenClass(course.id)?.enrolledCount).toBe(1);
  });

  it("a clash since: refused, naming it; an admin's tick asked about it", async () => {
    const course = await seenCourse({ meetings: meets("Mon 09:00-10:00") });
    const other = await makeOpenCourse({ capacity: 5, meetings: meets("Mon 09:30-10:30") });
    const { viewer, student } = await makeStudentViewer();
    const admin = await makeUser("ADMIN");
    expect((await setEnrollment(admin, { studentId: student.id, courseId: other.id, enrolled: true })).ok).toBe(true);
    expect(seenClass(course.id)).toBeDefined();
    expect(await enrollMyself(viewer, { courseId: course.id })).toMatchObject({ ok: false, code: "clash", message: expect.stringContaining(`clashes with ${other.code}`) });
    expect(seenClass(course.id)).toBeDefined();
    expect(await setEnrollment(admin, { studentId: student.id, courseId: course.id, enrolled: true })).toMatchObject({ ok: false, code: "clash" });
    expect(await db.enrollment.count({ where: { courseId: course.id } })).toBe(0);
  });

  it("someone joined its waitlist since: a drop seats them", async () => {
    const course = await seenCourse({ capacity: 1 });
    const inClass = await makeStudentViewer();
    const waiting = await makeStudentViewer();
    expect((await enrollMyself(inClass.viewer, { courseId: course.id })).ok).toBe(true);
    expect(seenClass(course.id)?.waiting).toBeFalsy();
    expect(await joinMyWaitlist(waiting.viewer, { courseId: course.id })).toMatchObject({ ok: true, value: { position: 1 } });
    // The process's own waitlist join didn't pass through a tick: the seen class still says no one waits.
    const dropped = await dropMyself(inClass.viewer, course.id);
    expect(dropped).toMatchObject({ ok: true, value: { promoted: [{ studentId: waiting.student.id }] } });
    expect(await db.enrollment.findMany({ where: { courseId: course.id }, select: { studentId: true } })).toEqual([{ studentId: waiting.student.id }]);
  });

  it("a student who isn't there (an API call with a wrong id): gone, as on a read", async () => {
    const course = await seenCourse();
    const admin = await makeUser("ADMIN");
    for (const enrolled of [true, false]) {
      expect(await setEnrollment(admin, { studentId: "no-such-student", courseId: course.id, enrolled })).toMatchObject({
        ok: false,
        code: "gone",
        message: "That student no longer exists.",
      });
    }
  });

  it("the class deleted since: gone", async () => {
    const course = await seenCourse();
    const { viewer } = await makeStudentViewer();
    await db.course.delete({ where: { id: course.id } });
    expect(await enrollMyself(viewer, { courseId: course.id })).toMatchObject({ ok: false, message: "That class no longer exists." });
    forgetClass(course.id);
  });
});
