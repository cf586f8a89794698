import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { createCourse, deleteCourse, regenerateJoinCode } from "@/lib/server/data/catalog/courses";
import { updateCourse } from "@/lib/server/data/catalog/course-changes";
import { copyTermClasses, createTerm, deleteTerm, updateTerm } from "@/lib/server/data/catalog/terms";
import { createStudent, deleteStudent, updateStudent } from "@/lib/server/data/people/students";
import { createTeacher, updateTeacher } from "@/lib/server/data/people/teachers";
import { createApiToken, revokeApiToken } from "@/lib/server/data/access/api-tokens";
import { approveLinkRequest, deleteSignInRule, refuseLinkRequest, saveSignInRule, setPasswordSignIn, unlinkSchoolAccount } from "@/lib/server/data/access/school-accounts";
import { localDay } from "@/lib/format-date";
import { auditEntriesForCsv, changesOf, listAuditEntries, parseAuditFilters } from "@/lib/server/data/records/audit";
import { randomUUID } from "node:crypto";
import { courseInput, makeUser, nameColumns } from "@/test/factories";

const tag = () => randomUUID().slice(0, 8);

/**
 * The audit log (decision 036): every change to a class, a term, a student,
 * a teacher or a token is an entry, written with the change, saying who,
 * through which path, and each field before and after; never rewritten.
 */
const entries = (recordId: string) =>
  db.auditEntry.findMany({ where: { recordId }, orderBy: { id: "asc" } }).then((rows) => rows.map((r) => ({ ...r, changes: JSON.parse(r.changes) as Record<string, [unknown, unknown]> })));

