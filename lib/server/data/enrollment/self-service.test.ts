import { describe, expect, it } from "vitest";
import { ForbiddenError } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { admitFromWaitlist } from "@/lib/server/data/enrollment/admin";
import { courseData, getCoursePage } from "@/lib/server/data/catalog/courses";
import { updateCourse } from "@/lib/server/data/catalog/course-changes";
import { listEnrollmentEvents, setEnrollment } from "@/lib/server/data/enrollment/admin";
import { getRoster, listMyCourses } from "@/lib/server/data/catalog/rosters";
import { dropMyself, enrollMyself, joinMyWaitlist, leaveMyWaitlist, saveMyClasses } from "@/lib/server/data/enrollment/self-service";
import { listMyCatalog } from "@/lib/server/data/enrollment/my-catalog";
import { deleteStudent } from "@/lib/server/data/people/students";
import { termStandings } from "@/lib/server/data/catalog/terms";
import { courseInput, makeOpenCourse, makeStudentViewer, makeUser, nameColumns } from "@/test/factories";

const HOUR = 60 * 60 * 1000;

/** The terms a student's page lists today: the current ones and the next. */
async function shownTermIds() {
  const terms = await db.term.findMany({ select: { id: true, name: true, startsOn: true, endsOn: true } });
  return [...termStandings(terms)].filter(([, s]) => s === "current" || s === "next").map(([id]) => id);
}
const link = async (studentId: string, courseId: string) =>
  db.enrollment.findUnique({ where: { studentId_courseId: { studentId, courseId } } });

