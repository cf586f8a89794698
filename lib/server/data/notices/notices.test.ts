import { describe, expect, it } from "vitest";
import { ForbiddenError } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { courseData, deleteCourse } from "@/lib/server/data/catalog/courses";
import { updateCourse } from "@/lib/server/data/catalog/course-changes";
import { removeFromWaitlist } from "@/lib/server/data/enrollment/admin";
import { setEnrollment } from "@/lib/server/data/enrollment/admin";
import { getLastChangeSet, undoChangeSet } from "@/lib/server/data/records/change-sets";
import { applyImport, createImport, runCheck } from "@/lib/server/data/records/imports/jobs";
import { dropMyself, enrollMyself, joinMyWaitlist } from "@/lib/server/data/enrollment/self-service";
import { emailBody, publicUrl } from "@/lib/server/data/notices/tell";
import { getInbox, markNoticesRead, setEmailNotices, unreadCount } from "@/lib/server/data/notices/inbox";
import { listOutbox, retryEmail } from "@/lib/server/data/notices/outbox-list";
import { sendDueReminders } from "@/lib/server/data/notices/reminders";
import { courseInput, makeCourse, makeOpenCourse, makeStudent, makeStudentViewer, makeUser, nameColumns } from "@/test/factories";

const noticesOf = (studentId: string) =>
  db.notice.findMany({ where: { studentId }, orderBy: { id: "asc" }, select: { kind: true, text: true, courseId: true } });
const emailsTo = (address: string) =>
  db.outboxEmail.findMany({ where: { toAddress: address }, orderBy: { id: "asc" }, select: { subject: true, body: true, state: true, toName: true } });

