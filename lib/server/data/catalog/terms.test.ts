import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { createCourse, listCourses, parseCourseFilters } from "@/lib/server/data/catalog/courses";
import { updateCourse } from "@/lib/server/data/catalog/course-changes";
import { setEnrollment } from "@/lib/server/data/enrollment/admin";
import { getStudentEnrollmentPage } from "@/lib/server/data/people/students";
import { dropMyself, enrollMyself } from "@/lib/server/data/enrollment/self-service";
import { listMyCatalog } from "@/lib/server/data/enrollment/my-catalog";
import { copiedCode, copyTermClasses, createTerm, deleteTerm, planRollover, sharedEnding, termStandings, updateTerm } from "@/lib/server/data/catalog/terms";
import { TermSchema } from "@/lib/schemas/terms";
import { courseInput, makeOpenCourse, makeStudentViewer, makeUser, nameColumns } from "@/test/factories";

const day = (y: number, m: number, d: number) => new Date(y, m - 1, d);
const tag = () => randomUUID().slice(0, 6).toUpperCase();

async function makeTerm(name: string, startsOn: Date, endsOn: Date) {
  return db.term.create({ data: { name: `${name} ${tag()}`, startsOn, endsOn }, select: { id: true, name: true, startsOn: true, endsOn: true } });
}

