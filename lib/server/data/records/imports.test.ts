import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { applyImport, createImport, getImport, runCheck } from "@/lib/server/data/records/imports/jobs";
import { canApply } from "@/lib/server/data/records/imports/preview";
import type { ImportFiles } from "@/lib/import/oneroster";
import type { Viewer } from "@/lib/server/authz";
import { makeCourse, makeStudent, makeUser } from "@/test/factories";
import { withNames } from "@/lib/names";
import { undoChangeSet } from "@/lib/server/data/records/change-sets";
import { setEnrollment } from "@/lib/server/data/enrollment/admin";
import { updateStudent } from "@/lib/server/data/people/students";

async function check(admin: Viewer, files: ImportFiles, sync = false) {
  const created = await createImport(admin, files, { sync });
  if (!created.ok) throw new Error(created.message);
  await runCheck(admin, created.value.id);
  const job = await getImport(admin, created.value.id);
  return { id: created.value.id, preview: job!.preview!, status: job!.status };
}

const tag = () => Math.random().toString(36).slice(2, 8);
const csv = (rows: string[][]) => rows.map((r) => r.join(",")).join("\n") + "\n";

describe("importing OneRoster CSV", () => {
  it("an enrollments file alone enrolls existing students in existing classes, keeping beginDate, once", async () => {
    const admin = await makeUser("ADMIN");
    const [a, b] = [await makeStudent(), await makeStudent()];
    const course = await makeCourse(10);
    const files = {
      enrollments: csv([
        ["sourcedId", "classSourcedId", "userSourcedId", "role", "beginDate"],
        ["e1", course.id, a.id, "student", "2026-09-01"],
        ["e2", course.id, b.id, "student", ""],
      ]),
    };
    const first = await check(admin, files);
    expect(first.status).toBe("CHECKED");
    expect(first.preview.enrollments).toEqual({ added: 2, removed: 0, unchanged: 0 });
    expect(first.preview.perClass).toEqual([{ code: course.code, added: 2, removed: 0 }]);
    expect(canApply(first.preview)).toBe(true);
    expect(await db.enrollment.count({ where: { courseId: course.id } })).toBe(0); // a check writes nothing

    expect(await applyImport(admin, first.id)).toEqual({ ok: true, value: null });
    const rows = await db.enrollment.findMany({ where: { courseId: course.id }, orderBy: { studentId: "asc" } });
    expect(rows.map((r) => r.source)).toEqual(["IMPORT", "IMPORT"]);
    const ada = rows.find((r) => r.studentId === a.id)!;
    expect([ada.enrolledAt.getFullYear(), ada.enrolledAt.getMonth(), ada.enrolledAt.getDate()]).toEqual([2026, 8, 1]);
    expect((await db.course.findUniqueOrThrow({ where: { id: course.id } })).enrolledCount).toBe(2);
    const job = await db.importJob.findUniqueOrThrow({ where: { id: first.id } });
    expect(job.status).toBe("APPLIED");
    const events = await db.enrollmentEvent.findMany({ where: { courseId: course.id } });
    expect(events.map((e) => [e.type, e.source, e.changeSetId])).toEqual([
      ["ENROLLED", "IMPORT", job.changeSetId],
      ["ENROLLED", "IMPORT", job.changeSetId],
    ]);
    expect((await db.changeSet.findUniqueOrThrow({ where: { id: job.changeSetId! } })).summary).toBe("+2");

    // The same file again changes nothing.
    const again = await check(admin, files);
    expect(again.preview.enrollments).toEqual({ added: 0, removed: 0, unchanged: 2 });
    expect(await applyImport(admin, again.id)).toEqual({ ok: true, value: null });
    expect(await db.enrollmentEvent.count({ where: { courseId: course.id } })).toBe(2);
    // An applied import can't be applied twice.
    expect(await applyImport(admin, first.id)).toEqual({ ok: false, message: "This import is not waiting to be applied." });
  });

  it("users, classes and enrollments together create what is new, assign teachers, and re-import as unchanged", async () => {
    const admin = await makeUser("ADMIN");
    const t = tag();
    const files = {
      users: csv([
        ["sourcedId", "role", "givenName", "familyName", "email", "identifier"],
        [`u1-${t}`, "student", "Ada", "Lovelace", `ada-${t}@school.test`, `N-${t}`],
        [`u2-${t}`, "student", "Alan", "Kay", `alan-${t}@school.test`, ""],
        [`t1-${t}`, "teacher", "Grace", "Hopper", `grace-${t}@school.test`, ""],
      ]),
      classes: csv([
        ["sourcedId", "classCode", "title"],
        [`c1-${t}`, `IMP-${t}`, "Imported Class"],
      ]),
      enrollments: csv([
        ["classSourcedId", "userSourcedId", "role"],
        [`c1-${t}`, `u1-${t}`, "student"],
        [`c1-${t}`, `u2-${t}`, "student"],
        [`c1-${t}`, `t1-${t}`, "teacher"],
      ]),
    };
    const first = await check(admin, files);
    expect(first.preview).toMatchObject({
      students: { created: 2, updated: 0, unchanged: 0 },
      teachers: { created: 1, updated: 0, unchanged: 0 },
      classes: { created: 1, updated: 0, unchanged: 0 },
      enrollments: { added: 2, removed: 0, unchanged: 0 },
      teachersAssigned: 1,
      problemCount: 0,
    });
    expect((await applyImport(admin, first.id)).ok).toBe(true);
    const course = await db.course.findUniqueOrThrow({ where: { sourcedId: `c1-${t}` }, include: { teacher: true } });
    expect([course.code, course.title, course.teacher?.name, course.enrolledCount]).toEqual([`IMP-${t.toUpperCase()}`, "Imported Class", "Grace Hopper", 2]);
    expect((await db.student.findUniqueOrThrow({ where: { sourcedId: `u1-${t}` } })).studentNumber).toBe(`N-${t}`);

    const again = await check(admin, files);
    expect(again.preview).toMatchObject({
      students: { created: 0, updated: 0, unchanged: 2 },
      teachers: { created: 0, updated: 0, unchanged: 1 },
      classes: { created: 0, updated: 0, unchanged: 1 },
      enrollments: { added: 0, removed: 0, unchanged: 2 },
      teachersAssigned: 0,
    });
  });

  it("unknown references and wrong roles are problems, and nothing is applied", async () => {
    const admin = await makeUser("ADMIN");
    const course = await makeCourse();
    const student = await makeStudent();
    const files = {
      enrollments: csv([
        ["classSourcedId", "userSourcedId", "role"],
        [course.id, "nobody", "student"],
        ["no-class", student.id, "student"],
        [course.id, student.id, "teacher"],
        [course.id, student.id, "student"],
      ]),
    };
    const checked = await check(admin, files);
    expect(checked.preview.problems.map((p) => [p.line, p.message])).toEqual([
      [2, "userSourcedId “nobody” is not in users.csv or in Rollbook"],
      [3, "classSourcedId “no-class” is not in classes.csv or in Rollbook"],
      [4, `userSourcedId “${student.id}” is a student, not a teacher`],
      [5, "this user and class are also on line 4"],
    ]);
    expect(canApply(checked.preview)).toBe(false);
    expect(await applyImport(admin, checked.id)).toEqual({
      ok: false,
      message: "Fix the problems the check found, then import the files again.",
    });
    expect(await db.enrollment.count({ where: { courseId: course.id } })).toBe(0);
  });

  it("a class the file would take over capacity is named, and the import is refused", async () => {
    const admin = await makeUser("ADMIN");
    const course = await makeCourse(1);
    const [a, b, c] = [await makeStudent(), await makeStudent(), await makeStudent()];
    const rows = [a, b, c].map((s) => [course.id, s.id, "student"]);
    const checked = await check(admin, { enrollments: csv([["classSourcedId", "userSourcedId", "role"], ...rows]) });
    expect(checked.preview.overCapacity).toEqual([{ code: course.code, capacity: 1, after: 3 }]);
    expect(canApply(checked.preview)).toBe(false);
    expect((await applyImport(admin, checked.id)).ok).toBe(false);
    expect(await db.enrollment.count({ where: { courseId: course.id } })).toBe(0);
  });

  it("removes what the files end (tobedeleted, endDate past), and with sync what they leave out of their classes", async () => {
    const admin = await makeUser("ADMIN");
    const course = await makeCourse();
    const [a, b, c] = [await makeStudent(), await makeStudent(), await makeStudent()];
    for (const s of [a, b, c]) await db.enrollment.create({ data: { studentId: s.id, courseId: course.id, source: "ADMIN" } });
    await db.course.update({ where: { id: course.id }, data: { enrolledCount: 3 } });
    const header = ["classSourcedId", "userSourcedId", "role", "endDate", "status"];
    const ended = await check(admin, {
      enrollments: csv([header, [course.id, a.id, "student", "", "tobedeleted"], [course.id, b.id, "student", "2020-01-01", ""]]),
    });
    expect(ended.preview.enrollments).toEqual({ added: 0, removed: 2, unchanged: 0 });

    const synced = await check(admin, { enrollments: csv([header, [course.id, a.id, "student", "", ""]]) }, true);
    expect(synced.preview.enrollments).toEqual({ added: 0, removed: 2, unchanged: 1 });
    expect((await applyImport(admin, synced.id)).ok).toBe(true);
    const left = await db.enrollment.findMany({ where: { courseId: course.id }, select: { studentId: true } });
    expect(left.map((e) => e.studentId)).toEqual([a.id]);
    expect((await db.course.findUniqueOrThrow({ where: { id: course.id } })).enrolledCount).toBe(1);
    const dropped = await db.enrollmentEvent.findMany({ where: { courseId: course.id, type: "DROPPED" } });
    expect(dropped.map((e) => [e.reason, e.enrolledSource]).sort()).toEqual([
      ["removed by import", "ADMIN"],
      ["removed by import", "ADMIN"],
    ]);
  });

  it("says so when a check stopped mid-way (its server restarted), instead of showing it checking forever", async () => {
    const admin = await makeUser("ADMIN");
    const created = await createImport(admin, { enrollments: "classSourcedId,userSourcedId,role\n" }, { sync: false });
    if (!created.ok) throw new Error(created.message);
    expect((await getImport(admin, created.value.id))!.status).toBe("CHECKING");
    await db.importJob.update({ where: { id: created.value.id }, data: { updatedAt: new Date(Date.now() - 11 * 60_000) } });
    const stale = await getImport(admin, created.value.id);
    expect([stale!.status, stale!.error]).toEqual([
      "FAILED",
      "This import stopped before it finished (the server restarted?). Nothing was written: import the files again.",
    ]);
  });
});

