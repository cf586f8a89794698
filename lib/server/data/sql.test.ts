import { describe, expect, it } from "vitest";
import { db, isPostgres } from "@/lib/server/db";
import { batch, get, refuse, Retry, statement, transact, Unmet } from "@/lib/server/data/sql";
import { refusable } from "@/lib/server/data/result";
import { makeCourse } from "@/test/factories";

/**
 * The write transactions' runner (sql.ts, decision 031) on either database:
 * a batch marked `commit` is the body's last (on PostgreSQL its COMMIT goes
 * with it); a `must` statement that answers no row stops the batch, and the
 * body gets `Unmet` with nothing of the batch kept; a body that throws
 * `Retry` runs again from its reads.
 */
const count = (id: string) => db.course.findUniqueOrThrow({ where: { id }, select: { enrolledCount: true } }).then((c) => c.enrolledCount);
const bump = (id: string) => statement.run(`UPDATE "Course" SET "enrolledCount" = "enrolledCount" + 1 WHERE "id" = $1`, id);
const bumpIfUnder = (id: string, limit: number) =>
  statement.must(`UPDATE "Course" SET "enrolledCount" = "enrolledCount" + 1 WHERE "id" = $1 AND "enrolledCount" < $2 RETURNING "enrolledCount"`, id, limit);

describe("write transactions (transact)", () => {
  it("commit with the last batch: every statement kept, answers read back", async () => {
    const course = await makeCourse(10);
    const answers = await transact(function* () {
      return yield* batch([bump(course.id), bumpIfUnder(course.id, 5)], { commit: true });
    });
    expect(answers[1]).toMatchObject({ enrolledCount: 2 });
    expect(await count(course.id)).toBe(2);
  });

  it("an unmet statement in the last batch: the body gets Unmet, reads why, refuses, and nothing is kept", async () => {
    const course = await makeCourse(10);
    await transact(function* () {
      yield* batch([bump(course.id), bump(course.id)], { commit: true });
    });
    const result = await refusable(() =>
      transact(function* () {
        try {
          // The first bump would make it 3; the second must stay under 3 and can't.
          yield* batch([bump(course.id), bumpIfUnder(course.id, 3), bump(course.id)], { commit: true });
        } catch (error) {
          if (!(error instanceof Unmet)) throw error;
          expect(error.index).toBe(1);
          const now = yield* get<{ enrolledCount: unknown }>(`SELECT "enrolledCount" FROM "Course" WHERE "id" = $1`, course.id);
          refuse(`stopped at ${error.index} with ${Number(now!.enrolledCount)}`);
        }
        return "kept";
      }),
    );
    // Read after the rollback (PostgreSQL) or inside the transaction before it (SQLite): the first bump is seen only there.
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/^stopped at 1 with [23]$/);
    expect(await count(course.id)).toBe(2);
  });

  it("an unmet statement in a batch that isn't the last: the same Unmet, the transaction still open to read in", async () => {
    const course = await makeCourse(10);
    const result = await refusable(() =>
      transact(function* () {
        try {
          yield* batch([bump(course.id), bumpIfUnder(course.id, 1)]);
        } catch (error) {
          if (!(error instanceof Unmet)) throw error;
          const now = yield* get<{ enrolledCount: unknown }>(`SELECT "enrolledCount" FROM "Course" WHERE "id" = $1`, course.id);
          refuse(`stopped at ${error.index} with ${Number(now!.enrolledCount)}`);
        }
      }),
    );
    expect(result).toMatchObject({ ok: false, message: "stopped at 1 with 1" });
    expect(await count(course.id)).toBe(0);
  });

  it("a body that throws Retry runs again, from its reads; nothing of the first run is kept", async () => {
    const course = await makeCourse(10);
    let runs = 0;
    const seen = await transact(function* () {
      runs++;
      const row = yield* get<{ enrolledCount: unknown }>(`SELECT "enrolledCount" FROM "Course" WHERE "id" = $1`, course.id);
      yield* batch([bump(course.id)]);
      if (runs === 1) throw new Retry();
      return Number(row!.enrolledCount);
    });
    expect(runs).toBe(2);
    expect(seen).toBe(0);
    expect(await count(course.id)).toBe(1);
  });

  it("nothing may follow the batch that took the COMMIT", async () => {
    const course = await makeCourse(10);
    const attempt = transact(function* () {
      yield* batch([bump(course.id)], { commit: true });
      yield* batch([bump(course.id)]);
    });
    await expect(attempt).rejects.toThrow(/Nothing can follow/);
    expect(await count(course.id)).toBe(isPostgres() ? 1 : 0);
  });
});
