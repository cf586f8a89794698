import { describe, expect, it } from "vitest";
import { ForbiddenError } from "@/lib/server/authz";
import { countQueries, db } from "@/lib/server/db";
import { getCoursePage, ROSTER_PAGE_SIZE } from "@/lib/server/data/catalog/courses";
import { updateCourse } from "@/lib/server/data/catalog/course-changes";
import { listEnrollmentEvents, saveChecklist, setEnrollment } from "@/lib/server/data/enrollment/admin";
import { deleteStudent, getStudentEnrollmentPage } from "@/lib/server/data/people/students";
import { courseInput, makeCourse, makeStudent, makeStudents, makeUser } from "@/test/factories";

const enrollmentCount = (courseId: string) => db.enrollment.count({ where: { courseId } });
const counter = async (courseId: string) =>
  (await db.course.findUniqueOrThrow({ where: { id: courseId }, select: { enrolledCount: true } })).enrolledCount;

describe("enrolling and removing", () => {
  it("enrolls a student, recording when, by whom, how, and an event", async () => {
    const admin = await makeUser("ADMIN");
    const student = await makeStudent();
    const course = await makeCourse(30);
    const before = new Date();

    const result = await setEnrollment(admin, { studentId: student.id, courseId: course.id, enrolled: true });

    // The answer says what changed: the date, the class's counts, nobody promoted.
    expect(result).toMatchObject({
      ok: true,
      value: { enrolled: true, course: { code: course.code, enrolledCount: 1, capacity: 30 }, promoted: [] },
    });
    const row = await db.enrollment.findUniqueOrThrow({
      where: { studentId_courseId: { studentId: student.id, courseId: course.id } },
    });
    expect(row.source).toBe("ADMIN");
    expect(row.enrolledById).toBe(admin.userId);
    expect(row.enrolledAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    expect(await counter(course.id)).toBe(1);
    const events = await listEnrollmentEvents(admin, { studentId: student.id, courseId: course.id });
    expect(events.map((e) => [e.type, e.actorId, e.source])).toEqual([["ENROLLED", admin.userId, "ADMIN"]]);
  });

  it("refuses a duplicate enrollment as 'already enrolled' and writes nothing", async () => {
    const admin = await makeUser("ADMIN");
    const student = await makeStudent("Dana Duplicate");
    const course = await makeCourse();
    await setEnrollment(admin, { studentId: student.id, courseId: course.id, enrolled: true });

    const again = await setEnrollment(admin, { studentId: student.id, courseId: course.id, enrolled: true });

    expect(again).toEqual({ ok: false, code: "already", message: `Dana Duplicate is already enrolled in ${course.code}.` });
    expect(await enrollmentCount(course.id)).toBe(1);
    expect(await counter(course.id)).toBe(1);
    expect(await db.enrollmentEvent.count({ where: { courseId: course.id } })).toBe(1);
  });

  it("removes and re-enrolls, keeping the whole history", async () => {
    const admin = await makeUser("ADMIN");
    const student = await makeStudent();
    const course = await makeCourse();
    const link = { studentId: student.id, courseId: course.id };
    await setEnrollment(admin, { ...link, enrolled: true });
    const first = await db.enrollment.findUniqueOrThrow({ where: { studentId_courseId: link } });

    expect(await setEnrollment(admin, { ...link, enrolled: false })).toMatchObject({
      ok: true,
      value: { enrolled: false, enrolledAt: null, course: { enrolledCount: 0 }, promoted: [] },
    });
    expect(await enrollmentCount(course.id)).toBe(0);
    expect(await counter(course.id)).toBe(0);

    await new Promise((r) => setTimeout(r, 5));
    await setEnrollment(admin, { ...link, enrolled: true });
    const second = await db.enrollment.findUniqueOrThrow({ where: { studentId_courseId: link } });
    expect(second.enrolledAt.getTime()).toBeGreaterThan(first.enrolledAt.getTime());
    const events = await listEnrollmentEvents(admin, link);
    expect(events.map((e) => e.type)).toEqual(["ENROLLED", "DROPPED", "ENROLLED"]);
  });

  it("an admin enrolls past a full class's capacity only on purpose, with a reason kept in the history", async () => {
    const admin = await makeUser("ADMIN");
    const course = await makeCourse(1);
    const [first, second] = [await makeStudent(), await makeStudent()];
    expect((await setEnrollment(admin, { studentId: first.id, courseId: course.id, enrolled: true })).ok).toBe(true);
    const refused = await setEnrollment(admin, { studentId: second.id, courseId: course.id, enrolled: true });
    expect(refused).toMatchObject({ ok: false, code: "full" });
    expect(await counter(course.id)).toBe(1);

    const over = await setEnrollment(admin, { studentId: second.id, courseId: course.id, enrolled: true, overCapacity: "Head of year approved" });
    expect(over).toMatchObject({ ok: true, value: { enrolled: true, course: { enrolledCount: 2, capacity: 1 } } });
    expect(await enrollmentCount(course.id)).toBe(2);
    const event = await db.enrollmentEvent.findFirstOrThrow({ where: { courseId: course.id, studentId: second.id, type: "ENROLLED" } });
    expect(event.reason).toBe("over capacity (2 of 1): Head of year approved");
    // Nobody else gets in meanwhile: the class stays full past its capacity.
    const third = await makeStudent();
    expect(await setEnrollment(admin, { studentId: third.id, courseId: course.id, enrolled: true })).toMatchObject({ ok: false, code: "full" });
  });

  it("refuses to remove a student who is not enrolled", async () => {
    const admin = await makeUser("ADMIN");
    const student = await makeStudent("Nora Notin");
    const course = await makeCourse();
    const result = await setEnrollment(admin, { studentId: student.id, courseId: course.id, enrolled: false });
    expect(result).toEqual({ ok: false, code: "not-enrolled", message: `Nora Notin is not enrolled in ${course.code}.` });
    expect(await db.enrollmentEvent.count({ where: { courseId: course.id } })).toBe(0);
  });

  it("refuses unknown students and classes with a message", async () => {
    const admin = await makeUser("ADMIN");
    const student = await makeStudent();
    const course = await makeCourse();
    expect(await setEnrollment(admin, { studentId: "nope", courseId: course.id, enrolled: true })).toEqual({
      ok: false,
      code: "gone",
      message: "That student no longer exists.",
    });
    expect(await setEnrollment(admin, { studentId: student.id, courseId: "nope", enrolled: true })).toEqual({
      ok: false,
      code: "gone",
      message: "That class no longer exists.",
    });
    expect(await counter(course.id)).toBe(0);
  });
});

describe("capacity", () => {
  it("refuses the enrollment past capacity with a clear message", async () => {
    const admin = await makeUser("ADMIN");
    const course = await makeCourse(2);
    const [a, b, c] = await Promise.all([makeStudent(), makeStudent(), makeStudent()]);
    for (const s of [a, b]) await setEnrollment(admin, { studentId: s.id, courseId: course.id, enrolled: true });

    const third = await setEnrollment(admin, { studentId: c.id, courseId: course.id, enrolled: true });

    expect(third).toEqual({ ok: false, code: "full", message: `${course.code} is full: 2 of 2.`, course: { code: course.code, enrolledCount: 2, capacity: 2 } });
    expect(await enrollmentCount(course.id)).toBe(2);
    expect(await counter(course.id)).toBe(2);
    expect(await db.enrollmentEvent.count({ where: { courseId: course.id } })).toBe(2);
  });

  it("lets exactly as many concurrent enrollments through as there are seats", async () => {
    const admin = await makeUser("ADMIN");
    const course = await makeCourse(5);
    const ids = await makeStudents(30, "Racer");

    const results = await Promise.all(
      ids.map((studentId) => setEnrollment(admin, { studentId, courseId: course.id, enrolled: true })),
    );

    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.message === `${course.code} is full: 5 of 5.`)).toBe(true);
    expect(await enrollmentCount(course.id)).toBe(5);
    expect(await counter(course.id)).toBe(5);
  });

  it("saves a checklist all or nothing: one full class refuses the whole save", async () => {
    const admin = await makeUser("ADMIN");
    const student = await makeStudent();
    const [open, full, other] = await Promise.all([makeCourse(), makeCourse(1), makeCourse()]);
    const taker = await makeStudent();
    await setEnrollment(admin, { studentId: taker.id, courseId: full.id, enrolled: true });

    const result = await saveChecklist(admin, { studentId: student.id }, [open.id, full.id, other.id], [open.id, full.id]);

    expect(result).toEqual({ ok: false, code: "full", message: `${full.code} is full: 1 of 1.`, course: { code: full.code, enrolledCount: 1, capacity: 1 } });
    expect(await db.enrollment.count({ where: { studentId: student.id } })).toBe(0);
    expect(await counter(open.id)).toBe(0);
  });

  it("saves only what changed, and only among the boxes the form showed", async () => {
    const admin = await makeUser("ADMIN");
    const student = await makeStudent();
    const [keep, add, drop, unseen] = await Promise.all([makeCourse(), makeCourse(), makeCourse(), makeCourse()]);
    for (const c of [keep, drop, unseen])
      await setEnrollment(admin, { studentId: student.id, courseId: c.id, enrolled: true });

    const result = await saveChecklist(admin, { studentId: student.id }, [keep.id, add.id, drop.id], [keep.id, add.id]);

    expect(result).toEqual({ ok: true, value: { added: 1, removed: 1, changeSetId: expect.any(Number) } });
    const now = await db.enrollment.findMany({ where: { studentId: student.id }, select: { courseId: true } });
    expect(now.map((e) => e.courseId).sort()).toEqual([keep.id, add.id, unseen.id].sort());
    expect(await saveChecklist(admin, { studentId: student.id }, [keep.id], [keep.id])).toEqual({
      ok: true,
      value: { added: 0, removed: 0, changeSetId: null },
    });
  });

  it("won't lower a class's capacity below the number enrolled", async () => {
    const admin = await makeUser("ADMIN");
    const course = await makeCourse(10);
    for (const s of await Promise.all([makeStudent(), makeStudent(), makeStudent()]))
      await setEnrollment(admin, { studentId: s.id, courseId: course.id, enrolled: true });
    const input = courseInput({ code: course.code, title: "Renamed", capacity: 2 });

    const result = await updateCourse(admin, course.id, input);

    expect(result.ok).toBe(false);
    expect(!result.ok && result.fieldErrors?.capacity).toBe("3 students are enrolled: the capacity can't be lower than that.");
    expect((await db.course.findUniqueOrThrow({ where: { id: course.id } })).title).toBe(`Test ${course.code}`);
  });
});