describe("importing terms", () => {
  it("makes terms from academicSessions.csv, puts classes in them, and ends enrollments that stopped before their term's end", async () => {
    const admin = await makeUser("ADMIN");
    const t = tag();
    const [stayed, left] = [await makeStudent(), await makeStudent()];
    const files = {
      academicSessions: csv([
        ["sourcedId", "title", "type", "startDate", "endDate"],
        [`term-${t}`, `Spring ${t}`, "term", "2021-01-04", "2021-06-30"],
      ]),
      classes: csv([
        ["sourcedId", "classCode", "title", "termSourcedIds"],
        [`class-${t}`, `HIST-${t}`.toUpperCase(), "History", `term-${t}`],
      ]),
      enrollments: csv([
        ["classSourcedId", "userSourcedId", "role", "beginDate", "endDate"],
        // ran to the term's last day (in the past): kept; left in March: not enrolled
        [`class-${t}`, stayed.id, "student", "2021-01-04", "2021-06-30"],
        [`class-${t}`, left.id, "student", "2021-01-04", "2021-03-15"],
      ]),
    };
    const first = await check(admin, files);
    expect(first.preview.problems).toEqual([]);
    expect(first.preview.terms).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(first.preview.enrollments).toEqual({ added: 1, removed: 0, unchanged: 0 });
    expect(await applyImport(admin, first.id)).toEqual({ ok: true, value: null });
    const course = await db.course.findUniqueOrThrow({
      where: { sourcedId: `class-${t}` },
      select: { id: true, term: { select: { name: true, sourcedId: true, startsOn: true, endsOn: true } } },
    });
    expect(course.term).toEqual({ name: `Spring ${t}`, sourcedId: `term-${t}`, startsOn: new Date(2021, 0, 4), endsOn: new Date(2021, 5, 30) });
    expect((await db.enrollment.findMany({ where: { courseId: course.id }, select: { studentId: true } })).map((e) => e.studentId)).toEqual([stayed.id]);

    // Again: nothing changes. A class row without termSourcedIds keeps its term; an unknown one is a problem.
    expect((await check(admin, files)).preview).toMatchObject({ terms: { created: 0, updated: 0, unchanged: 1 }, enrollments: { added: 0, removed: 0, unchanged: 1 } });
    const kept = await check(admin, { classes: csv([["sourcedId", "classCode", "title"], [`class-${t}`, `HIST-${t}`.toUpperCase(), "History"]]) });
    expect(kept.preview.classes).toEqual({ created: 0, updated: 0, unchanged: 1 });
    const unknown = await check(admin, {
      classes: csv([["sourcedId", "classCode", "title", "termSourcedIds"], [`class-${t}`, `HIST-${t}`.toUpperCase(), "History", "nope"]]),
    });
    expect(unknown.preview.problems).toEqual([{ file: "classes.csv", line: 2, message: "termSourcedIds “nope” is not in academicSessions.csv or in Rollbook" }]);
  });
});