describe("terms", () => {
  it("are current while today is one of their days, next when they start soonest after it", () => {
    const t = (id: string, s: Date, e: Date) => ({ id, name: id, startsOn: s, endsOn: e });
    const terms = [
      t("past", day(2026, 1, 5), day(2026, 6, 30)),
      t("autumn", day(2026, 9, 1), day(2026, 12, 18)),
      t("summer school", day(2026, 11, 1), day(2026, 11, 30)),
      t("spring", day(2027, 1, 6), day(2027, 6, 30)),
      t("autumn 27", day(2027, 9, 1), day(2027, 12, 17)),
    ];
    const standings = termStandings(terms, new Date(2026, 11, 18, 23, 59)); // the autumn term's last day, late
    expect(Object.fromEntries(standings)).toEqual({
      past: "past",
      autumn: "current",
      "summer school": "past",
      spring: "next",
      "autumn 27": "later",
    });
    expect(termStandings(terms, day(2026, 12, 19)).get("autumn")).toBe("past");
    expect(termStandings(terms, day(2026, 11, 15)).get("summer school")).toBe("current");
  });

  it("are checked: a name, real days, the last not before the first", () => {
    const parse = (v: Record<string, string>) => TermSchema.safeParse(v);
    expect(parse({ name: "Autumn", startsOn: "2026-09-01", endsOn: "2026-12-18" }).success).toBe(true);
    const bad = parse({ name: " ", startsOn: "2026-02-30", endsOn: "" });
    expect(!bad.success && bad.error.issues.map((i) => [i.path[0], i.message])).toEqual([
      ["name", "Enter a name, like Autumn 2026."],
      ["startsOn", "The first day must be a date like 2026-09-01."],
      ["endsOn", "Enter the last day."],
    ]);
    const backwards = parse({ name: "X", startsOn: "2026-09-01", endsOn: "2026-08-31" });
    expect(!backwards.success && backwards.error.issues[0]?.message).toBe("The last day can't be before the first day.");
  });

  it("load limits: a whole number from 1 to 99 or none; a later limit needs its moment and the moment its limit", () => {
    const term = { name: "Autumn", startsOn: "2026-09-01", endsOn: "2026-12-18" };
    const parse = (v: Record<string, string>) => TermSchema.safeParse({ ...term, ...v });
    expect(parse({ loadLimit: " 4 ", loadLimitFrom: "2026-08-20T09:00", loadLimitLater: "5" }).data).toMatchObject({ loadLimit: 4, loadLimitFrom: new Date("2026-08-20T09:00"), loadLimitLater: 5 });
    expect(parse({ loadLimit: "" }).data).toMatchObject({ loadLimit: null, loadLimitFrom: null, loadLimitLater: null });
    for (const bad of ["0", "100", "4.5", "four", "-1"]) {
      expect(parse({ loadLimit: bad }).error?.issues[0]?.message, bad).toBe("The most classes must be a whole number from 1 to 99, or empty for no limit.");
    }
    expect(parse({ loadLimit: "4", loadLimitLater: "5" }).error?.issues.map((i) => [i.path[0], i.message])).toEqual([["loadLimitFrom", "Give both the moment and the limit from then, or neither."]]);
    expect(parse({ loadLimit: "4", loadLimitFrom: "2026-08-20T09:00" }).error?.issues.map((i) => [i.path[0], i.message])).toEqual([["loadLimitLater", "Give both the moment and the limit from then, or neither."]]);
  });

  it("are made, renamed and deleted by admins; a name is unique and a term with classes stays", async () => {
    const admin = await makeUser("ADMIN");
    const name = `Autumn ${tag()}`;
    const made = await createTerm(admin, { name, startsOn: day(2030, 9, 1), endsOn: day(2030, 12, 18) });
    expect(made.ok).toBe(true);
    const id = made.ok ? made.value.id : "";
    expect(await createTerm(admin, { name, startsOn: day(2031, 1, 1), endsOn: day(2031, 6, 1) })).toEqual({
      ok: false,
      message: "Check the form.",
      fieldErrors: { name: `Another term is already called ${name}.` },
    });
    const course = await createCourse(admin, courseInput({ termId: id }));
    expect(course.ok).toBe(true);
    expect(await deleteTerm(admin, id)).toEqual({
      ok: false,
      message: `${name} has 1 class: move it to another term or delete it first.`,
    });
    expect(await db.term.count({ where: { id } })).toBe(1);

    // Renaming the term changes the cached class page's stamp (a trigger).
    const before = await db.course.findUniqueOrThrow({ where: { id: course.ok ? course.value.id : "" }, select: { version: true } });
    expect(await updateTerm(admin, id, { name: `${name} renamed`, startsOn: day(2030, 9, 1), endsOn: day(2030, 12, 18) })).toEqual({ ok: true, value: { id } });
    const after = await db.course.findUniqueOrThrow({ where: { id: course.ok ? course.value.id : "" }, select: { version: true } });
    expect(after.version).toBeGreaterThan(before.version);

    await updateCourse(admin, course.ok ? course.value.id : "", courseInput({ termId: null }));
    expect(await deleteTerm(admin, id)).toEqual({ ok: true, value: null });
    expect(await createCourse(admin, courseInput({ termId: id }))).toEqual({
      ok: false,
      message: "Check the form.",
      fieldErrors: { termId: "That term no longer exists: choose another." },
    });
  });
});

