import { describe, expect, it } from "vitest";
import { ForbiddenError } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { endSession, endUserSessions, getLoginSessions, getViewerBySession, startSession } from "@/lib/server/data/access/sessions";
import { deleteStudent } from "@/lib/server/data/people/students";
import { makeStudentViewer, makeUser } from "@/test/factories";

describe("sessions kept on the server (decision 014)", () => {
  it("a session signs its user in until it is ended or expires", async () => {
    const user = await makeUser("TEACHER");
    const id = await startSession(user.userId);
    expect(await getViewerBySession(id)).toMatchObject({ userId: user.userId, role: "TEACHER", sessionId: id });
    // Expired: 8 hours on.
    expect(await getViewerBySession(id, new Date(Date.now() + 8 * 3_600_000 + 1000))).toBeNull();
    await endSession(id);
    expect(await getViewerBySession(id)).toBeNull();
    await endSession(id); // again: no error
    expect(await getViewerBySession("no-such-session")).toBeNull();
  });

  it("signing out in one browser leaves the user's other sessions signed in", async () => {
    const user = await makeUser("STUDENT");
    const [phone, laptop] = [await startSession(user.userId), await startSession(user.userId)];
    await endSession(phone);
    expect(await getViewerBySession(phone)).toBeNull();
    expect(await getViewerBySession(laptop)).not.toBeNull();
  });

  it("a changed role counts at once; a deleted user's sessions end with them", async () => {
    const { student, viewer } = await makeStudentViewer();
    const admin = await makeUser("ADMIN");
    const id = await startSession(viewer.userId);
    await db.user.update({ where: { id: viewer.userId }, data: { role: "TEACHER" } });
    expect((await getViewerBySession(id))?.role).toBe("TEACHER");
    expect((await deleteStudent(admin, student.id)).ok).toBe(true);
    expect(await getViewerBySession(id)).toBeNull();
    expect(await db.session.count({ where: { id } })).toBe(0);
  });

  it("an admin signs a user out everywhere; no one else may", async () => {
    const admin = await makeUser("ADMIN");
    const { student, viewer } = await makeStudentViewer();
    const other = await makeUser("STUDENT");
    const mine = [await startSession(viewer.userId), await startSession(viewer.userId)];
    const theirs = await startSession(other.userId);
    expect(await getLoginSessions(admin, { studentId: student.id })).toMatchObject({ userId: viewer.userId, active: 2 });
    await expect(endUserSessions(other, viewer.userId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getLoginSessions(other, { studentId: student.id })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await endUserSessions(admin, viewer.userId)).toBe(2);
    for (const id of mine) expect(await getViewerBySession(id)).toBeNull();
    expect(await getViewerBySession(theirs)).not.toBeNull();
    expect(await getLoginSessions(admin, { studentId: student.id })).toMatchObject({ active: 0 });
  });

  it("expired sessions are deleted as new ones start: the table holds live ones only", async () => {
    const user = await makeUser("STUDENT");
    const old = await startSession(user.userId, new Date(Date.now() - 9 * 3_600_000));
    expect(await db.session.count({ where: { id: old } })).toBe(1);
    await startSession(user.userId);
    expect(await db.session.count({ where: { id: old } })).toBe(0);
  });
});
