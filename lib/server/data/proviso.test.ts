import { describe, expect, it } from "vitest";
import { db, isPostgres, sqlCounter } from "@/lib/server/db";
import { getViewerBySession, lastSeenViewer, startSession } from "@/lib/server/data/access/sessions";
import { enrollMyself } from "@/lib/server/data/enrollment/self-service";
import { confirmed, ProvisoFailed, underProviso, type Proviso } from "@/lib/server/data/proviso";
import { batch, get, later, statement, transact, transaction } from "@/lib/server/data/sql";
import { makeCourse, makeOpenCourse, makeStudentViewer } from "@/test/factories";

/**
 * Provisos (proviso.ts, decision 032): work decided on something read
 * earlier (a browser's write, on the viewer its session was last read as)
 * stands only if the database still says so. The first write transaction
 * asks with its first request and rolls back when it no longer holds,
 * before anything commits, whatever shape the body has.
 */
const count = (id: string) => db.course.findUniqueOrThrow({ where: { id }, select: { enrolledCount: true } }).then((c) => c.enrolledCount);
const bump = (id: string) => statement.run(`UPDATE "Course" SET "enrolledCount" = "enrolledCount" + 1 WHERE "id" = $1`, id);

/** A proviso that the class's count is `n`. */
function countIs(courseId: string, n: number): Proviso {
  return { sql: `SELECT 1 AS "is" FROM "Course" WHERE "id" = $1 AND "enrolledCount" = $2`, params: [courseId, n], state: "pending" };
}

describe("provisos", () => {
  it("one that holds: the transaction commits, and the proviso is settled by it", async () => {
    const course = await makeCourse(10);
    const proviso = countIs(course.id, 0);
    await underProviso(proviso, () =>
      transact(function* () {
        yield* get(`SELECT 1 AS "one"`);
        yield* batch([bump(course.id)], { commit: true });
      }),
    );
    expect(proviso.state).toBe("held");
    expect(await count(course.id)).toBe(1);
  });

  it("one that no longer holds: nothing kept, whatever the body's shape", async () => {
    const course = await makeCourse(10);
    const bodies = {
      "a read, then writes with the COMMIT": function* () {
        yield* get(`SELECT 1 AS "one"`);
        yield* batch([bump(course.id)], { commit: true });
      },
      "writes with the COMMIT in its first request": function* () {
        yield* batch([bump(course.id)], { commit: true });
      },
      "writes that wait to go with the COMMIT": function* () {
        yield* later(`UPDATE "Course" SET "enrolledCount" = "enrolledCount" + 1 WHERE "id" = $1`, course.id);
      },
    };
    for (const [shape, body] of Object.entries(bodies)) {
      const proviso = countIs(course.id, 7);
      const work = underProviso(proviso, () => transact(body));
      await expect(work, shape).rejects.toBeInstanceOf(ProvisoFailed);
      expect(proviso.state, shape).toBe("failed");
      expect(await count(course.id), shape).toBe(0);
    }
  });

  it("work that ran no write transaction is confirmed on its own; a Prisma transaction confirms it first", async () => {
    const course = await makeCourse(10);
    const holding = countIs(course.id, 0);
    expect(await confirmed(holding)).toBe(true);
    const failing = countIs(course.id, 3);
    await expect(underProviso(failing, () => transaction((tx) => tx.course.update({ where: { id: course.id }, data: { enrolledCount: 5 } })))).rejects.toBeInstanceOf(
      ProvisoFailed,
    );
    expect(await count(course.id)).toBe(0);
    expect(await confirmed(failing)).toBe(false);
  });

  it("a student's tick decided on how their session was last seen: confirmed with its first request (PostgreSQL: no round trip more)", async () => {
    const { viewer, student } = await makeStudentViewer();
    const sessionId = await startSession(viewer.userId);
    await getViewerBySession(sessionId);
    const course = await makeOpenCourse({ capacity: 5 });
    const seen = lastSeenViewer(sessionId)!;
    expect(seen.viewer).toMatchObject({ userId: viewer.userId, studentId: student.id, sessionId });
    // Work refused before any write (an admin's endpoint, say) is confirmed on its own.
    expect(await confirmed(lastSeenViewer(sessionId)!.proviso)).toBe(true);
    const before = sqlCounter.roundTrips;
    const result = await underProviso(seen.proviso, () => enrollMyself(seen.viewer, { courseId: course.id }));
    expect(result.ok).toBe(true);
    expect(seen.proviso.state).toBe("held");
    if (isPostgres()) expect(sqlCounter.roundTrips - before).toBe(2);
  });

  it("...and refused, nothing kept, once the session ended or the user changed", async () => {
    const { viewer } = await makeStudentViewer();
    const course = await makeOpenCourse({ capacity: 5 });
    const changes = {
      "the session ended": (sessionId: string) => db.session.delete({ where: { id: sessionId } }),
      "the user's name changed": () => db.user.update({ where: { id: viewer.userId }, data: { name: `Renamed ${Date.now()}` } }),
      "the user became a teacher": () => db.user.update({ where: { id: viewer.userId }, data: { role: "TEACHER" } }),
    };
    for (const [change, make] of Object.entries(changes)) {
      const sessionId = await startSession(viewer.userId);
      await getViewerBySession(sessionId);
      const seen = lastSeenViewer(sessionId)!;
      await make(sessionId);
      expect(await confirmed(lastSeenViewer(sessionId)!.proviso), change).toBe(false);
      await expect(underProviso(seen.proviso, () => enrollMyself(seen.viewer, { courseId: course.id })), change).rejects.toBeInstanceOf(ProvisoFailed);
      expect(await db.enrollment.count({ where: { courseId: course.id } }), change).toBe(0);
      expect(await db.enrollmentEvent.count({ where: { courseId: course.id } }), change).toBe(0);
    }
  });
});