describe("copying a term's classes into the next", () => {
  it("names the copies by the rule", () => {
    expect(copiedCode("MATH-101-A26", { from: "-A26", to: "-S27" })).toBe("MATH-101-S27");
    expect(copiedCode("MATH-101", { from: "", to: "-S27" })).toBe("MATH-101-S27");
    expect(copiedCode("MATH-101", { from: "-A26", to: "-S27" })).toBe("MATH-101-S27");
    expect(sharedEnding(["MATH-101-A26", "ART-2-A26"])).toBe("-A26");
    expect(sharedEnding(["MATH-101-A26", "ART-2"])).toBe("");
  });

  it("copies every class with its settings, the window moved with the term and a new join code; students stay", async () => {
    const admin = await makeUser("ADMIN");
    const from = await makeTerm("Autumn", day(2032, 9, 1), day(2032, 12, 17));
    const to = await makeTerm("Spring", day(2033, 1, 5), day(2033, 6, 30));
    const teacher = await db.teacher.create({ data: { ...nameColumns("Rolling Teacher"), email: `rt-${tag()}@t.test` } });
    const t = tag();
    const a = await makeOpenCourse({
      code: `ROLL-${t}-A32`,
      title: "Rolled algebra",
      capacity: 20,
      teacherId: teacher.id,
      termId: from.id,
      opensAt: day(2032, 8, 25),
      closesAt: day(2032, 9, 15),
      dropDeadline: day(2032, 10, 1),
      joinCode: "OLDCODE1",
    });
    await makeOpenCourse({ code: `ROLL-${t}-B-A32`, title: "Rolled biology", termId: from.id });
    await db.meeting.createMany({
      data: [
        { courseId: a.id, day: 1, startMinute: 540, endMinute: 630, room: "Room 12" },
        { courseId: a.id, day: 3, startMinute: 540, endMinute: 630, room: "Room 12" },
      ],
    });
    const { student } = await makeStudentViewer();
    await setEnrollment(admin, { studentId: student.id, courseId: a.id, enrolled: true });

    const rule = { from: "-A32", to: "-S33" };
    const plan = await planRollover(admin, from.id, to.id, rule);
    expect(plan.ok && plan.value.copies.map((c) => c.newCode)).toEqual([`ROLL-${t}-S33`, `ROLL-${t}-B-S33`]);
    expect(plan.ok && plan.value.problems).toEqual([]);
    // The preview says what each copy takes along, and how far its dates move.
    expect(plan.ok && plan.value.copies.map((c) => c.meetings)).toEqual(["Mon, Wed 09:00–10:30, Room 12", ""]);
    expect(plan.ok && plan.value.shiftDays).toBe(126);

    expect(await copyTermClasses(admin, from.id, to.id, rule)).toEqual({
      ok: true,
      value: { copied: 2, codes: [`ROLL-${t}-S33`, `ROLL-${t}-B-S33`] },
    });
    const copy = await db.course.findUniqueOrThrow({ where: { code: `ROLL-${t}-S33` } });
    const shift = day(2033, 1, 5).getTime() - day(2032, 9, 1).getTime();
    expect(copy).toMatchObject({
      title: "Rolled algebra",
      capacity: 20,
      teacherId: teacher.id,
      termId: to.id,
      selfEnrollment: true,
      enrolledCount: 0,
      sourcedId: null,
      opensAt: new Date(day(2032, 8, 25).getTime() + shift),
      closesAt: new Date(day(2032, 9, 15).getTime() + shift),
      dropDeadline: new Date(day(2032, 10, 1).getTime() + shift),
    });
    expect(copy.joinCode).toMatch(/^[A-Z2-9]{6}$/);
    // Meeting times come along: the new term has a timetable.
    const times = await db.meeting.findMany({ where: { courseId: copy.id }, orderBy: { day: "asc" }, select: { day: true, startMinute: true, endMinute: true, room: true } });
    expect(times).toEqual([
      { day: 1, startMinute: 540, endMinute: 630, room: "Room 12" },
      { day: 3, startMinute: 540, endMinute: 630, room: "Room 12" },
    ]);
    expect(await db.meeting.count({ where: { courseId: a.id } })).toBe(2);
    expect(await db.enrollment.count({ where: { courseId: copy.id } })).toBe(0);
    expect(await db.enrollment.count({ where: { courseId: a.id } })).toBe(1);

    // Again: every code is taken now; refused as a whole, nothing written.
    const count = await db.course.count();
    const again = await copyTermClasses(admin, from.id, to.id, rule);
    expect(again.ok).toBe(false);
    expect(!again.ok && again.message).toContain(`ROLL-${t}-S33 is already a class's code (ROLL-${t}-A32 would become it).`);
    expect(await db.course.count()).toBe(count);
  });

  it("refuses codes that would clash or aren't codes, and a term into itself", async () => {
    const admin = await makeUser("ADMIN");
    const from = await makeTerm("Autumn", day(2034, 9, 1), day(2034, 12, 17));
    const to = await makeTerm("Spring", day(2035, 1, 5), day(2035, 6, 30));
    const t = tag();
    await makeOpenCourse({ code: `C-${t}-A-X`, termId: from.id });
    await makeOpenCourse({ code: `C-${t}-A`, termId: from.id });
    const plan = await planRollover(admin, from.id, to.id, { from: "-X", to: "" });
    expect(plan.ok && plan.value.problems).toEqual([
      `C-${t}-A-X and C-${t}-A would both become C-${t}-A.`,
      `C-${t}-A is already a class's code (C-${t}-A-X would become it).`,
    ]);
    const long = await planRollover(admin, from.id, to.id, { from: "", to: "-SPRING-2035-X" });
    expect(long.ok && long.value.problems[0]).toBe(`C-${t}-A would become “C-${t}-A-SPRING-2035-X”: Keep the code under 20 characters.`);
    expect(await planRollover(admin, from.id, from.id, { from: "", to: "-Z" })).toEqual({ ok: false, message: "Choose another term to copy the classes into." });
  });
});

