import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { previewCourseChange, updateCourse } from "@/lib/server/data/catalog/course-changes";
import { enrollMyself, joinMyWaitlist } from "@/lib/server/data/enrollment/self-service";
import { courseInput, makeOpenCourse, makeStudentViewer, makeUser } from "@/test/factories";

/**
 * A class's change said before it is saved (issue 23): what it does to its
 * students, a line each, nothing written; nothing said for a change no
 * student notices.
 */
describe("previewing a class's change", () => {
  it("names who a raised capacity seats, a class about to be full, a moved drop deadline and window", async () => {
    const admin = await makeUser("ADMIN");
    const course = await makeOpenCourse({ capacity: 1, dropDeadline: new Date("2040-03-01T12:00:00Z") });
    const code = (await db.course.findUniqueOrThrow({ where: { id: course.id } })).code;
    const [first, second, third] = [await makeStudentViewer("Ann First"), await makeStudentViewer("Bo Second"), await makeStudentViewer("Cy Third")];
    expect((await enrollMyself(first.viewer, { courseId: course.id })).ok).toBe(true);
    expect((await joinMyWaitlist(second.viewer, { courseId: course.id })).ok).toBe(true);
    expect((await joinMyWaitlist(third.viewer, { courseId: course.id })).ok).toBe(true);
    const base = { code, selfEnrollment: true, capacity: 1, dropDeadline: new Date("2040-03-01T12:00:00Z") };

    // Nothing a student notices: a new title.
    expect(await previewCourseChange(admin, course.id, courseInput({ ...base, title: "Renamed" }))).toEqual({ ok: true, value: [] });
    // Two more seats: the first two waiting are seated, in line.
    const raised = await previewCourseChange(admin, course.id, courseInput({ ...base, capacity: 3 }));
    expect(raised).toEqual({ ok: true, value: ["2 students on the waitlist will be enrolled at once, first in line first: Bo Second, Cy Third."] });
    const earlier = await previewCourseChange(admin, course.id, courseInput({ ...base, dropDeadline: new Date("2040-02-01T12:00:00Z") }));
    expect(earlier.ok && earlier.value[0]).toMatch(/^The 1 enrolled student may drop themselves until .+ \(was .+\)\.$/);
    const off = await previewCourseChange(admin, course.id, courseInput({ ...base, selfEnrollment: false }));
    expect(off).toEqual({ ok: true, value: ["Students will no longer enroll, drop or wait for it themselves: only an admin can."] });
    // Nothing was written by any of them.
    expect(await db.enrollment.count({ where: { courseId: course.id } })).toBe(1);
    expect((await db.course.findUniqueOrThrow({ where: { id: course.id } })).capacity).toBe(1);
    // Saved: the two are seated, as said.
    expect(await updateCourse(admin, course.id, courseInput({ ...base, capacity: 3 }))).toMatchObject({ ok: true, value: { promoted: 2 } });
  });

  it("says a smaller capacity makes the class full", async () => {
    const admin = await makeUser("ADMIN");
    const course = await makeOpenCourse({ capacity: 5 });
    const code = (await db.course.findUniqueOrThrow({ where: { id: course.id } })).code;
    expect((await enrollMyself((await makeStudentViewer()).viewer, { courseId: course.id })).ok).toBe(true);
    expect(await previewCourseChange(admin, course.id, courseInput({ code, selfEnrollment: true, capacity: 1 }))).toEqual({
      ok: true,
      value: [`${code} will be full: students can then only join its waitlist.`],
    });
    expect(await previewCourseChange(admin, "no-such-class", courseInput({ code }))).toEqual({ ok: false, message: "That class no longer exists." });
  });
});