describe("deleting keeps history", () => {
  it("records a removal event per enrollment and gives the seats back", async () => {
    const admin = await makeUser("ADMIN");
    const student = await makeStudent("Gone Soon");
    const [c1, c2] = await Promise.all([makeCourse(5), makeCourse(5)]);
    for (const c of [c1, c2]) await setEnrollment(admin, { studentId: student.id, courseId: c.id, enrolled: true });

    expect(await deleteStudent(admin, student.id)).toEqual({ ok: true, value: { removedEnrollments: 2 } });

    expect(await counter(c1.id)).toBe(0);
    expect(await counter(c2.id)).toBe(0);
    const events = await listEnrollmentEvents(admin, { studentId: student.id });
    expect(events.map((e) => [e.type, e.reason])).toEqual([
      ["ENROLLED", null],
      ["ENROLLED", null],
      ["DROPPED", "student deleted"],
      ["DROPPED", "student deleted"],
    ]);
  });
});

describe("authorization lives in the data layer", () => {
  it("refuses everyone but an admin, and a refused call changes nothing", async () => {
    const student = await makeStudent();
    const course = await makeCourse();
    const callers = [
      null,
      await makeUser("STUDENT", { studentId: student.id }),
      await makeUser("TEACHER"),
    ];
    for (const caller of callers) {
      await expect(setEnrollment(caller, { studentId: student.id, courseId: course.id, enrolled: true })).rejects.toThrow(
        ForbiddenError,
      );
      await expect(saveChecklist(caller, { studentId: student.id }, [course.id], [course.id])).rejects.toThrow(
        ForbiddenError,
      );
      await expect(getCoursePage(caller, course.id, { q: "", page: 1 })).rejects.toThrow(ForbiddenError);
      await expect(getStudentEnrollmentPage(caller, student.id)).rejects.toThrow(ForbiddenError);
      await expect(deleteStudent(caller, student.id)).rejects.toThrow(ForbiddenError);
    }
    expect(await enrollmentCount(course.id)).toBe(0);
    expect(await db.student.count({ where: { id: student.id } })).toBe(1);
  });
});