describe("an import that skips rows with problems", () => {
  it("imports the good rows, lists the skipped ones, stays one undoable change, and never with a full sync", async () => {
    const admin = await makeUser("ADMIN");
    const course = await makeCourse(10);
    const [a, b] = [await makeStudent(), await makeStudent()];
    const files = {
      enrollments: csv([
        ["classSourcedId", "userSourcedId", "role", "beginDate"],
        [course.id, a.id, "student", "2026-09-01"],
        [course.id, "nobody", "student", ""],
        [course.id, b.id, "student", "2026-02-30"],
      ]),
    };
    const strict = await check(admin, files);
    expect(strict.preview.problemCount).toBe(2);
    expect(canApply(strict.preview)).toBe(false);

    expect(await createImport(admin, files, { sync: true, skipBad: true })).toEqual({
      ok: false,
      message: "A full sync can't skip rows with problems: a skipped row would look like an enrollment to remove. Choose one.",
    });

    const created = await createImport(admin, files, { sync: false, skipBad: true });
    if (!created.ok) throw new Error(created.message);
    await runCheck(admin, created.value.id);
    const { preview } = (await getImport(admin, created.value.id))!;
    expect(preview).toMatchObject({ skipBad: true, problemCount: 2, enrollments: { added: 1, removed: 0 } });
    expect(preview!.problems.map((p) => p.line)).toEqual([3, 4]);
    expect(canApply(preview!)).toBe(true);
    expect(await applyImport(admin, created.value.id)).toEqual({ ok: true, value: null });
    expect((await db.enrollment.findMany({ where: { courseId: course.id }, select: { studentId: true } })).map((e) => e.studentId)).toEqual([a.id]);
    const job = await getImport(admin, created.value.id);
    expect(job).toMatchObject({ status: "APPLIED", preview: { problemCount: 2 } });
    expect(job!.changeSetId).not.toBeNull();
  });
});