describe("a student enrolls themselves", () => {
  it("enrolls with source SELF and drops again", async () => {
    const { student, viewer } = await makeStudentViewer();
    const course = await makeOpenCourse({ capacity: 10 });

    const result = await enrollMyself(viewer, { courseId: course.id });

    expect(result.ok).toBe(true);
    const row = await link(student.id, course.id);
    expect([row?.source, row?.enrolledById]).toEqual(["SELF", viewer.userId]);
    expect(await dropMyself(viewer, course.id)).toMatchObject({ ok: true, value: { enrolled: false, promoted: [] } });
    expect(await link(student.id, course.id)).toBeNull();
  });

  it("refuses outside the window, past the drop deadline and for managed classes, writing nothing", async () => {
    const { student, viewer } = await makeStudentViewer();
    const now = new Date("2026-09-01T12:00:00");
    const notYet = await makeOpenCourse({ opensAt: new Date(now.getTime() + HOUR) });
    const closed = await makeOpenCourse({ closesAt: new Date(now.getTime() - HOUR) });
    const managed = await makeOpenCourse({ selfEnrollment: false });
    const locked = await makeOpenCourse({ dropDeadline: new Date(now.getTime() - HOUR) });
    await db.enrollment.create({ data: { studentId: student.id, courseId: locked.id, source: "SELF" } });
    await db.course.update({ where: { id: locked.id }, data: { enrolledCount: 1 } });

    expect(await enrollMyself(viewer, { courseId: notYet.id }, now)).toEqual({
      ok: false,
      message: `Enrollment in ${notYet.code} opens 1 Sept 2026, 13:00.`,
    });
    expect(await enrollMyself(viewer, { courseId: closed.id }, now)).toEqual({
      ok: false,
      message: `Enrollment in ${closed.code} closed 1 Sept 2026, 11:00.`,
    });
    expect(await enrollMyself(viewer, { courseId: managed.id }, now)).toEqual({
      ok: false,
      message: `${managed.code} is not open for self-enrollment: ask your school.`,
    });
    expect(await dropMyself(viewer, locked.id, now)).toEqual({
      ok: false,
      message: `The drop deadline for ${locked.code} was 1 Sept 2026, 11:00: ask an admin.`,
    });
    expect(await db.enrollment.count({ where: { studentId: student.id } })).toBe(1);
    expect(await db.enrollmentEvent.count({ where: { studentId: student.id } })).toBe(0);
  });

  it("needs the join code, matched trimmed and case-insensitively", async () => {
    const { student, viewer } = await makeStudentViewer();
    const course = await makeOpenCourse({ joinCode: "BIO-7K2" });

    expect(await enrollMyself(viewer, { courseId: course.id })).toEqual({
      ok: false,
      message: `${course.code} needs a join code: ask your teacher for it.`,
    });
    expect(await enrollMyself(viewer, { courseId: course.id, joinCode: "BIO-7K3" })).toEqual({
      ok: false,
      message: `That join code is not right for ${course.code}.`,
    });
    expect(await link(student.id, course.id)).toBeNull();
    expect((await enrollMyself(viewer, { courseId: course.id, joinCode: "  bio-7k2 " })).ok).toBe(true);
  });

  it("a code for a closed class does not work", async () => {
    const { viewer } = await makeStudentViewer();
    const course = await makeOpenCourse({ joinCode: "OLD-CODE", closesAt: new Date(Date.now() - HOUR) });
    const result = await enrollMyself(viewer, { courseId: course.id, joinCode: "OLD-CODE" });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/^Enrollment in .* closed /);
  });

  it("refuses a duplicate and a drop of a class the student is not in", async () => {
    const { student, viewer } = await makeStudentViewer("Pat Twice");
    const course = await makeOpenCourse();
    await enrollMyself(viewer, { courseId: course.id });
    expect(await enrollMyself(viewer, { courseId: course.id })).toEqual({
      ok: false,
      code: "already",
      message: `Pat Twice is already enrolled in ${course.code}.`,
    });
    const other = await makeOpenCourse();
    expect(await dropMyself(viewer, other.id)).toEqual({ ok: false, code: "not-enrolled", message: `Pat Twice is not enrolled in ${other.code}.` });
    expect(await db.enrollment.count({ where: { studentId: student.id } })).toBe(1);
  });

  it("saves the whole form all or nothing", async () => {
    const { student, viewer } = await makeStudentViewer();
    const a = await makeOpenCourse();
    const coded = await makeOpenCourse({ joinCode: "ABCD" });
    const result = await saveMyClasses(viewer, [a.id, coded.id], [a.id, coded.id], { [coded.id]: "wrong" });
    expect(result).toEqual({ ok: false, message: `That join code is not right for ${coded.code}.` });
    expect(await db.enrollment.count({ where: { studentId: student.id } })).toBe(0);
    expect(await saveMyClasses(viewer, [a.id, coded.id], [a.id, coded.id], { [coded.id]: "abcd" })).toEqual({
      ok: true,
      value: { added: 2, removed: 0 },
    });
  });

  it("only students enroll themselves, and only themselves", async () => {
    const course = await makeOpenCourse();
    for (const caller of [null, await makeUser("ADMIN"), await makeUser("TEACHER"), await makeUser("STUDENT")]) {
      await expect(enrollMyself(caller, { courseId: course.id })).rejects.toThrow(ForbiddenError);
    }
    expect(await db.enrollment.count({ where: { courseId: course.id } })).toBe(0);
  });
});

