import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { enrollMyself, dropMyself } from "@/lib/server/data/enrollment/self-service";
import { liftHold, listHolds, myHolds, placeHold } from "@/lib/server/data/people/holds";
import { listHistory } from "@/lib/server/data/records/history";
import { HoldSchema, LiftSchema } from "@/lib/schemas/holds";
import { makeOpenCourse, makeStudent, makeStudentViewer, makeUser } from "@/test/factories";

/**
 * Holds (decision 039): placed and lifted by an admin, each in the student's
 * history; what they stop is the rules table's (rules.test.ts).
 */
describe("holds", () => {
  it("placed: the student can't add a class but can drop one, and sees the hold; lifted: they can add again; both in their history", async () => {
    const admin = await makeUser("ADMIN");
    const { viewer, student } = await makeStudentViewer();
    const [a, b] = [await makeOpenCourse(), await makeOpenCourse()];
    expect((await enrollMyself(viewer, { courseId: a.id })).ok).toBe(true);

    const placed = await placeHold(admin, student.id, { reason: "Unpaid fees", office: "the bursar's office" });
    expect(placed.ok).toBe(true);
    expect(await myHolds(viewer)).toMatchObject([{ reason: "Unpaid fees", office: "the bursar's office" }]);
    expect(await enrollMyself(viewer, { courseId: b.id })).toMatchObject({ ok: false, code: "rule" });
    expect((await dropMyself(viewer, a.id)).ok).toBe(true);

    const id = placed.ok ? placed.value.id : "";
    expect(await liftHold(admin, id, { note: "Paid in full" })).toEqual({ ok: true, value: { promoted: 0 } });
    expect(await liftHold(admin, id, { note: "" })).toEqual({ ok: false, message: "That hold was lifted already." });
    expect(await myHolds(viewer)).toEqual([]);
    expect((await enrollMyself(viewer, { courseId: b.id })).ok).toBe(true);

    const holds = await listHolds(admin, student.id);
    expect(holds.active).toEqual([]);
    expect(holds.lifted).toMatchObject([{ reason: "Unpaid fees", office: "the bursar's office", placedBy: admin.name, liftedBy: admin.name, liftNote: "Paid in full" }]);

    const history = await listHistory(admin, { studentId: student.id }, 1);
    const records = history.rows.filter((r) => r.type === "record");
    expect(records.map((r) => r.type === "record" && r.what)).toEqual(["Student hold lifted", "Student hold placed"]);
    expect(records[0]).toMatchObject({ note: "Paid in full", changes: [{ field: "hold", before: "the bursar's office: Unpaid fees", after: null }] });
    expect(records[1]).toMatchObject({ changes: [{ field: "hold", before: null, after: "the bursar's office: Unpaid fees" }] });
  });

  it("a student held by two holds stays held until both are lifted", async () => {
    const admin = await makeUser("ADMIN");
    const { viewer, student } = await makeStudentViewer();
    const course = await makeOpenCourse();
    const first = await placeHold(admin, student.id, { reason: "Unpaid fees", office: "the bursar's office" });
    await placeHold(admin, student.id, { reason: "Missing immunization record", office: "the health centre" });
    expect((await myHolds(viewer)).map((h) => h.reason)).toEqual(["Unpaid fees", "Missing immunization record"]);
    await liftHold(admin, first.ok ? first.value.id : "", { note: "" });
    expect(await enrollMyself(viewer, { courseId: course.id })).toMatchObject({
      ok: false,
      message: "A hold stops you adding classes: Missing immunization record. See the health centre to have it lifted.",
    });
  });

  it("refused, changing nothing: a student gone, a hold gone", async () => {
    const admin = await makeUser("ADMIN");
    const student = await makeStudent();
    await db.student.delete({ where: { id: student.id } });
    expect(await placeHold(admin, student.id, { reason: "Unpaid fees", office: "the bursar's office" })).toEqual({ ok: false, message: "That student no longer exists." });
    expect(await liftHold(admin, "no-such-hold", { note: "" })).toEqual({ ok: false, message: "That hold no longer exists." });
    expect(await db.hold.count({ where: { studentId: student.id } })).toBe(0);
  });

  it("the form's fields: both required, one line each, with words that say what to type", () => {
    expect(HoldSchema.safeParse({ reason: " ", office: "x" }).error?.issues[0]?.message).toBe("Say why: the student reads it, e.g. “Unpaid fees”.");
    expect(HoldSchema.safeParse({ reason: "x", office: "" }).error?.issues[0]?.message).toContain("Say who can lift it");
    expect(HoldSchema.safeParse({ reason: "fees\u0000", office: "x" }).success).toBe(false);
    expect(HoldSchema.safeParse({ reason: "x".repeat(201), office: "x" }).success).toBe(false);
    expect(LiftSchema.parse({})).toEqual({ note: "" });
  });
});