describe("what students are told", () => {
  it("an admin's enrollment and removal reach the student's inbox and, by default, their email", async () => {
    const admin = await makeUser("ADMIN");
    const student = await makeStudent("Nia Notified");
    const course = await makeCourse(10);
    const title = `Test ${course.code}`;

    expect(await setEnrollment(admin, { studentId: student.id, courseId: course.id, enrolled: true })).toMatchObject({ ok: true });
    expect(await setEnrollment(admin, { studentId: student.id, courseId: course.id, enrolled: false })).toMatchObject({ ok: true });

    expect(await noticesOf(student.id)).toEqual([
      { kind: "ADDED", courseId: course.id, text: `${admin.name} enrolled you in ${course.code} ${title}.` },
      { kind: "REMOVED", courseId: course.id, text: `${admin.name} removed you from ${course.code} ${title}.` },
    ]);
    const emails = await emailsTo(student.email);
    expect(emails.map((e) => [e.subject, e.state, e.toName])).toEqual([
      [`You're enrolled in ${course.code}`, "WAITING", "Nia Notified"],
      [`You're no longer in ${course.code}`, "WAITING", "Nia Notified"],
    ]);
    expect(emails[0]!.body).toBe(emailBody("Nia Notified", `${admin.name} enrolled you in ${course.code} ${title}.`));
    expect(emails[0]!.body).toContain(`${publicUrl()}/student/inbox`);
  });

  it("a student's own changes tell nobody; the one seated from the waitlist by their drop is told", async () => {
    const leaver = await makeStudentViewer();
    const waiter = await makeStudentViewer();
    const course = await makeOpenCourse({ capacity: 1 });
    expect(await enrollMyself(leaver.viewer, { courseId: course.id })).toMatchObject({ ok: true });
    expect(await joinMyWaitlist(waiter.viewer, { courseId: course.id })).toMatchObject({ ok: true });

    expect(await dropMyself(leaver.viewer, course.id)).toMatchObject({ ok: true, value: { promoted: [{ studentId: waiter.student.id }] } });

    expect(await noticesOf(leaver.student.id)).toEqual([]);
    expect((await noticesOf(waiter.student.id)).map((n) => [n.kind, n.text])).toEqual([
      ["PROMOTED", `A place came free in ${course.code} A class and you were first on its waitlist: you're enrolled.`],
    ]);
  });

  it("a student who chose the inbox only gets the notice and no email", async () => {
    const admin = await makeUser("ADMIN");
    const { student, viewer } = await makeStudentViewer();
    expect(await setEmailNotices(viewer, false)).toEqual({ ok: true, value: { emailNotices: false } });
    const course = await makeCourse();

    await setEnrollment(admin, { studentId: student.id, courseId: course.id, enrolled: true });

    expect(await noticesOf(student.id)).toHaveLength(1);
    expect(await emailsTo(student.email)).toEqual([]);
    expect(await getInbox(viewer, { page: 1 })).toMatchObject({ emailNotices: false, unread: 1, total: 1 });

    // The same for notices written in bulk (a cancellation): told here, not emailed.
    expect(await deleteCourse(admin, course.id)).toMatchObject({ ok: true });
    expect((await noticesOf(student.id)).map((n) => n.kind)).toEqual(["ADDED", "CANCELLED"]);
    expect(await emailsTo(student.email)).toEqual([]);
  });

  it("a refused change tells nothing (the notice rolls back with it)", async () => {
    const admin = await makeUser("ADMIN");
    const student = await makeStudent();
    const course = await makeCourse(0);

    expect(await setEnrollment(admin, { studentId: student.id, courseId: course.id, enrolled: true })).toMatchObject({ ok: false });

    expect(await noticesOf(student.id)).toEqual([]);
    expect(await emailsTo(student.email)).toEqual([]);
  });

  it("a cancelled class tells its students and its waitlist; new times tell them too, other edits don't", async () => {
    const admin = await makeUser("ADMIN");
    const inClass = await makeStudentViewer();
    const waiting = await makeStudentViewer();
    const input = courseInput({ selfEnrollment: true, capacity: 1, meetings: [{ day: 1, start: 540, end: 600, room: "Room 1" }] });
    const course = await db.course.create({ data: courseData(input), select: { id: true, code: true } });
    expect(await enrollMyself(inClass.viewer, { courseId: course.id })).toMatchObject({ ok: true });
    expect(await joinMyWaitlist(waiting.viewer, { courseId: course.id })).toMatchObject({ ok: true });

    // A new title, the same times: nothing to tell.
    expect(await updateCourse(admin, course.id, { ...input, title: "Renamed" })).toMatchObject({ ok: true });
    expect(await noticesOf(inClass.student.id)).toEqual([]);

    expect(await updateCourse(admin, course.id, { ...input, title: "Renamed", meetings: [{ day: 2, start: 600, end: 660, room: "Lab" }] })).toMatchObject({ ok: true });
    const moved = `${input.code} Renamed now meets Tue 10:00–11:00, Lab (it met Mon 09:00–10:00, Room 1).`;
    expect((await noticesOf(inClass.student.id)).map((n) => [n.kind, n.text])).toEqual([["RESCHEDULED", moved]]);
    expect((await noticesOf(waiting.student.id)).map((n) => [n.kind, n.text])).toEqual([["RESCHEDULED", moved]]);

    expect(await deleteCourse(admin, course.id)).toMatchObject({ ok: true });
    expect((await noticesOf(inClass.student.id)).at(-1)).toEqual({
      kind: "CANCELLED",
      courseId: course.id,
      text: `${input.code} Renamed has been cancelled: you're no longer enrolled in it.`,
    });
    expect((await noticesOf(waiting.student.id)).at(-1)?.text).toBe(`${input.code} Renamed has been cancelled: you're no longer on its waitlist.`);
    // The notices outlive the class.
    expect(await getInbox(inClass.viewer, { page: 1 })).toMatchObject({ total: 2, unread: 2 });
  });

  it("an admin taking a student off a waitlist tells them; so does an undo", async () => {
    const admin = await makeUser("ADMIN");
    const holder = await makeStudentViewer();
    const waiting = await makeStudentViewer();
    const course = await makeOpenCourse({ capacity: 1 });
    await enrollMyself(holder.viewer, { courseId: course.id });
    await joinMyWaitlist(waiting.viewer, { courseId: course.id });

    expect(await removeFromWaitlist(admin, { studentId: waiting.student.id, courseId: course.id })).toMatchObject({ ok: true });
    expect((await noticesOf(waiting.student.id)).map((n) => n.text)).toEqual([`${admin.name} took you off the waitlist for ${course.code} A class.`]);

    const removed = await setEnrollment(admin, { studentId: holder.student.id, courseId: course.id, enrolled: false });
    expect(removed.ok).toBe(true);
    const undone = await undoChangeSet(admin, removed.ok ? removed.value.changeSetId! : 0);
    expect(undone).toMatchObject({ ok: true, value: { added: 1 } });
    expect((await noticesOf(holder.student.id)).map((n) => n.kind)).toEqual(["REMOVED", "ADDED"]);
  });

  it("an import tells nobody, and nor does its undo", async () => {
    const admin = await makeUser("ADMIN");
    const student = await makeStudent();
    const course = await makeCourse();
    const created = await createImport(
      admin,
      { enrollments: `sourcedId,classSourcedId,userSourcedId,role\ne-${student.id},${course.id},${student.id},student\n` },
      { sync: false },
    );
    if (!created.ok) throw new Error(created.message);
    await runCheck(admin, created.value.id);
    expect(await applyImport(admin, created.value.id)).toEqual({ ok: true, value: null });
    const last = await getLastChangeSet(admin);
    expect(last?.kind).toBe("IMPORT");
    expect(await undoChangeSet(admin, last!.id)).toMatchObject({ ok: true, value: { removed: 1 } });
    expect(await noticesOf(student.id)).toEqual([]);
  });

  it("a class of more than a thousand, cancelled, tells every one (in batches the database takes)", async () => {
    const admin = await makeUser("ADMIN");
    const course = await makeCourse();
    const t = Date.now().toString(36);
    const n = 1200;
    await db.student.createMany({ data: Array.from({ length: n }, (_, i) => ({ id: `many-${t}-${i}`, ...nameColumns(`Many ${i}`), email: `many${i}.${t}@s.test` })) });
    await db.enrollment.createMany({ data: Array.from({ length: n }, (_, i) => ({ studentId: `many-${t}-${i}`, courseId: course.id, source: "ADMIN" as const })) });
    expect(await deleteCourse(admin, course.id)).toMatchObject({ ok: true, value: { removedEnrollments: n } });
    expect(await db.notice.count({ where: { studentId: { startsWith: `many-${t}-` }, kind: "CANCELLED" } })).toBe(n);
    expect(await db.outboxEmail.count({ where: { toAddress: { endsWith: `.${t}@s.test` } } })).toBe(n);
  });
});