describe("capacity under concurrency", () => {
  it("50 concurrent self-enrollments into a class with 5 seats left: exactly 5 succeed", async () => {
    const course = await makeOpenCourse({ capacity: 20 });
    const admin = await makeUser("ADMIN");
    const early = await Promise.all(Array.from({ length: 15 }, () => makeStudentViewer()));
    for (const { student } of early) await setEnrollment(admin, { studentId: student.id, courseId: course.id, enrolled: true });
    const racers = await Promise.all(Array.from({ length: 50 }, () => makeStudentViewer()));

    const started = performance.now();
    const results = await Promise.all(racers.map(({ viewer }) => enrollMyself(viewer, { courseId: course.id })));
    const ms = performance.now() - started;

    const won = results.filter((r) => r.ok).length;
    expect(won).toBe(5);
    expect(
      results.every((r) => r.ok || r.message === `${course.code} is full: 20 of 20. You can join the waitlist.`),
    ).toBe(true);
    expect(await db.enrollment.count({ where: { courseId: course.id } })).toBe(20);
    expect((await db.course.findUniqueOrThrow({ where: { id: course.id } })).enrolledCount).toBe(20);
    console.log(`concurrency: 50 concurrent enrollments, 5 seats: ${won} succeeded, ${50 - won} refused, ${ms.toFixed(0)} ms`);
  });

  it("drops and waitlist joins at once into a full class: no seat stays free while someone waits (a drop decided on a read runs again)", async () => {
    for (let round = 0; round < 3; round++) {
      const course = await makeOpenCourse({ capacity: 5 });
      const inside = await Promise.all(Array.from({ length: 5 }, () => makeStudentViewer()));
      for (const { viewer } of inside) expect((await enrollMyself(viewer, { courseId: course.id })).ok).toBe(true);
      const waiters = await Promise.all(Array.from({ length: 10 }, () => makeStudentViewer()));
      // Interleaved: each drop among joins, so that a join can land between a drop's read and its writes.
      const work = waiters.flatMap(({ viewer }, i) => [
        () => joinMyWaitlist(viewer, { courseId: course.id }),
        ...(i % 2 === 1 ? [() => dropMyself(inside[(i - 1) / 2]!.viewer, course.id)] : []),
      ]);
      const results = await Promise.all(work.map((w) => w()));
      for (const r of results) if (!r.ok) expect(r.message).toMatch(/has seats left: enroll instead|busy/);
      const rows = await db.enrollment.count({ where: { courseId: course.id } });
      const waiting = await db.waitlistEntry.count({ where: { courseId: course.id } });
      const { enrolledCount } = await db.course.findUniqueOrThrow({ where: { id: course.id } });
      expect(enrolledCount).toBe(rows);
      expect(rows).toBeLessThanOrEqual(5);
      if (waiting > 0) expect(rows).toBe(5);
    }
  });
});