describe("the class list's filters", () => {
  it("finds a term's classes, a teacher's, and full, open or waitlisted ones", async () => {
    const admin = await makeUser("ADMIN");
    const term = await makeTerm("Filter", day(2036, 1, 1), day(2036, 6, 1));
    const teacher = await db.teacher.create({ data: { ...nameColumns("Filter Teacher"), email: `ft-${tag()}@t.test` } });
    const t = tag();
    const full = await makeOpenCourse({ code: `F-${t}-FULL`, capacity: 1, termId: term.id, teacherId: teacher.id });
    const open = await makeOpenCourse({ code: `F-${t}-OPEN`, capacity: 5, termId: term.id });
    const free = await makeOpenCourse({ code: `F-${t}-FREE`, capacity: null });
    const [{ student: s1 }, { student: s2 }] = await Promise.all([makeStudentViewer(), makeStudentViewer()]);
    await setEnrollment(admin, { studentId: s1.id, courseId: full.id, enrolled: true });
    await db.waitlistEntry.create({ data: { studentId: s2.id, courseId: full.id } });

    const codes = async (params: Record<string, string>) =>
      (await listCourses(admin, { q: `F-${t}`, page: 1, filters: parseCourseFilters(params) })).rows.map((r) => r.code);
    expect(await codes({})).toEqual([full.code, free.code, open.code].sort());
    expect(await codes({ term: term.id })).toEqual([full.code, open.code].sort());
    expect(await codes({ term: "none" })).toEqual([free.code]);
    expect(await codes({ teacher: teacher.id })).toEqual([full.code]);
    expect(await codes({ teacher: "none", term: term.id })).toEqual([open.code]);
    expect(await codes({ seats: "full" })).toEqual([full.code]);
    expect(await codes({ seats: "open" })).toEqual([free.code, open.code].sort());
    expect(await codes({ seats: "waitlist" })).toEqual([full.code]);
    expect(parseCourseFilters({ term: "x' OR 1=1", seats: "everything" })).toEqual({ term: "", teacher: "", seats: "" });
  });
});