describe("an import's clashes", () => {
  it("are listed before anything is written, made anyway, and kept in the history, with the files' own times", async () => {
    const admin = await makeUser("ADMIN");
    const t = tag();
    const monday = await db.course.create({
      data: { code: `MON-${t}`.toUpperCase(), title: "Monday", meetings: { create: [{ day: 1, startMinute: 540, endMinute: 600, room: "" }] } },
    });
    const moving = await db.course.create({
      data: { code: `MOV-${t}`.toUpperCase(), title: "Moving", meetings: { create: [{ day: 2, startMinute: 540, endMinute: 600, room: "" }] } },
    });
    const [sam, tia] = [await makeStudent(`Sam Clash ${t}`), await makeStudent(`Tia Free ${t}`)];
    await db.enrollment.create({ data: { studentId: sam.id, courseId: monday.id, source: "ADMIN" } });
    const files = {
      // The file moves the class to Monday 09:30, when Sam's other class meets; Tia has no other.
      classes: csv([["sourcedId", "classCode", "title", "metadata.meetings"], [moving.id, moving.code, "Moving", "Mon 09:30-10:30"]]),
      enrollments: csv([
        ["sourcedId", "classSourcedId", "userSourcedId", "role"],
        [`e1-${t}`, moving.id, sam.id, "student"],
        [`e2-${t}`, moving.id, tia.id, "student"],
      ]),
    };
    const { id, preview } = await check(admin, files);
    expect(preview.clashes).toEqual({
      count: 1,
      shown: [`${moving.code} (Mon 09:30–10:30) clashes with ${monday.code} (Mon 09:00–10:00), which Sam Clash ${t} is in.`],
    });
    expect(canApply(preview)).toBe(true);
    expect(await applyImport(admin, id)).toEqual({ ok: true, value: null });
    const events = await db.enrollmentEvent.findMany({ where: { courseId: moving.id }, orderBy: { studentName: "asc" } });
    expect(events.map((e) => [e.studentName, e.reason])).toEqual([
      [`Sam Clash ${t}`, `clashes with ${monday.code} (Mon 09:00–10:00)`],
      [`Tia Free ${t}`, null],
    ]);
  });
});