describe("the waitlist", () => {
  it("lists the student's own classes first (open or not), then counts and pages the open classes they are in neither", async () => {
    const { student, viewer } = await makeStudentViewer();
    const open = await makeOpenCourse();
    const openIn = await makeOpenCourse();
    const closedIn = await db.course.create({ data: courseData(courseInput({ selfEnrollment: false })), select: { id: true, code: true } });
    const closedWaiting = await db.course.create({ data: courseData(courseInput({ selfEnrollment: false })), select: { id: true, code: true } });
    await db.course.create({ data: courseData(courseInput({ selfEnrollment: false })) }); // neither: not listed
    const admin = await makeUser("ADMIN");
    await setEnrollment(admin, { studentId: student.id, courseId: closedIn.id, enrolled: true });
    await setEnrollment(admin, { studentId: student.id, courseId: openIn.id, enrolled: true });
    await db.waitlistEntry.create({ data: { studentId: student.id, courseId: closedWaiting.id } });

    const expected = await db.course.count({
      where: {
        selfEnrollment: true,
        enrollments: { none: { studentId: student.id } },
        waitlist: { none: { studentId: student.id } },
        OR: [{ termId: null }, { termId: { in: await shownTermIds() } }],
      },
    });
    const catalog = await listMyCatalog(viewer, { q: "", page: 1 });
    expect(catalog.mine.map((r) => r.code)).toEqual([closedIn.code, closedWaiting.code, openIn.code].sort());
    expect(catalog.mine.find((r) => r.code === closedWaiting.code)?.waitlistPosition).toBe(1);
    expect(catalog.total).toBe(expected);
    expect(catalog.rows.some((r) => r.code === openIn.code)).toBe(false);
    // Paging past the end lands on the last page, with the same count.
    const last = await listMyCatalog(viewer, { q: "", page: 10_000 });
    expect(last.total).toBe(expected);
    expect(last.page).toBe(last.pageCount);
    // A search counts only its matches among the open classes; the student's own stay listed.
    const found = await listMyCatalog(viewer, { q: open.code, page: 1 });
    expect([found.total, found.rows.map((r) => r.code), found.mine.length]).toEqual([1, [open.code], 3]);
    expect((await listMyCatalog(viewer, { q: openIn.code, page: 1 })).total).toBe(0);
  });

  it("queues in order, promotes the first in line when a seat frees, and records it", async () => {
    const course = await makeOpenCourse({ capacity: 1 });
    const holder = await makeStudentViewer();
    const first = await makeStudentViewer();
    const second = await makeStudentViewer();
    await enrollMyself(holder.viewer, { courseId: course.id });

    expect(await joinMyWaitlist(first.viewer, { courseId: course.id })).toMatchObject({ ok: true, value: { position: 1 } });
    expect(await joinMyWaitlist(second.viewer, { courseId: course.id })).toMatchObject({ ok: true, value: { position: 2 } });
    const catalog = await listMyCatalog(second.viewer, { q: course.code, page: 1 });
    expect(catalog.mine.find((r) => r.id === course.id)?.waitlistPosition).toBe(2);

    await dropMyself(holder.viewer, course.id);

    const promoted = await link(first.student.id, course.id);
    expect(promoted?.source).toBe("WAITLIST");
    expect(await link(second.student.id, course.id)).toBeNull();
    expect((await listMyCatalog(second.viewer, { q: course.code, page: 1 })).mine.find((r) => r.id === course.id)?.waitlistPosition).toBe(1);
    const events = await listEnrollmentEvents(await makeUser("ADMIN"), { studentId: first.student.id, courseId: course.id });
    expect(events.map((e) => [e.type, e.source])).toEqual([
      ["WAITLISTED", "SELF"],
      ["ENROLLED", "WAITLIST"],
    ]);
  });

  it("promotes on an admin removal, a capacity raise and a student's deletion", async () => {
    const admin = await makeUser("ADMIN");
    const course = await makeOpenCourse({ capacity: 1 });
    const [holder, w1, w2, w3] = await Promise.all([1, 2, 3, 4].map(() => makeStudentViewer()));
    await enrollMyself(holder!.viewer, { courseId: course.id });
    for (const w of [w1!, w2!, w3!]) await joinMyWaitlist(w.viewer, { courseId: course.id });

    // The admin is asked first, told who would get the seat; nothing changes until they confirm.
    const asked = await setEnrollment(admin, { studentId: holder!.student.id, courseId: course.id, enrolled: false });
    expect(asked).toMatchObject({ ok: false, code: "confirm" });
    expect(!asked.ok && asked.message).toContain("gives the seat to");
    expect(await link(holder!.student.id, course.id)).not.toBeNull();
    expect(await link(w1!.student.id, course.id)).toBeNull();
    const removed = await setEnrollment(admin, { studentId: holder!.student.id, courseId: course.id, enrolled: false, confirmed: true });
    expect(removed).toMatchObject({ ok: true, value: { promoted: [{ studentId: w1!.student.id }] } });
    expect((await link(w1!.student.id, course.id))?.source).toBe("WAITLIST");

    const full = await db.course.findUniqueOrThrow({ where: { id: course.id } });
    await updateCourse(admin, course.id, courseInput({ code: full.code, title: full.title, selfEnrollment: true, capacity: 2 }));
    expect((await link(w2!.student.id, course.id))?.source).toBe("WAITLIST");

    await deleteStudent(admin, w1!.student.id);
    expect((await link(w3!.student.id, course.id))?.source).toBe("WAITLIST");
    expect(await db.waitlistEntry.count({ where: { courseId: course.id } })).toBe(0);
    expect((await db.course.findUniqueOrThrow({ where: { id: course.id } })).enrolledCount).toBe(2);
  });

  it("refuses the waitlist of a class with seats, twice, or one not joined", async () => {
    const course = await makeOpenCourse({ capacity: 5 });
    const { viewer } = await makeStudentViewer();
    expect(await joinMyWaitlist(viewer, { courseId: course.id })).toEqual({
      ok: false,
      message: `${course.code} has seats left: enroll instead.`,
    });
    expect(await leaveMyWaitlist(viewer, course.id)).toEqual({ ok: false, message: `Not on the waitlist for ${course.code}.` });
    await db.course.update({ where: { id: course.id }, data: { capacity: 0 } });
    await joinMyWaitlist(viewer, { courseId: course.id });
    const again = await joinMyWaitlist(viewer, { courseId: course.id });
    expect(again.ok).toBe(false);
    expect((await leaveMyWaitlist(viewer, course.id)).ok).toBe(true);
    expect(await db.waitlistEntry.count({ where: { courseId: course.id } })).toBe(0);
  });

  it("an admin admits from the waitlist, with capacity still applying", async () => {
    const admin = await makeUser("ADMIN");
    const course = await makeOpenCourse({ capacity: 1 });
    const holder = await makeStudentViewer();
    const waiting = await makeStudentViewer();
    await enrollMyself(holder.viewer, { courseId: course.id });
    await joinMyWaitlist(waiting.viewer, { courseId: course.id });
    const l = { studentId: waiting.student.id, courseId: course.id };

    expect(await admitFromWaitlist(admin, l)).toEqual({ ok: false, code: "full", message: `${course.code} is full: 1 of 1.`, course: { code: course.code, enrolledCount: 1, capacity: 1 } });
    const page = await getCoursePage(admin, course.id, { q: "", page: 1 });
    expect(page?.waitlist.map((w) => [w.id, w.position])).toEqual([[waiting.student.id, 1]]);

    await db.course.update({ where: { id: course.id }, data: { capacity: 2 } });
    expect((await admitFromWaitlist(admin, l)).ok).toBe(true);
    expect((await link(waiting.student.id, course.id))?.source).toBe("ADMIN");
  });
});

