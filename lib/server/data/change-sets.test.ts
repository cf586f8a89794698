import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { getLastChangeSet, undoChangeSet } from "@/lib/server/data/change-sets";
import { previewChecklist, saveChecklist, setEnrollment } from "@/lib/server/data/enrollments";
import { createImport, applyImport, runCheck } from "@/lib/server/data/imports";
import { enrollMyself } from "@/lib/server/data/self-service";
import { makeCourse, makeOpenCourse, makeStudent, makeStudentViewer, makeUser } from "@/test/factories";

const enrolled = async (courseId: string) =>
  (await db.enrollment.findMany({ where: { courseId }, orderBy: { studentId: "asc" } })).map((e) => e.studentId);

describe("the impact of a Save, before it is made", () => {
  it("counts what would be added and removed and names classes that would go over capacity, writing nothing", async () => {
    const admin = await makeUser("ADMIN");
    const course = await makeCourse(2);
    const [a, b, c, d] = [await makeStudent(), await makeStudent(), await makeStudent(), await makeStudent()];
    await setEnrollment(admin, { studentId: d.id, courseId: course.id, enrolled: true });
    const shown = [a.id, b.id, c.id, d.id];
    expect(await previewChecklist(admin, { courseId: course.id }, shown, [a.id, b.id, c.id])).toEqual({
      added: 3,
      removed: 1,
      overCapacity: [{ code: course.code, capacity: 2, after: 3 }],
      promoted: [],
    });
    expect(await previewChecklist(admin, { courseId: course.id }, shown, [a.id])).toEqual({ added: 1, removed: 1, overCapacity: [], promoted: [] });
    expect(await enrolled(course.id)).toEqual([d.id]);
    // From a student's page: each ticked full class is named.
    const full = await makeCourse(1);
    await setEnrollment(admin, { studentId: a.id, courseId: full.id, enrolled: true });
    expect(await previewChecklist(admin, { studentId: b.id }, [full.id, course.id], [full.id])).toEqual({
      added: 1,
      removed: 0,
      overCapacity: [{ code: full.code, capacity: 1, after: 2 }],
      promoted: [],
    });
    // A removal from a full class with a waitlist names who would get the seat.
    const waiting = await makeStudent("Wendy Waiting");
    await db.waitlistEntry.create({ data: { studentId: waiting.id, courseId: full.id } });
    expect(await previewChecklist(admin, { courseId: full.id }, [a.id], [])).toEqual({
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
    expect(saved).toEqual({ ok: true, value: { added: 2, removed: 1 } });
    const last = await getLastChangeSet(admin);
    expect(last).toMatchObject({ kind: "SAVE", summary: "+2 −1", label: "Save", classes: [course.code] });

    expect(await undoChangeSet(admin, last!.id)).toEqual({ ok: true, value: { added: 1, removed: 2 } });
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
    expect(await undoChangeSet(admin, last!.id)).toEqual({ ok: true, value: { added: 0, removed: 2 } });
    expect(await enrolled(course.id)).toEqual([]);
  });
});
