import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { getLastChangeSet, undoChangeSet } from "@/lib/server/data/records/change-sets";
import { listHistory } from "@/lib/server/data/records/history";
import { previewChecklist, saveChecklist, setEnrollment } from "@/lib/server/data/enrollment/admin";
import { createImport, applyImport, runCheck } from "@/lib/server/data/records/imports/jobs";
import { enrollMyself } from "@/lib/server/data/enrollment/self-service";
import { makeCourse, makeOpenCourse, makeStudent, makeStudentViewer, makeUser, termDays } from "@/test/factories";

const enrolled = async (courseId: string) =>
  (await db.enrollment.findMany({ where: { courseId }, orderBy: { studentId: "asc" } })).map((e) => e.studentId);

describe("the impact of a Save, before it is made", () => {
  it("counts what would be added and removed and names classes that would go over capacity, writing nothing", async () => {
    const admin = await makeUser("ADMIN");
    const course = await makeCourse(2);
    const [a, b, c, d] = [await makeStudent("Ana Preview"), await makeStudent("Ben Preview"), await makeStudent("Cy Preview"), await makeStudent("Dee Preview")];
    await setEnrollment(admin, { studentId: d.id, courseId: course.id, enrolled: true });
    // Holds on Cy (the one named) and on Dee (removed, not named: a hold stops adds only).
    await db.hold.create({ data: { studentId: c.id, reason: "Unpaid fees", office: "the bursar's office", placedBy: "Test" } });
    await db.hold.create({ data: { studentId: d.id, reason: "Missing forms", office: "the registrar", placedBy: "Test" } });
    const shown = [a.id, b.id, c.id, d.id];
    expect(await previewChecklist(admin, { courseId: course.id }, shown, [a.id, b.id, c.id])).toEqual({
      added: 3,
      removed: 1,
      overCapacity: [{ code: course.code, capacity: 2, after: 3 }],
      promoted: [],
      names: { added: ["Ana Preview", "Ben Preview", "Cy Preview"], removed: ["Dee Preview"] },
      clashes: [],
      holds: ["Cy Preview has a hold: Unpaid fees. The bursar's office can lift it."],
      loads: [],
    });
    expect(await previewChecklist(admin, { courseId: course.id }, shown, [a.id])).toMatchObject({ added: 1, removed: 1, overCapacity: [], promoted: [] });
    expect(await enrolled(course.id)).toEqual([d.id]);
    // From a student's page: each ticked full class is named.
    const full = await makeCourse(1);
    await setEnrollment(admin, { studentId: a.id, courseId: full.id, enrolled: true });
    expect(await previewChecklist(admin, { studentId: b.id }, [full.id, course.id], [full.id])).toEqual({
      added: 1,
      removed: 0,
      overCapacity: [{ code: full.code, capacity: 1, after: 2 }],
      promoted: [],
      names: { added: [full.code], removed: [] },
      clashes: [],
      holds: [],
      loads: [],
    });
    // A term with a load limit of 2: Ben is in one of its classes; adding two more takes him to 3.
    const term = await db.term.create({ data: { name: `Preview load ${Date.now()}`, ...termDays(-1, 30), loadLimit: 2 } });
    const [x, y, z] = [await makeCourse(5), await makeCourse(5), await makeCourse(5)];
    await db.course.updateMany({ where: { id: { in: [x.id, y.id, z.id] } }, data: { termId: term.id } });
    await setEnrollment(admin, { studentId: b.id, courseId: x.id, enrolled: true });
    expect((await previewChecklist(admin, { studentId: b.id }, [x.id, y.id, z.id], [x.id, y.id])).loads).toEqual([]);
    expect((await previewChecklist(admin, { studentId: b.id }, [x.id, y.id, z.id], [x.id, y.id, z.id])).loads).toEqual([
      `Ben Preview would be in 3 classes of ${term.name}, past the most a student may take (2).`,
    ]);
    // A removal from a full class with a waitlist names who would get the seat.
    const waiting = await makeStudent("Wendy Waiting");
    await db.waitlistEntry.create({ data: { studentId: waiting.id, courseId: full.id } });
    expect(await previewChecklist(admin, { courseId: full.id }, [a.id], [])).toMatchObject({
      added: 0,
      removed: 1,
      overCapacity: [],
      promoted: [`Wendy Waiting (${full.code})`],
    });
    expect(await previewChecklist(admin, { studentId: a.id }, [full.id], [])).toMatchObject({ promoted: [`Wendy Waiting (${full.code})`] });
  });
});