describe("teacher rosters", () => {
  it("a teacher sees their own classes' rosters, and no one else's", async () => {
    const admin = await makeUser("ADMIN");
    const mine = await db.teacher.create({ data: { ...nameColumns("Mine"), email: `mine-${Date.now()}@t.test` } });
    const theirs = await db.teacher.create({ data: { ...nameColumns("Theirs"), email: `theirs-${Date.now()}@t.test` } });
    const teacher = await makeUser("TEACHER", { teacherId: mine.id });
    const myCourse = await makeOpenCourse({ teacherId: mine.id, capacity: 3 });
    const otherCourse = await makeOpenCourse({ teacherId: theirs.id });
    const { student } = await makeStudentViewer("Zed Roster");
    await setEnrollment(admin, { studentId: student.id, courseId: myCourse.id, enrolled: true });

    expect((await listMyCourses(teacher)).map((c) => [c.code, c.enrolledCount, c.capacity, c.waitlistCount])).toEqual([
      [myCourse.code, 1, 3, 0],
    ]);
    const roster = await getRoster(teacher, myCourse.id);
    expect(roster?.enrolled.map((s) => [s.name, s.source])).toEqual([["Zed Roster", "ADMIN"]]);
    expect(await getRoster(teacher, otherCourse.id)).toBeNull();
    expect(await getRoster(teacher, "no-such-class")).toBeNull();
    expect((await getRoster(teacher, myCourse.id, { q: "nobody" }))?.enrolled).toEqual([]);
    expect(await getRoster(admin, otherCourse.id)).not.toBeNull();
    await expect(getRoster(await makeUser("STUDENT"), myCourse.id)).rejects.toThrow(ForbiddenError);
    await expect(listMyCourses(admin)).rejects.toThrow(ForbiddenError);
  });
});