describe("the inbox", () => {
  it("counts unread notices, pages newest first, and marks read only what the page showed", async () => {
    const admin = await makeUser("ADMIN");
    const { student, viewer } = await makeStudentViewer();
    const courses = [await makeCourse(), await makeCourse(), await makeCourse()];
    for (const c of courses) await setEnrollment(admin, { studentId: student.id, courseId: c.id, enrolled: true });

    expect(await unreadCount(viewer)).toBe(3);
    const inbox = await getInbox(viewer, { page: 1 });
    expect(inbox.rows.map((r) => r.courseId)).toEqual(courses.map((c) => c.id).reverse());
    expect(inbox.rows.every((r) => !r.read)).toBe(true);

    // One more arrives after the page was drawn: marking up to the page's newest leaves it unread.
    const late = await makeCourse();
    await setEnrollment(admin, { studentId: student.id, courseId: late.id, enrolled: true });
    expect(await markNoticesRead(viewer, inbox.rows[0]!.id)).toEqual({ ok: true, value: { marked: 3 } });
    expect(await unreadCount(viewer)).toBe(1);
    expect((await getInbox(viewer, { page: 1 })).rows.map((r) => r.read)).toEqual([false, true, true, true]);
  });

  it("is the student's own: another role can't read it or choose for it", async () => {
    const admin = await makeUser("ADMIN");
    const teacher = await makeUser("TEACHER");
    await expect(getInbox(admin, { page: 1 })).rejects.toThrow(ForbiddenError);
    await expect(unreadCount(teacher)).rejects.toThrow(ForbiddenError);
    await expect(markNoticesRead(null, 1)).rejects.toThrow();
    await expect(setEmailNotices(teacher, false)).rejects.toThrow(ForbiddenError);
    const { viewer } = await makeStudentViewer();
    await expect(listOutbox(viewer, { state: null, page: 1 })).rejects.toThrow(ForbiddenError);
    await expect(retryEmail(viewer, 1)).rejects.toThrow(ForbiddenError);
  });
});