describe("undoing a change set", () => {
  it("undoes a Save of several boxes as one change, as a change of its own, once", async () => {
    const admin = await makeUser("ADMIN");
    const course = await makeCourse(10);
    const [a, b, c] = [await makeStudent(), await makeStudent(), await makeStudent()];
    await setEnrollment(admin, { studentId: c.id, courseId: course.id, enrolled: true });
    const before = await enrolled(course.id);

    const saved = await saveChecklist(admin, { courseId: course.id }, [a.id, b.id, c.id], [a.id, b.id]);
    const last = await getLastChangeSet(admin);
    expect(saved).toEqual({ ok: true, value: { added: 2, removed: 1, changeSetId: last!.id } });
    expect(last).toMatchObject({ kind: "SAVE", summary: "+2 −1", label: "Save", classes: [course.code] });
    expect(last!.students).toEqual([a.name, b.name, c.name].sort((x, y) => (x < y ? -1 : 1)));

    expect(await undoChangeSet(admin, last!.id)).toEqual({ ok: true, value: { added: 1, removed: 2, backInLine: [] } });
    expect(await enrolled(course.id)).toEqual(before);
    expect((await db.course.findUniqueOrThrow({ where: { id: course.id } })).enrolledCount).toBe(1);
    const set = await db.changeSet.findUniqueOrThrow({ where: { id: last!.id } });
    const undo = await db.changeSet.findUniqueOrThrow({ where: { id: set.undoneBy! } });
    expect([undo.kind, undo.summary]).toEqual(["UNDO", "+1 −2"]);
    expect(await getLastChangeSet(admin)).toBeNull(); // an undo isn't undone
    expect((await undoChangeSet(admin, last!.id)).ok).toBe(false);
  });

  it("gives a removed enrollment back as it was: its date and how it was made", async () => {
    const admin = await makeUser("ADMIN");
    const course = await makeOpenCourse({ capacity: 5 });
    const { student, viewer } = await makeStudentViewer();
    expect((await enrollMyself(viewer, { courseId: course.id })).ok).toBe(true);
    const original = await db.enrollment.findFirstOrThrow({ where: { courseId: course.id } });
    await new Promise((r) => setTimeout(r, 20));
    await setEnrollment(admin, { studentId: student.id, courseId: course.id, enrolled: false });

    const last = await getLastChangeSet(admin);
    expect((await undoChangeSet(admin, last!.id)).ok).toBe(true);
    const restored = await db.enrollment.findFirstOrThrow({ where: { courseId: course.id } });
    expect([restored.source, restored.enrolledAt.getTime()]).toEqual(["SELF", original.enrolledAt.getTime()]);
  });

  it("is refused, naming the conflict, when something it touched changed since; only the latest change is offered", async () => {
    const admin = await makeUser("ADMIN");
    const other = await makeUser("ADMIN");
    const course = await makeCourse();
    const student = await makeStudent("Conflicted Student");
    await setEnrollment(admin, { studentId: student.id, courseId: course.id, enrolled: true });
    const mine = await getLastChangeSet(admin);
    await setEnrollment(other, { studentId: student.id, courseId: course.id, enrolled: false });

    const refused = await undoChangeSet(admin, mine!.id);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.message).toMatch(/^This change can't be undone: Conflicted Student in T-\w+ \(dropped .+\) changed since\./);
    expect(await enrolled(course.id)).toEqual([]);

    // An older change of the same admin is not offered.
    await setEnrollment(admin, { studentId: (await makeStudent()).id, courseId: course.id, enrolled: true });
    expect((await undoChangeSet(admin, mine!.id)).ok).toBe(false);
  });

  it("undoes an import", async () => {
    const admin = await makeUser("ADMIN");
    const course = await makeCourse();
    const students = [await makeStudent(), await makeStudent()];
    const created = await createImport(
      admin,
      { enrollments: ["classSourcedId,userSourcedId,role", ...students.map((s) => `${course.id},${s.id},student`)].join("\n") },
      { sync: false },
    );
    if (!created.ok) throw new Error(created.message);
    await runCheck(admin, created.value.id);
    expect((await applyImport(admin, created.value.id)).ok).toBe(true);
    expect(await enrolled(course.id)).toHaveLength(2);

    const last = await getLastChangeSet(admin);
    expect(last).toMatchObject({ kind: "IMPORT", summary: "+2" });
    expect(await undoChangeSet(admin, last!.id)).toEqual({ ok: true, value: { added: 0, removed: 2, backInLine: [], records: { removed: { classes: 0, students: 0, teachers: 0, terms: 0 }, kept: [] } } });
    expect(await enrolled(course.id)).toEqual([]);
  });

  /** A one-seat class: Sam seated (by himself, earlier), Rita then Tom waiting. */
  async function fullClassWithALine() {
    const admin = await makeUser("ADMIN");
    const course = await makeOpenCourse({ capacity: 1 });
    const sam = await makeStudentViewer("Sam Seated");
    expect((await enrollMyself(sam.viewer, { courseId: course.id })).ok).toBe(true);
    const [rita, tom] = [await makeStudent("Rita Waiting"), await makeStudent("Tom Waiting")];
    await db.waitlistEntry.create({ data: { studentId: rita.id, courseId: course.id, joinedAt: new Date("2026-09-01T08:00:00Z") } });
    await db.waitlistEntry.create({ data: { studentId: tom.id, courseId: course.id } });
    const seat = await db.enrollment.findFirstOrThrow({ where: { courseId: course.id } });
    const line = await db.waitlistEntry.findMany({ where: { courseId: course.id }, orderBy: { id: "asc" } });
    return { admin, course, sam: sam.student, rita, tom, seat, line };
  }
  const lineOf = async (courseId: string) =>
    (await db.waitlistEntry.findMany({ where: { courseId }, orderBy: { id: "asc" } })).map((w) => [w.id, w.studentId, w.joinedAt.toISOString()]);

  it("reverses a waitlist promotion: the removed student back as they were, the promoted one back first in line", async () => {
    const { admin, course, sam, rita, tom, seat, line } = await fullClassWithALine();
    const untick = await setEnrollment(admin, { studentId: sam.id, courseId: course.id, enrolled: false, confirmed: true });
    expect(untick.ok && untick.value.promoted.map((p) => p.name)).toEqual(["Rita Waiting"]);
    expect(await enrolled(course.id)).toEqual([rita.id]);
    // Someone joins the line after the change: they stay behind Rita.
    const late = await makeStudent("Late Joiner");
    await db.waitlistEntry.create({ data: { studentId: late.id, courseId: course.id } });

    const last = await getLastChangeSet(admin);
    expect(await undoChangeSet(admin, last!.id)).toEqual({
      ok: true,
      value: { added: 1, removed: 1, backInLine: [`Rita Waiting (${course.code})`] },
    });
    const back = await db.enrollment.findFirstOrThrow({ where: { courseId: course.id } });
    expect([back.studentId, back.source, back.enrolledAt.getTime()]).toEqual([sam.id, "SELF", seat.enrolledAt.getTime()]);
    const now = await lineOf(course.id);
    expect(now.slice(0, 2)).toEqual(line.map((w) => [w.id, w.studentId, w.joinedAt.toISOString()]));
    expect(now.map((w) => w[1])).toEqual([rita.id, tom.id, late.id]);
    expect((await db.course.findUniqueOrThrow({ where: { id: course.id } })).enrolledCount).toBe(1);
    // The history says so.
    const undoEvents = await db.enrollmentEvent.findMany({ where: { changeSet: { kind: "UNDO" }, courseId: course.id }, orderBy: { id: "asc" } });
    expect(undoEvents.map((e) => [e.type, e.studentName, e.reason])).toEqual([
      ["DROPPED", "Rita Waiting", "undone"],
      ["ENROLLED", "Sam Seated", "restored by undo"],
      ["WAITLISTED", "Rita Waiting", "back in line by undo"],
    ]);
    const timeline = (await listHistory(admin, { courseId: course.id }, 1)).rows.flatMap((r) => (r.type === "enrollment" ? [r] : [])).slice(0, 5);
    expect(timeline.map((r) => [r.what, r.studentName, r.reason])).toEqual([
      ["Back on the waitlist by undo", "Rita Waiting", null],
      ["Restored by undo", "Sam Seated", null],
      ["Removed by undo", "Rita Waiting", null],
      ["Promoted from the waitlist", "Rita Waiting", "promoted from the waitlist"],
      ["Removed", "Sam Seated", null],
    ]);
  });

  it("reverses a Save that seated students from the waitlist, and an admin's enrolling of a waiting student", async () => {
    const { admin, course, sam, rita, tom, line } = await fullClassWithALine();
    expect((await saveChecklist(admin, { courseId: course.id }, [sam.id], [])).ok).toBe(true);
    expect(await enrolled(course.id)).toEqual([rita.id]);
    expect((await undoChangeSet(admin, (await getLastChangeSet(admin))!.id)).ok).toBe(true);
    expect(await enrolled(course.id)).toEqual([sam.id]);
    expect((await lineOf(course.id)).map((w) => w[0])).toEqual(line.map((w) => w.id));

    // Tom, second in line, enrolled by an admin past the capacity: undone, he is second again.
    expect((await setEnrollment(admin, { studentId: tom.id, courseId: course.id, enrolled: true, overCapacity: "approved" })).ok).toBe(true);
    expect((await lineOf(course.id)).map((w) => w[1])).toEqual([rita.id]);
    expect((await undoChangeSet(admin, (await getLastChangeSet(admin))!.id)).ok).toBe(true);
    expect((await lineOf(course.id)).map((w) => w[1])).toEqual([rita.id, tom.id]);
    expect(await enrolled(course.id)).toEqual([sam.id]);
  });

  it("is refused when the promoted student changed since", async () => {
    const { admin, course, sam, rita } = await fullClassWithALine();
    await setEnrollment(admin, { studentId: sam.id, courseId: course.id, enrolled: false, confirmed: true });
    const mine = await getLastChangeSet(admin);
    const other = await makeUser("ADMIN");
    await setEnrollment(other, { studentId: rita.id, courseId: course.id, enrolled: false, confirmed: true });
    const refused = await undoChangeSet(admin, mine!.id);
    expect(!refused.ok && refused.message).toMatch(/Rita Waiting in .+ changed since/);
  });
});