describe("undoing an import", () => {
  it("is whole: the records it made go where nothing else refers to them, each kept one named with why; the log has it all", async () => {
    const admin = await makeUser("ADMIN");
    const t = tag();
    const T = t.toUpperCase();
    const existing = await makeStudent(`Old Name ${t}`, `old-${t}@s.test`);
    const elsewhere = await makeCourse(10);
    const files = {
      academicSessions: csv([
        ["sourcedId", "title", "type", "startDate", "endDate"],
        [`term-${t}`, `Undo Term ${t}`, "term", "2043-01-05", "2043-06-30"],
      ]),
      users: csv([
        ["sourcedId", "role", "givenName", "familyName", "email", "identifier"],
        [`u1-${t}`, "student", "Gone", `Student ${t}`, `gone-${t}@s.test`, ""],
        [`u2-${t}`, "student", "Kept", `Student ${t}`, `kept-${t}@s.test`, ""],
        [`u3-${t}`, "student", "New", `Name ${t}`, `old-${t}@s.test`, ""],
        [`u4-${t}`, "teacher", "Gone", `Teacher ${t}`, `teach-${t}@t.test`, ""],
      ]),
      classes: csv([
        ["sourcedId", "classCode", "title", "termSourcedIds"],
        [`c1-${t}`, `UNDO-${T}`, "Undone class", `term-${t}`],
      ]),
      enrollments: csv([
        ["classSourcedId", "userSourcedId", "role"],
        [`c1-${t}`, `u1-${t}`, "student"],
        [`c1-${t}`, `u2-${t}`, "student"],
        [`c1-${t}`, `u4-${t}`, "teacher"],
      ]),
    };
    const login = await makeUser("STUDENT", { studentId: existing.id });
    const checked = await check(admin, files);
    expect(checked.preview.problemCount).toBe(0);
    expect(await applyImport(admin, checked.id)).toEqual({ ok: true, value: null });
    // A renamed student's login shows the new name.
    expect((await db.user.findUniqueOrThrow({ where: { id: login.userId } })).name).toBe(`New Name ${t}`);
    const job = await db.importJob.findUniqueOrThrow({ where: { id: checked.id } });
    // The import's records are in the log, by the import, in its change set.
    const logged = await db.auditEntry.findMany({ where: { changeSetId: job.changeSetId }, orderBy: { id: "asc" } });
    expect(logged.map((e) => [e.kind, e.action, e.via, e.label])).toEqual([
      ["TERM", "CREATED", "IMPORT", `Undo Term ${t}`],
      ["STUDENT", "CREATED", "IMPORT", `Gone Student ${t}`],
      ["STUDENT", "CREATED", "IMPORT", `Kept Student ${t}`],
      ["STUDENT", "UPDATED", "IMPORT", `New Name ${t}`],
      ["TEACHER", "CREATED", "IMPORT", `Gone Teacher ${t}`],
      ["CLASS", "CREATED", "IMPORT", `UNDO-${T} Undone class`],
    ]);
    expect(JSON.parse(logged[3]!.changes)).toMatchObject({ givenName: ["Old Name", "New"], familyName: [t, `Name ${t}`], sourcedId: [null, `u3-${t}`] });

    // Since the import, another admin enrolls one of its students in another class.
    const kept = await db.student.findUniqueOrThrow({ where: { email: `kept-${t}@s.test` } });
    expect((await setEnrollment(await makeUser("ADMIN"), { studentId: kept.id, courseId: elsewhere.id, enrolled: true })).ok).toBe(true);

    const undone = await undoChangeSet(admin, job.changeSetId!);
    if (!undone.ok) throw new Error(undone.message);
    expect(undone.value.records).toEqual({
      removed: { classes: 1, students: 1, teachers: 1, terms: 1 },
      kept: [`Kept Student ${t} (a student): enrolled in or waiting for a class since the import`],
    });
    expect(await db.student.count({ where: { email: `gone-${t}@s.test` } })).toBe(0);
    expect(await db.student.count({ where: { email: `kept-${t}@s.test` } })).toBe(1);
    expect(await db.course.count({ where: { code: `UNDO-${T}` } })).toBe(0);
    expect(await db.teacher.count({ where: { email: `teach-${t}@t.test` } })).toBe(0);
    expect(await db.term.count({ where: { name: `Undo Term ${t}` } })).toBe(0);
    // A record the import changed keeps its new values: the log has the old.
    expect((await db.student.findUniqueOrThrow({ where: { id: existing.id } })).name).toBe(`New Name ${t}`);
    // The page says it was undone, and what went and what stayed.
    const page = await getImport(admin, checked.id);
    expect(page!.undone).toBe(true);
    expect(page!.undoneEntry?.note).toBe(
      `Deleted what it made: 1 student, 1 teacher, 1 class, 1 term. Kept, though the import made them: Kept Student ${t} (a student): enrolled in or waiting for a class since the import.`,
    );
    const deleted = await db.auditEntry.findMany({ where: { via: "UNDO", action: "DELETED", recordId: { in: logged.map((e) => e.recordId) } } });
    expect(deleted.map((e) => e.kind).sort()).toEqual(["CLASS", "STUDENT", "TEACHER", "TERM"]);
  });

  it("keeps what was changed since the import, and a student given a login", async () => {
    const admin = await makeUser("ADMIN");
    const other = await makeUser("ADMIN");
    const t = tag();
    const files = {
      users: csv([
        ["sourcedId", "role", "givenName", "familyName", "email"],
        [`v1-${t}`, "student", "Edited", `Later ${t}`, `edited-${t}@s.test`],
        [`v2-${t}`, "student", "Signed", `In ${t}`, `signed-${t}@s.test`],
        [`v3-${t}`, "student", "Plain", `Gone ${t}`, `plain-${t}@s.test`],
      ]),
    };
    const checked = await check(admin, files);
    expect(await applyImport(admin, checked.id)).toEqual({ ok: true, value: null });
    const [edited, signed] = [await db.student.findUniqueOrThrow({ where: { email: `edited-${t}@s.test` } }), await db.student.findUniqueOrThrow({ where: { email: `signed-${t}@s.test` } })];
    // Another admin edits one by hand; one is given a login.
    await updateStudent(other, edited.id, { ...withNames({ givenName: "Edited By Hand", familyName: `Later ${t}` }), email: edited.email, studentNumber: null });
    await db.user.create({ data: { email: signed.email, name: signed.name, role: "STUDENT", studentId: signed.id } });
    const job = await db.importJob.findUniqueOrThrow({ where: { id: checked.id } });
    const undone = await undoChangeSet(admin, job.changeSetId!);
    if (!undone.ok) throw new Error(undone.message);
    expect(undone.value.records).toEqual({
      removed: { classes: 0, students: 1, teachers: 0, terms: 0 },
      // In the order of family names: "In …" before "Later …".
      kept: [`Signed In ${t} (a student): has signed in or been given a login since`, `Edited By Hand Later ${t} (a student): changed since the import`],
    });
    expect(await db.student.count({ where: { email: { in: [`edited-${t}@s.test`, `signed-${t}@s.test`, `plain-${t}@s.test`] } } })).toBe(2);
  });
});