describe("reminders", () => {
  it("a day before a class's window closes its waitlist is told, and before its drop deadline its students; once each", async () => {
    const now = new Date();
    const holder = await makeStudentViewer();
    const waiting = await makeStudentViewer();
    const soon = new Date(now.getTime() + 3 * 3600_000);
    const course = await makeOpenCourse({ capacity: 1, closesAt: soon, dropDeadline: new Date(now.getTime() + 20 * 3600_000) });
    const later = await makeOpenCourse({ closesAt: new Date(now.getTime() + 48 * 3600_000) });
    await enrollMyself(holder.viewer, { courseId: course.id }, now);
    await joinMyWaitlist(waiting.viewer, { courseId: course.id }, now);
    await enrollMyself(holder.viewer, { courseId: later.id }, now);

    expect(await sendDueReminders(now)).toBeGreaterThanOrEqual(2);
    expect(await sendDueReminders(now)).toBe(0);

    expect((await noticesOf(waiting.student.id)).map((n) => n.kind)).toEqual(["CLOSING"]);
    expect((await noticesOf(waiting.student.id))[0]!.text).toMatch(new RegExp(`^Enrollment in ${course.code} A class closes .+\\. You're on its waitlist and keep your place after that`));
    expect((await noticesOf(holder.student.id)).map((n) => n.text)).toEqual([expect.stringMatching(new RegExp(`^The last moment to drop ${course.code} A class yourself is `))]);

    // The deadline moved later: told again about the new one.
    await db.course.update({ where: { id: course.id }, data: { closesAt: new Date(now.getTime() + 5 * 3600_000) } });
    await sendDueReminders(now);
    expect(await noticesOf(waiting.student.id)).toHaveLength(2);
  });
});

describe("the outbox, for admins", () => {
  it("lists emails by state with counts, and sends a given-up one again", async () => {
    const admin = await makeUser("ADMIN");
    const student = await makeStudent();
    const course = await makeCourse();
    await setEnrollment(admin, { studentId: student.id, courseId: course.id, enrolled: true });
    const email = await db.outboxEmail.findFirstOrThrow({ where: { toAddress: student.email } });
    await db.outboxEmail.update({ where: { id: email.id }, data: { state: "FAILED", attempts: 8, lastError: "550 no such user" } });

    const failed = await listOutbox(admin, { state: "FAILED", page: 1 });
    expect(failed.rows.map((r) => r.id)).toContain(email.id);
    expect(failed.counts.FAILED).toBe(failed.total);

    expect(await retryEmail(admin, email.id)).toEqual({ ok: true, value: { id: email.id } });
    expect(await db.outboxEmail.findUniqueOrThrow({ where: { id: email.id } })).toMatchObject({ state: "WAITING", attempts: 0 });
    expect(await retryEmail(admin, email.id)).toMatchObject({ ok: false });
  });
});