describe("the student catalog and terms", () => {
  it("lists classes of the current and the next term (and without one), not ended or later terms", async () => {
    const { student, viewer } = await makeStudentViewer();
    const now = new Date(2040, 2, 10, 9); // 10 Mar 2040
    const ended = await makeTerm("Ended", day(2039, 9, 1), day(2039, 12, 20));
    const current = await makeTerm("Current", day(2040, 1, 6), day(2040, 3, 10));
    const next = await makeTerm("Next", day(2040, 4, 1), day(2040, 6, 30));
    const later = await makeTerm("Later", day(2040, 9, 1), day(2040, 12, 20));
    const t = tag();
    const mk = (name: string, termId: string | null) => makeOpenCourse({ code: `CAT-${t}-${name}`, termId });
    const [oldClass] = await Promise.all([mk("ENDED", ended.id), mk("CURRENT", current.id), mk("NEXT", next.id), mk("LATER", later.id), mk("NONE", null)]);
    // Enrolled in an ended term's class: an admin's doing; it isn't listed either.
    await db.enrollment.create({ data: { studentId: student.id, courseId: oldClass.id, source: "ADMIN" } });

    const catalog = await listMyCatalog(viewer, { q: `CAT-${t}`, page: 1 }, now);
    expect(catalog.rows.map((r) => r.code)).toEqual([`CAT-${t}-CURRENT`, `CAT-${t}-NEXT`, `CAT-${t}-NONE`]);
    expect(catalog.total).toBe(3);
    expect(catalog.mine).toEqual([]);
    expect(catalog.rows[0]!.term).toEqual({ id: current.id, name: current.name, startsOn: current.startsOn, endsOn: current.endsOn, loadLimit: null });
    // Enrolled in the current term's class: it moves to "My classes".
    await db.enrollment.create({ data: { studentId: student.id, courseId: (await db.course.findUniqueOrThrow({ where: { code: `CAT-${t}-CURRENT` } })).id, source: "SELF" } });
    const after = await listMyCatalog(viewer, { q: `CAT-${t}`, page: 1 }, now);
    expect([after.mine.map((r) => r.code), after.rows.map((r) => r.code)]).toEqual([[`CAT-${t}-CURRENT`], [`CAT-${t}-NEXT`, `CAT-${t}-NONE`]]);
  });

  it("refuses enrolling in or dropping a class whose term has ended", async () => {
    const { viewer } = await makeStudentViewer();
    const term = await makeTerm("Over", day(2041, 1, 6), day(2041, 3, 10));
    const course = await makeOpenCourse({ termId: term.id });
    const lastDay = new Date(2041, 2, 10, 23, 30);
    expect((await enrollMyself(viewer, { courseId: course.id }, lastDay)).ok).toBe(true);
    const after = new Date(2041, 2, 11, 0, 1);
    expect(await dropMyself(viewer, course.id, after)).toEqual({ ok: false, message: `${course.code}'s term ended 10 Mar 2041: ask an admin.` });
    const other = await makeOpenCourse({ termId: term.id });
    expect(await enrollMyself(viewer, { courseId: other.id }, after)).toEqual({ ok: false, message: `${other.code}'s term ended 10 Mar 2041.` });
    expect(await db.enrollment.count({ where: { courseId: other.id } })).toBe(0);
  });
});

describe("an admin's student page and terms", () => {
  it("lists the current and next term's classes by default, or one term's, those without a term, or every class", async () => {
    const admin = await makeUser("ADMIN");
    const { student } = await makeStudentViewer();
    const now = new Date(2042, 4, 10, 9);
    const ended = await makeTerm("Ended", day(2041, 9, 1), day(2041, 12, 20));
    const current = await makeTerm("Current", day(2042, 1, 6), day(2042, 6, 30));
    const later = await makeTerm("Later", day(2043, 9, 1), day(2043, 12, 20));
    const next = await makeTerm("Next", day(2042, 9, 1), day(2042, 12, 20));
    const t = tag();
    const mk = (name: string, termId: string | null) => makeOpenCourse({ code: `SP-${t}-${name}`, termId });
    await Promise.all([mk("ENDED", ended.id), mk("CURRENT", current.id), mk("NEXT", next.id), mk("LATER", later.id), mk("NONE", null)]);
    const codes = async (term?: string) =>
      (await getStudentEnrollmentPage(admin, student.id, term, now))!.courses.map((c) => c.code).filter((c) => c.startsWith(`SP-${t}-`));
    expect(await codes()).toEqual([`SP-${t}-CURRENT`, `SP-${t}-NEXT`, `SP-${t}-NONE`]);
    expect(await codes(ended.id)).toEqual([`SP-${t}-ENDED`]);
    expect(await codes("none")).toEqual([`SP-${t}-NONE`]);
    expect(await codes("all")).toEqual(["CURRENT", "ENDED", "LATER", "NEXT", "NONE"].map((n) => `SP-${t}-${n}`));
  });
});
