import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { setEnrollment } from "@/lib/server/data/enrollment/admin";
import { endOfDay, enrollmentsByWeek, getRosterAsOf, listHistory } from "@/lib/server/data/records/history";
import { joinMyWaitlist, dropMyself } from "@/lib/server/data/enrollment/self-service";
import { makeCourse, makeOpenCourse, makeStudent, makeStudentViewer, makeUser, nameColumns } from "@/test/factories";

describe("history", () => {
  it("tells a pair's story: enrolled, dropped, enrolled again, by whom, newest first", async () => {
    const admin = await makeUser("ADMIN");
    const course = await makeCourse();
    const student = await makeStudent("Storied Student");
    const link = { studentId: student.id, courseId: course.id };
    await setEnrollment(admin, { ...link, enrolled: true });
    await setEnrollment(admin, { ...link, enrolled: false });
    await setEnrollment(admin, { ...link, enrolled: true });
    const page = await listHistory(admin, link, 1);
    expect(page.rows.flatMap((r) => (r.type === "enrollment" ? [r] : [])).map((r) => [r.what, r.who, r.studentName])).toEqual([
      ["Enrolled again", admin.name, "Storied Student"],
      ["Removed", admin.name, "Storied Student"],
      ["Enrolled", admin.name, "Storied Student"],
    ]);
  });

  it("names waitlist moves and the student's own actions", async () => {
    const course = await makeOpenCourse({ capacity: 1 });
    const first = await makeStudentViewer();
    const second = await makeStudentViewer();
    const admin = await makeUser("ADMIN");
    await setEnrollment(admin, { studentId: first.student.id, courseId: course.id, enrolled: true });
    await joinMyWaitlist(second.viewer, { courseId: course.id });
    await dropMyself(first.viewer, course.id);
    const whats = (await listHistory(admin, { courseId: course.id }, 1)).rows.map((r) => `${r.what} / ${r.who}`);
    expect(whats).toEqual([
      // The seat the first student gave up went to the second: their drop did it.
      `Promoted from the waitlist / ${first.viewer.name}`,
      "Dropped / the student",
      "Joined the waitlist / the student",
      `Enrolled / ${admin.name}`,
    ]);
  });

  it("rebuilds the roster as it was at the end of a day, from enrollment dates and drops", async () => {
    const admin = await makeUser("ADMIN");
    const course = await makeCourse();
    const [early, late, gone] = [await makeStudent("Early Bird"), await makeStudent("Late Comer"), await makeStudent("Gone Soon")];
    // History written as an import would: enrollments that took effect on given days.
    const at = (day: string) => new Date(`${day}T10:00:00`);
    const event = (type: "ENROLLED" | "DROPPED", s: { id: string; name: string }, day: string) => ({
      type,
      studentId: s.id,
      courseId: course.id,
      studentName: s.name,
      courseCode: course.code,
      source: "IMPORT" as const,
      at: at(day),
      enrolledAt: type === "ENROLLED" ? at(day) : null,
      enrolledSource: type === "ENROLLED" ? ("IMPORT" as const) : null,
    });
    for (const e of [
      event("ENROLLED", early, "2026-09-01"),
      event("ENROLLED", gone, "2026-09-02"),
      event("DROPPED", gone, "2026-09-10"),
      event("ENROLLED", late, "2026-09-20"),
    ]) {
      await db.enrollmentEvent.create({ data: e });
    }
    const names = async (day: string) => (await getRosterAsOf(admin, course.id, endOfDay(day)!))!.rows.map((r) => r.name);
    expect(await names("2026-08-31")).toEqual([]);
    expect(await names("2026-09-05")).toEqual(["Early Bird", "Gone Soon"]);
    expect(await names("2026-09-10")).toEqual(["Early Bird"]);
    expect(await names("2026-09-25")).toEqual(["Early Bird", "Late Comer"]);
    expect(endOfDay("2026-02-30")).toBeNull();

    const weeks = await enrollmentsByWeek(admin, course.id);
    expect(weeks.map((w) => [w.enrolled, w.dropped, w.total])).toEqual([
      [2, 0, 2], // week of 31 Aug
      [0, 1, 1], // week of 7 Sep
      [1, 0, 2], // week of 14 Sep (20 Sep is a Sunday)
    ]);
  });

  it("keeps a teacher to their own classes", async () => {
    const course = await makeCourse();
    const teacher = await makeUser("TEACHER", { teacherId: (await db.teacher.create({ data: { ...nameColumns("T"), email: `t-${course.id}@t.test` } })).id });
    expect(await getRosterAsOf(teacher, course.id, new Date())).toBeNull();
  });

  it("keeps the school-wide chart current, reading only newer events after the first view", async () => {
    const admin = await makeUser("ADMIN");
    const sum = (points: { enrolled: number; dropped: number }[]) => points.reduce((n, p) => n + p.enrolled - p.dropped, 0);
    const before = sum(await enrollmentsByWeek(admin));
    const course = await makeCourse();
    const student = await makeStudent();
    await setEnrollment(admin, { studentId: student.id, courseId: course.id, enrolled: true });
    expect(sum(await enrollmentsByWeek(admin))).toBe(before + 1);
    await setEnrollment(admin, { studentId: student.id, courseId: course.id, enrolled: false });
    expect(sum(await enrollmentsByWeek(admin))).toBe(before);
  });
});