describe("query counts are fixed", () => {
  it("a class page costs the same for 1 student as for 500", async () => {
    const admin = await makeUser("ADMIN");
    const small = await makeCourse();
    const big = await makeCourse();
    const ids = await makeStudents(500, "Roster");
    await db.enrollment.create({ data: { studentId: ids[0]!, courseId: small.id, source: "ADMIN" } });
    await db.enrollment.createMany({ data: ids.map((studentId) => ({ studentId, courseId: big.id, source: "ADMIN" as const })) });

    const one = await countQueries(() => getCoursePage(admin, small.id, { q: "", page: 1 }));
    const many = await countQueries(() => getCoursePage(admin, big.id, { q: "", page: 1, rosterPage: 0 }));
    const firstPage = await countQueries(() => getCoursePage(admin, big.id, { q: "", page: 1 }));

    expect(one.result?.roster).toHaveLength(1);
    expect(many.result?.roster).toHaveLength(500);
    expect(many.result?.roster.map((s) => s.name)).toEqual([...many.result!.roster.map((s) => s.name)].sort());
    // Paged by default: the first ROSTER_PAGE_SIZE by name.
    expect(firstPage.result?.roster).toEqual(many.result?.roster.slice(0, ROSTER_PAGE_SIZE));
    expect(many.queries).toBe(one.queries);
    expect(firstPage.queries).toBe(one.queries);
    expect(one.queries).toBeLessThanOrEqual(5);
    console.log(`class page: ${one.queries} queries for 1 student, ${many.queries} for 500`);

    // Before a search, no students to add are read: one statement fewer, and the school's count comes with the class.
    const unsearched = await countQueries(() => getCoursePage(admin, big.id, { q: "", page: 1, candidates: false }));
    expect(unsearched.queries).toBe(one.queries - 1);
    expect(unsearched.result?.candidates).toBeNull();
    expect(unsearched.result?.studentCount).toBe(await db.student.count());
    // An empty search lists everyone, counted in full; a search counts its matches.
    expect(many.result?.candidates?.total).toBe(await db.student.count());
    const tag = ids[0]!.split("-")[1]!; // how each of these 500 emails begins, and no one else's
    const found = await getCoursePage(admin, big.id, { q: `s-${tag}-`, page: 1, candidates: true });
    expect(found?.candidates?.total).toBe(500);
  });

  it("a student page costs the same for 1 class as for 40", async () => {
    const admin = await makeUser("ADMIN");
    const [lonely, busy] = await Promise.all([makeStudent(), makeStudent()]);
    const courses = await Promise.all(Array.from({ length: 40 }, () => makeCourse()));
    await setEnrollment(admin, { studentId: lonely.id, courseId: courses[0]!.id, enrolled: true });
    await db.enrollment.createMany({
      data: courses.map((c) => ({ studentId: busy.id, courseId: c.id, source: "ADMIN" as const })),
    });

    const one = await countQueries(() => getStudentEnrollmentPage(admin, lonely.id));
    const many = await countQueries(() => getStudentEnrollmentPage(admin, busy.id));

    expect(one.result?.courses.filter((c) => c.enrolledAt)).toHaveLength(1);
    expect(many.result?.courses.filter((c) => c.enrolledAt)).toHaveLength(40);
    expect(many.queries).toBe(one.queries);
    console.log(`student page: ${one.queries} queries for 1 class, ${many.queries} for 40`);
  });
});