describe("the audit log", () => {
  it("keeps only the fields that changed, each as [before, after]", () => {
    expect(changesOf({ a: 1, b: "x", c: null }, { a: 2, b: "x", c: null })).toEqual({ a: [1, 2] });
    expect(changesOf(null, { a: 1, b: null })).toEqual({ a: [null, 1] });
    expect(changesOf({ a: 1 }, null)).toEqual({ a: [1, null] });
  });

  it("records a class made, changed (its times, capacity, teacher, term, window), given a new join code and deleted", async () => {
    const admin = await makeUser("ADMIN");
    const teacher = await db.teacher.create({ data: { ...nameColumns(`Audited Teacher ${tag()}`), email: `at-${tag()}@t.test` } });
    const made = await createCourse(admin, courseInput({ title: "Audited", capacity: 30 }));
    if (!made.ok) throw new Error(made.message);
    const id = made.value.id;
    const code = (await db.course.findUniqueOrThrow({ where: { id } })).code;
    const saved = await updateCourse(admin, id, courseInput({ code, title: "Audited", capacity: 25, teacherId: teacher.id, meetings: [{ day: 1, start: 540, end: 600, room: "Lab" }], selfEnrollment: true, opensAt: new Date("2031-09-01T08:00:00Z") }));
    expect(saved.ok).toBe(true);
    // Saving the same form again changes nothing: no entry.
    await updateCourse(admin, id, courseInput({ code, title: "Audited", capacity: 25, teacherId: teacher.id, meetings: [{ day: 1, start: 540, end: 600, room: "Lab" }], selfEnrollment: true, opensAt: new Date("2031-09-01T08:00:00Z") }));
    expect((await regenerateJoinCode(admin, id)).ok).toBe(true);
    expect((await deleteCourse(admin, id)).ok).toBe(true);

    const log = await entries(id);
    expect(log.map((e) => [e.kind, e.action, e.via, e.actorId, e.actorName])).toEqual([
      ["CLASS", "CREATED", "PAGE", admin.userId, admin.name],
      ["CLASS", "UPDATED", "PAGE", admin.userId, admin.name],
      ["CLASS", "NEW_JOIN_CODE", "PAGE", admin.userId, admin.name],
      ["CLASS", "DELETED", "PAGE", admin.userId, admin.name],
    ]);
    expect(log[0]!.changes).toMatchObject({ code: [null, code], title: [null, "Audited"], capacity: [null, 30] });
    expect(log[1]!.changes).toEqual({
      capacity: [30, 25],
      teacher: [null, teacher.name],
      meetings: [null, "Mon 09:00–10:00, Lab"],
      selfEnrollment: [false, true],
      opensAt: [null, "2031-09-01T08:00:00.000Z"],
    });
    expect(log[2]!.changes.joinCode![1]).toMatch(/^[A-Z2-9]{6}$/);
    expect(log[3]!.changes).toMatchObject({ code: [code, null], capacity: [25, null] });
    expect(log[3]!.label).toBe(`${code} Audited`);
  });

  it("records terms, a rollover's copies (by the rollover), students, teachers and tokens", async () => {
    const admin = await makeUser("ADMIN");
    const t = tag();
    const from = await createTerm(admin, { name: `Aud A ${t}`, startsOn: new Date(2040, 8, 1), endsOn: new Date(2040, 11, 20) });
    const to = await createTerm(admin, { name: `Aud B ${t}`, startsOn: new Date(2041, 0, 5), endsOn: new Date(2041, 5, 30) });
    if (!from.ok || !to.ok) throw new Error("terms");
    await updateTerm(admin, to.value.id, { name: `Aud B2 ${t}`, startsOn: new Date(2041, 0, 5), endsOn: new Date(2041, 5, 30) });
    const old = await createCourse(admin, courseInput({ code: `AUD-${t.toUpperCase()}-A`, title: "Rolled", termId: from.value.id }));
    expect(old.ok).toBe(true);
    expect((await copyTermClasses(admin, from.value.id, to.value.id, { from: "-A", to: "-B" })).ok).toBe(true);
    const copy = await db.course.findUniqueOrThrow({ where: { code: `AUD-${t.toUpperCase()}-B` } });
    const [copied] = await entries(copy.id);
    expect([copied!.action, copied!.via, copied!.note]).toEqual(["CREATED", "ROLLOVER", `copied from AUD-${t.toUpperCase()}-A (Aud A ${t})`]);
    expect(copied!.changes.term).toEqual([null, `Aud B2 ${t}`]);
    expect((await entries(to.value.id)).map((e) => [e.action, e.changes])).toEqual([
      ["CREATED", { name: [null, `Aud B ${t}`], startsOn: [null, "2041-01-05"], endsOn: [null, "2041-06-30"] }],
      ["UPDATED", { name: [`Aud B ${t}`, `Aud B2 ${t}`] }],
    ]);

    const student = await createStudent(admin, { ...nameColumns("Aud Student"), email: `aud-${t}@s.test`, studentNumber: null });
    if (!student.ok) throw new Error(student.message);
    await updateStudent(admin, student.value.id, { ...nameColumns("Aud Student-Renamed"), email: `aud-${t}@s.test`, studentNumber: `A${t}` });
    await deleteStudent(admin, student.value.id);
    expect((await entries(student.value.id)).map((e) => [e.action, e.label, e.changes])).toEqual([
      ["CREATED", "Aud Student", { givenName: [null, "Aud"], familyName: [null, "Student"], email: [null, `aud-${t}@s.test`] }],
      ["UPDATED", "Aud Student-Renamed", { familyName: ["Student", "Student-Renamed"], studentNumber: [null, `A${t}`] }],
      ["DELETED", "Aud Student-Renamed", { givenName: ["Aud", null], familyName: ["Student-Renamed", null], email: [`aud-${t}@s.test`, null], studentNumber: [`A${t}`, null] }],
    ]);

    const teacher = await createTeacher(admin, { ...nameColumns("Aud Teacher"), email: `aud-${t}@t.test` });
    if (!teacher.ok) throw new Error(teacher.message);
    await updateTeacher(admin, teacher.value.id, { ...nameColumns("Aud Teacher"), email: `aud2-${t}@t.test` });
    expect((await entries(teacher.value.id)).map((e) => [e.kind, e.action, e.changes])).toEqual([
      ["TEACHER", "CREATED", { givenName: [null, "Aud"], familyName: [null, "Teacher"], email: [null, `aud-${t}@t.test`] }],
      ["TEACHER", "UPDATED", { email: [`aud-${t}@t.test`, `aud2-${t}@t.test`] }],
    ]);

    const token = await createApiToken(admin, { name: "Aud sync", canWrite: true });
    if (!token.ok) throw new Error(token.message);
    await revokeApiToken(admin, token.value.id);
    const tokenLog = await entries(token.value.id);
    expect(tokenLog.map((e) => [e.kind, e.action])).toEqual([
      ["API_TOKEN", "CREATED"],
      ["API_TOKEN", "REVOKED"],
    ]);
    // The token itself is nowhere in the log.
    expect(JSON.stringify(tokenLog)).not.toContain(token.value.token);
    expect(tokenLog[0]!.changes.startsWith).toEqual([null, token.value.token.slice(0, 10)]);
    expect((await deleteTerm(admin, from.value.id)).ok).toBe(false);
  });

  it("is never changed or deleted: the database refuses it", async () => {
    const admin = await makeUser("ADMIN");
    const made = await createTeacher(admin, { ...nameColumns("Kept"), email: `kept-${tag()}@t.test` });
    if (!made.ok) throw new Error(made.message);
    const [entry] = await entries(made.value.id);
    // (SQLite's trigger says so in a constraint error Prisma names otherwise; PostgreSQL's in words.)
    await expect(db.auditEntry.update({ where: { id: entry!.id }, data: { actorName: "Someone else" } })).rejects.toThrow();
    await expect(db.auditEntry.delete({ where: { id: entry!.id } })).rejects.toThrow();
    await expect(db.auditEntry.deleteMany({ where: { recordId: made.value.id } })).rejects.toThrow();
    expect((await entries(made.value.id))[0]!.actorName).toBe(admin.name);
  });

  it("is listed newest first, by who, what kind of record, which record and which days", async () => {
    const [ada, ben] = [await makeUser("ADMIN"), await makeUser("ADMIN")];
    const a = await createTeacher(ada, { ...nameColumns("Listed A"), email: `la-${tag()}@t.test` });
    const b = await createTerm(ben, { name: `Listed B ${tag()}`, startsOn: new Date(2042, 0, 1), endsOn: new Date(2042, 5, 1) });
    if (!a.ok || !b.ok) throw new Error("made");
    await updateTeacher(ada, a.value.id, { ...nameColumns("Listed A2"), email: `la2-${tag()}@t.test` });
    const list = (params: Record<string, string>) => listAuditEntries(ada, parseAuditFilters(params), 1);
    expect((await list({ who: ada.userId })).rows.map((e) => [e.what, e.label])).toEqual([
      ["Teacher changed", "Listed A2"],
      ["Teacher made", "Listed A"],
    ]);
    expect((await list({ who: ben.userId, kind: "TERM" })).total).toBe(1);
    expect((await list({ who: ben.userId, kind: "TEACHER" })).total).toBe(0);
    expect((await list({ record: a.value.id })).total).toBe(2);
    const today = localDay(new Date());
    expect((await list({ who: ada.userId, from: today, to: today })).total).toBe(2);
    expect((await list({ who: ada.userId, to: "2020-01-01" })).total).toBe(0);
    // Anything odd in the address is no filter at all, never an error.
    expect(parseAuditFilters({ who: "x\u0000", kind: "class", from: "yesterday", record: ["a", "b"] })).toEqual({ who: "", kind: "", record: "", from: "", to: "" });
    const csv = await auditEntriesForCsv(ada, parseAuditFilters({ record: a.value.id }));
    expect([csv.rows.length, csv.more]).toEqual([2, false]);
  });

  it("records school accounts linked, refused and unlinked, sign-in rules, and the password switch from the command line", async () => {
    const admin = await makeUser("ADMIN");
    const t = tag();
    const student = await db.student.create({ data: { ...nameColumns(`Linked ${t}`), email: `linked-${t}@s.test` } });
    const ask = (subject: string) => db.signInRequest.create({ data: { provider: "google", issuer: "https://accounts.google.com", subject, email: `${subject}@school.edu`, name: `Asker ${subject}` } });
    const approved = await ask(`a-${t}`);
    const refused = await ask(`r-${t}`);
    expect((await approveLinkRequest(admin, approved.id, student.email)).ok).toBe(true);
    expect((await refuseLinkRequest(admin, refused.id, "Not one of ours")).ok).toBe(true);
    const link = await db.signInLink.findFirstOrThrow({ where: { subject: `a-${t}` } });
    expect((await unlinkSchoolAccount(admin, link.id)).ok).toBe(true);
    expect((await entries(link.id)).map((e) => [e.kind, e.action, e.label, e.changes])).toEqual([
      ["SCHOOL_ACCOUNT", "LINKED", `Linked ${t}'s google account (a-${t}@school.edu)`, { login: [null, student.email], provider: [null, "google"], account: [null, `a-${t}@school.edu`], how: [null, "request approved"] }],
      ["SCHOOL_ACCOUNT", "UNLINKED", `Linked ${t}'s google account (a-${t}@school.edu)`, { login: [student.email, null], provider: ["google", null], account: [`a-${t}@school.edu`, null] }],
    ]);
    expect((await entries(refused.id)).map((e) => [e.action, e.note])).toEqual([["REFUSED", "Not one of ours"]]);

    const domain = `d${t}.edu`;
    const rule = { provider: "google", domain, linkByEmail: true, linkBySourcedId: false, createStudents: false };
    expect((await saveSignInRule(admin, rule, ["google"])).ok).toBe(true);
    expect((await saveSignInRule(admin, { ...rule, createStudents: true }, ["google"])).ok).toBe(true);
    const saved = await db.signInRule.findFirstOrThrow({ where: { domain } });
    expect((await deleteSignInRule(admin, saved.id)).ok).toBe(true);
    expect((await entries(saved.id)).map((e) => [e.action, e.changes])).toEqual([
      ["CREATED", { linkByEmail: [null, true], linkBySourcedId: [null, false], createStudents: [null, false] }],
      ["UPDATED", { createStudents: [false, true] }],
      ["DELETED", { linkByEmail: [true, null], linkBySourcedId: [false, null], createStudents: [true, null] }],
    ]);

    await setPasswordSignIn("TEACHER", false);
    await setPasswordSignIn("TEACHER", true);
    const switched = (await entries("1")).filter((e) => e.kind === "SIGN_IN_SETTINGS").slice(-2);
    expect(switched.map((e) => [e.via, e.actorId, e.actorName, e.changes])).toEqual([
      ["COMMAND", null, "someone on the server", { passwordTeachers: [true, false] }],
      ["COMMAND", null, "someone on the server", { passwordTeachers: [false, true] }],
    ]);
  });
});
