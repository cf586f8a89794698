import { describe, expect, it } from "vitest";
import { db, readRows } from "@/lib/server/db";
import { batch, statement, transact, transaction } from "@/lib/server/data/sql";
import { BadRequestError, withRequest } from "@/lib/request-context.mjs";
import { CourseSchema } from "@/lib/schemas/courses";
import { StudentSchema } from "@/lib/schemas/people";
import { TermSchema } from "@/lib/schemas/terms";
import { IdSchema } from "@/lib/schemas/enrollments";
import { makeCourse, nameColumns } from "@/test/factories";

/**
 * NUL (U+0000) never reaches either database, whichever path a value takes
 * (db.ts, refuseNul): the request is refused (a 400 in the server, a
 * warning in its log) and nothing is written. Before that, the shared
 * schemas refuse control characters in what people type with a message.
 */
const nul = `Ada\u0000Lovelace-${Date.now()}`;
const students = () => db.student.count({ where: { email: { startsWith: "nul-" } } });

describe("a NUL on its way to the database", () => {
  it("is refused through Prisma's queries, its transactions and the raw reads and batches, with nothing written", async () => {
    const before = await students();
    await expect(db.student.create({ data: { ...nameColumns(nul), email: `nul-1-${Date.now()}@x.test` } })).rejects.toThrow(/NUL/);
    await expect(db.student.findMany({ where: { name: nul } })).rejects.toThrow(/NUL/);
    await expect(
      transaction(async (tx) => {
        await tx.student.create({ data: { ...nameColumns("Fine"), email: `nul-2-${Date.now()}@x.test` } });
        await tx.student.create({ data: { ...nameColumns(nul), email: `nul-3-${Date.now()}@x.test` } });
      }),
    ).rejects.toThrow(/NUL/);
    await expect(readRows(db, `SELECT "id" FROM "Student" WHERE "name" = $1`, [nul])).rejects.toThrow(BadRequestError);
    const course = await makeCourse(5);
    await expect(
      transact(function* () {
        return yield* batch([statement.run(`UPDATE "Course" SET "title" = $2 WHERE "id" = $1`, course.id, nul)], { commit: true });
      }),
    ).rejects.toThrow(/NUL/);
    expect(await students()).toBe(before);
    expect((await db.course.findUniqueOrThrow({ where: { id: course.id } })).title).not.toContain("\u0000");
  });

  it("marks the request it came with as refused (the server answers 400, logged as a warning)", async () => {
    const context: { id: string; action: boolean; refused?: string } = { id: "r", action: false };
    await withRequest(context, () => expect(db.student.findFirst({ where: { email: nul } })).rejects.toThrow());
    expect(context.refused).toMatch(/NUL/);
  });
});

describe("control characters in what people type", () => {
  it("are refused by the shared schemas with a message naming the field", () => {
    for (const bad of ["Ada\u0000", "Ada\u0007Lovelace", "Ada\nLovelace", "Ada\u007F"]) {
      const student = StudentSchema.safeParse({ givenName: bad, familyName: "", email: "ada@x.test", studentNumber: "" });
      expect(student.success, JSON.stringify(bad)).toBe(false);
      expect(student.error!.issues[0]).toMatchObject({ path: ["givenName"], message: expect.stringMatching(/^The given name has a character that can't be shown/) });
      const family = StudentSchema.safeParse({ givenName: "Ada", familyName: bad, email: "ada@x.test", studentNumber: "" });
      expect(family.error!.issues[0]).toMatchObject({ path: ["familyName"], message: expect.stringMatching(/^The family name has a character that can't be shown/) });
      expect(TermSchema.safeParse({ name: bad, startsOn: "2026-09-01", endsOn: "2026-12-01" }).success).toBe(false);
    }
    const course = { code: "C-1", title: "Fine", capacity: "", teacherId: "", termId: "" };
    expect(CourseSchema.safeParse({ ...course, description: "Two\nlines\tand a tab" }).success).toBe(true);
    expect(CourseSchema.safeParse({ ...course, description: "A bell\u0007" }).success).toBe(false);
    expect(CourseSchema.safeParse({ ...course, title: "A\u0000", description: "" }).success).toBe(false);
    expect(CourseSchema.safeParse({ ...course, description: "", meetings: "Mon 09:00-10:00 Room\u0000 1" }).success).toBe(false);
    expect(CourseSchema.safeParse({ ...course, description: "", teacherId: "t\u0000" }).success).toBe(false);
    expect(IdSchema.safeParse("demo-class-1").success).toBe(true);
    for (const id of ["a\u0000", "a b", "x".repeat(65), ""]) expect(IdSchema.safeParse(id).success, JSON.stringify(id)).toBe(false);
  });
});
