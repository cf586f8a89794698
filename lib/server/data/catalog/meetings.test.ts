import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { createCourse, getClassClashes, getCourse } from "@/lib/server/data/catalog/courses";
import { previewCourseChange, updateCourse } from "@/lib/server/data/catalog/course-changes";
import { clashText } from "@/lib/server/data/enrollment/clashes";
import { listEnrollmentEvents, previewChecklist, saveChecklist, setEnrollment } from "@/lib/server/data/enrollment/admin";
import { enrollMyself, joinMyWaitlist } from "@/lib/server/data/enrollment/self-service";
import { parseMeetings } from "@/lib/meetings";
import { courseInput, makeOpenCourse, makeStudentViewer, makeUser } from "@/test/factories";

const meets = (text: string) => {
  const parsed = parseMeetings(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.meetings;
};
const days = (from: number, to: number) => {
  const now = new Date();
  return { startsOn: new Date(now.getFullYear(), now.getMonth(), now.getDate() + from), endsOn: new Date(now.getFullYear(), now.getMonth(), now.getDate() + to) };
};
const makeTerm = (from: number, to: number) =>
  db.term.create({ data: { name: `Term ${randomUUID().slice(0, 8)}`, ...days(from, to) }, select: { id: true } });

describe("meeting times", () => {
  it("are saved with the class, shown back on its form, and replaced when it is edited", async () => {
    const admin = await makeUser("ADMIN");
    const created = await createCourse(admin, courseInput({ meetings: meets("Mon Wed 09:00-10:30 Room 12") }));
    if (!created.ok) throw new Error(created.message);
    expect((await getCourse(admin, created.value.id))?.meetings).toEqual(meets("Mon Wed 09:00-10:30 Room 12"));
    const course = (await getCourse(admin, created.value.id))!;
    const updated = await updateCourse(admin, course.id, courseInput({ code: course.code, meetings: meets("Fri 13:00-14:00") }));
    expect(updated.ok).toBe(true);
    expect((await getCourse(admin, course.id))?.meetings).toEqual([{ day: 5, start: 780, end: 840, room: "" }]);
  });
});

describe("clashes", () => {
  it("refuse a student's own enrollment or waitlist place, naming both classes", async () => {
    const { student, viewer } = await makeStudentViewer();
    const term = await makeTerm(-10, 80);
    const mine = await makeOpenCourse({ termId: term.id, meetings: meets("Mon 09:00-10:00") });
    const clashing = await makeOpenCourse({ termId: term.id, meetings: meets("Wed 14:00-15:00; Mon 09:30-10:30") });
    const full = await makeOpenCourse({ termId: term.id, capacity: 1, meetings: meets("Mon 08:00-09:30") });
    const backToBack = await makeOpenCourse({ termId: term.id, meetings: meets("Mon 10:00-11:00") });
    const noTimes = await makeOpenCourse({ termId: term.id });
    expect((await enrollMyself(viewer, { courseId: mine.id })).ok).toBe(true);

    const refused = await enrollMyself(viewer, { courseId: clashing.id });
    expect(refused).toMatchObject({
      ok: false,
      code: "clash",
      message: `${clashing.code} (Mon 09:30–10:30) clashes with ${mine.code} (Mon 09:00–10:00), which you're in.`,
    });
    expect(await db.enrollment.count({ where: { studentId: student.id, courseId: clashing.id } })).toBe(0);
    expect((await db.course.findUnique({ where: { id: clashing.id } }))?.enrolledCount).toBe(0);

    const other = await makeStudentViewer();
    expect((await enrollMyself(other.viewer, { courseId: full.id })).ok).toBe(true);
    expect(await joinMyWaitlist(viewer, { courseId: full.id })).toMatchObject({ ok: false, code: "clash" });
    expect((await enrollMyself(viewer, { courseId: backToBack.id })).ok).toBe(true);
    expect((await enrollMyself(viewer, { courseId: noTimes.id })).ok).toBe(true);
  });

  it("count a waitlist place as the student's time, and only in weeks both classes have", async () => {
    const { viewer } = await makeStudentViewer();
    const autumn = await makeTerm(-10, 80);
    const spring = await makeTerm(90, 200);
    const ended = await makeTerm(-200, -100);
    const full = await makeOpenCourse({ termId: autumn.id, capacity: 1, meetings: meets("Tue 11:00-12:00") });
    const seated = await makeStudentViewer();
    expect((await enrollMyself(seated.viewer, { courseId: full.id })).ok).toBe(true);
    expect((await joinMyWaitlist(viewer, { courseId: full.id })).ok).toBe(true);
    const sameTime = await makeOpenCourse({ termId: autumn.id, meetings: meets("Tue 11:30-12:30") });
    expect(await enrollMyself(viewer, { courseId: sameTime.id })).toMatchObject({
      ok: false,
      message: `${sameTime.code} (Tue 11:30–12:30) clashes with ${full.code} (Tue 11:00–12:00), whose waitlist you're on.`,
    });
    // Spring's class meets at the same hour in other weeks; one without a term meets every week.
    expect((await enrollMyself(viewer, { courseId: (await makeOpenCourse({ termId: spring.id, meetings: meets("Tue 11:00-12:00") })).id })).ok).toBe(true);
    expect(await enrollMyself(viewer, { courseId: (await makeOpenCourse({ meetings: meets("Tue 11:00-11:15") })).id })).toMatchObject({ code: "clash" });
    // A class whose term has ended is over: it clashes with nothing.
    const old = await makeOpenCourse({ termId: ended.id, meetings: meets("Thu 09:00-10:00") });
    const admin = await makeUser("ADMIN");
    const { student } = await makeStudentViewer();
    expect((await setEnrollment(admin, { studentId: student.id, courseId: old.id, enrolled: true })).ok).toBe(true);
    const thursday = await makeOpenCourse({ meetings: meets("Thu 09:00-10:00") });
    expect((await setEnrollment(admin, { studentId: student.id, courseId: thursday.id, enrolled: true })).ok).toBe(true);
  });

  it("ask an admin first, then enroll with the clash kept in the history; a Save's review lists them", async () => {
    const admin = await makeUser("ADMIN");
    const { student } = await makeStudentViewer("Ada Clash");
    const a = await makeOpenCourse({ meetings: meets("Fri 09:00-10:00") });
    const b = await makeOpenCourse({ meetings: meets("Fri 09:45-10:45 Lab") });
    expect((await setEnrollment(admin, { studentId: student.id, courseId: a.id, enrolled: true })).ok).toBe(true);
    expect(await setEnrollment(admin, { studentId: student.id, courseId: b.id, enrolled: true })).toMatchObject({
      ok: false,
      code: "clash",
      message: `${b.code} (Fri 09:45–10:45) clashes with ${a.code} (Fri 09:00–10:00), which Ada Clash is in.`,
    });
    expect(await db.enrollment.count({ where: { studentId: student.id, courseId: b.id } })).toBe(0);
    expect((await setEnrollment(admin, { studentId: student.id, courseId: b.id, enrolled: true, clashOk: true })).ok).toBe(true);
    const events = await listEnrollmentEvents(admin, { studentId: student.id, courseId: b.id });
    expect(events.map((e) => [e.type, e.reason])).toEqual([["ENROLLED", `clashes with ${a.code} (Fri 09:00–10:00)`]]);

    // A Save of several: the review names each clash, and the Save records it.
    const c = await makeOpenCourse({ meetings: meets("Fri 09:10-09:30") });
    const preview = await previewChecklist(admin, { studentId: student.id }, [c.id], [c.id]);
    expect(preview.clashes).toEqual([`${c.code} (Fri 09:10–09:30) clashes with ${a.code} (Fri 09:00–10:00), which Ada Clash is in.`]);
    expect((await saveChecklist(admin, { studentId: student.id }, [c.id], [c.id])).ok).toBe(true);
    const saved = await listEnrollmentEvents(admin, { studentId: student.id, courseId: c.id });
    expect(saved[0]?.reason).toBe(`clashes with ${a.code} (Fri 09:00–10:00)`);
  });

  it("new times that clash for a class's own students are saved and told, then listed for the admin", async () => {
    const admin = await makeUser("ADMIN");
    const autumn = await makeTerm(-10, 80);
    const ended = await makeTerm(-200, -100);
    const a = await makeOpenCourse({ termId: autumn.id, meetings: meets("Mon 09:00-10:00") });
    const moving = await makeOpenCourse({ termId: autumn.id, meetings: meets("Tue 09:00-10:00") });
    const full = await makeOpenCourse({ termId: autumn.id, capacity: 1, meetings: meets("Mon 10:00-11:00") });
    const over = await makeOpenCourse({ termId: ended.id, meetings: meets("Wed 09:00-10:00") });
    const t = randomUUID().slice(0, 6);
    const ada = await makeStudentViewer(`Ada Moved ${t}`);
    const ben = await makeStudentViewer(`Ben Moved ${t}`);
    for (const [s, c] of [[ada, a], [ada, moving], [ada, over], [ben, moving]] as const) {
      expect((await setEnrollment(admin, { studentId: s.student.id, courseId: c.id, enrolled: true })).ok).toBe(true);
    }
    expect((await enrollMyself((await makeStudentViewer()).viewer, { courseId: full.id })).ok).toBe(true);
    expect((await joinMyWaitlist(ben.viewer, { courseId: full.id })).ok).toBe(true);

    // Monday 09:30-10:30 meets when Ada's class does and Ben's waitlisted one; Wednesday's class is over.
    const input = courseInput({ code: moving.code, selfEnrollment: true, termId: autumn.id, meetings: meets("Mon 09:30-10:30; Wed 09:00-09:30") });
    // Said before it is saved: who is told, who would clash (nothing written).
    expect(await previewCourseChange(admin, moving.id, input)).toEqual({
      ok: true,
      value: [
        "2 students (enrolled or waiting) will be told of the new times, by notice and email.",
        `2 of them would then have another class at the same time (told so in their notice): Ada Moved ${t} (${a.code}), Ben Moved ${t} (${full.code}).`,
      ],
    });
    expect(await getCourse(admin, moving.id)).toMatchObject({ meetings: meets("Tue 09:00-10:00") });
    expect(await updateCourse(admin, moving.id, input)).toEqual({ ok: true, value: { id: moving.id, promoted: 0, clashes: 2 } });
    // Each student's notice says where the new times clash for them.
    const told = await db.notice.findMany({ where: { courseId: moving.id, kind: "RESCHEDULED" }, orderBy: { studentId: "asc" }, select: { studentId: true, text: true } });
    expect(told.find((n) => n.studentId === ada.student.id)?.text).toContain(`${moving.code} (Mon 09:30–10:30) clashes with ${a.code} (Mon 09:00–10:00), which you're in. Choose which to keep`);
    expect(told.find((n) => n.studentId === ben.student.id)?.text).toContain(`clashes with ${full.code} (Mon 10:00–11:00), whose waitlist you're on.`);
    expect(await getCourse(admin, moving.id)).toMatchObject({ meetings: input.meetings });
    expect((await getClassClashes(admin, moving.id)).map((c) => clashText(c, "name"))).toEqual([
      `${moving.code} (Mon 09:30–10:30) clashes with ${a.code} (Mon 09:00–10:00), which Ada Moved ${t} is in.`,
      `${moving.code} (Mon 09:30–10:30) clashes with ${full.code} (Mon 10:00–11:00), whose waitlist Ben Moved ${t} is on.`,
    ]);
    // Saved again as it is: no new times, nothing to say; moved clear of both: none.
    expect(await updateCourse(admin, moving.id, input)).toMatchObject({ value: { clashes: 0 } });
    expect(await updateCourse(admin, moving.id, { ...input, meetings: meets("Fri 09:00-10:00") })).toMatchObject({ value: { clashes: 0 } });
    expect(await getClassClashes(admin, moving.id)).toEqual([]);
  });
});
