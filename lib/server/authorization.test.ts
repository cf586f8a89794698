/**
 * The authorization matrix: every data-layer entry point (what every page and
 * server action calls; actions are thin wrappers that pass the session's
 * viewer) as anonymous, a student, another student, a teacher, another
 * teacher and an admin. Allowed calls must not be refused; denied ones must
 * be refused and change nothing. A new entry point or action that is not in
 * the tables below fails the test: add it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { ForbiddenError, type Viewer } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import * as courses from "@/lib/server/data/catalog/courses";
import * as courseChanges from "@/lib/server/data/catalog/course-changes";
import * as dashboard from "@/lib/server/data/records/dashboard";
import * as enrollments from "@/lib/server/data/enrollment/admin";
import * as imports from "@/lib/server/data/records/imports/jobs";
import type { Preview as ImportPreview } from "@/lib/server/data/records/imports/preview";
import * as exportsData from "@/lib/server/data/records/exports";
import * as changeSets from "@/lib/server/data/records/change-sets";
import * as apiTokens from "@/lib/server/data/access/api-tokens";
import * as api from "@/lib/server/data/records/api";
import * as history from "@/lib/server/data/records/history";
import * as audit from "@/lib/server/data/records/audit";
import * as rosters from "@/lib/server/data/catalog/rosters";
import * as selfService from "@/lib/server/data/enrollment/self-service";
import * as myCatalog from "@/lib/server/data/enrollment/my-catalog";
import * as students from "@/lib/server/data/people/students";
import * as teachers from "@/lib/server/data/people/teachers";
import * as sessions from "@/lib/server/data/access/sessions";
import * as schoolAccounts from "@/lib/server/data/access/school-accounts";
import * as backups from "@/lib/server/data/records/backups";
import * as terms from "@/lib/server/data/catalog/terms";
import * as inbox from "@/lib/server/data/notices/inbox";
import * as outbox from "@/lib/server/data/notices/outbox-list";
import * as holds from "@/lib/server/data/people/holds";
import * as groups from "@/lib/server/data/people/groups";
import * as windows from "@/lib/server/data/enrollment/windows";
import { courseInput, makeOpenCourse, makeStudent, makeUser, nameColumns } from "@/test/factories";

type Actor = "anonymous" | "student" | "otherStudent" | "teacher" | "otherTeacher" | "admin";
const ACTORS: Actor[] = ["anonymous", "student", "otherStudent", "teacher", "otherTeacher", "admin"];
const STUDENTS: Actor[] = ["student", "otherStudent"];
const TEACHERS: Actor[] = ["teacher", "otherTeacher"];

type World = {
  viewers: Record<Actor, Viewer | null>;
  /** taught by "teacher"; "student" is enrolled; "otherStudent" is waiting */
  course: { id: string; code: string };
  /** a fresh student and class per call, for calls that change or delete them */
  fresh: () => Promise<{ studentId: string; courseId: string }>;
  /** a student group, for the calls that read one */
  groupId: string;
};

/** How a call answered: refused (forbidden, or not found for a hidden class) or allowed. */
async function outcome(call: () => Promise<unknown>): Promise<"allowed" | "denied"> {
  try {
    const result = await call();
    return result === null ? "denied" : "allowed";
  } catch (error) {
    if (error instanceof ForbiddenError) return "denied";
    throw error;
  }
}

/** Everything a refused call could have touched. */
async function snapshot() {
  const [enrollmentRows, waitlist, events, studentRows, courseRows, teacherRows, termRows, noticeRows, outbox, choices, signIn, holdRows, groupRows] = await Promise.all([
    db.enrollment.findMany({ orderBy: [{ courseId: "asc" }, { studentId: "asc" }] }),
    db.waitlistEntry.findMany({ orderBy: { id: "asc" } }),
    db.enrollmentEvent.count(),
    db.student.findMany({ orderBy: { id: "asc" } }),
    db.course.findMany({ orderBy: { id: "asc" } }),
    db.teacher.findMany({ orderBy: { id: "asc" } }),
    db.term.findMany({ orderBy: { id: "asc" } }),
    db.notice.findMany({ orderBy: { id: "asc" } }),
    db.outboxEmail.findMany({ orderBy: { id: "asc" } }),
    db.user.findMany({ orderBy: { id: "asc" }, select: { id: true, emailNotices: true } }),
    Promise.all([
      db.signInLink.findMany({ orderBy: { id: "asc" } }),
      db.signInRequest.findMany({ orderBy: { id: "asc" } }),
      db.signInRule.findMany({ orderBy: { id: "asc" } }),
      db.signInSettings.findMany(),
    ]).then(([links, requests, rules, settings]) => ({ links, requests, rules, settings })),
    db.hold.findMany({ orderBy: { id: "asc" } }),
    Promise.all([
      db.studentGroup.findMany({ orderBy: { id: "asc" } }),
      db.studentGroupMember.findMany({ orderBy: [{ groupId: "asc" }, { studentId: "asc" }] }),
      db.registrationWindow.findMany({ orderBy: { id: "asc" } }),
    ]),
  ]);
  return JSON.stringify({ enrollmentRows, waitlist, events, studentRows, courseRows, teacherRows, termRows, noticeRows, outbox, choices, signIn, holdRows, groupRows });
}

const q = { q: "", page: 1 };

/** A term with one class (made directly, as a fixture), and an empty term to copy it into. */
async function termPair() {
  const stamp = Math.random().toString(36).slice(2, 8).toUpperCase();
  const day = (d: number) => new Date(2030, 0, d);
  const [from, to] = await Promise.all([
    db.term.create({ data: { name: `From ${stamp}`, startsOn: day(1), endsOn: day(20) } }),
    db.term.create({ data: { name: `To ${stamp}`, startsOn: day(21), endsOn: day(31) } }),
  ]);
  await db.course.create({ data: { code: `R-${stamp}`, title: "Rolled", termId: from.id } });
  return { from: from.id, to: to.id, rule: { from: "", to: "-N" } };
}
const EMPTY_ENROLLMENTS = "classSourcedId,userSourcedId,role\n";

/** An import of an empty enrollments file, checked (its preview applies) or still to check. */
async function importJob(status: "CHECKING" | "CHECKED" | "APPLYING") {
  const preview = {
    sync: false,
    students: { created: 0, updated: 0, unchanged: 0 },
    teachers: { created: 0, updated: 0, unchanged: 0 },
    classes: { created: 0, updated: 0, unchanged: 0 },
    enrollments: { added: 0, removed: 0, unchanged: 0 },
    teachersAssigned: 0,
    perClass: [],
    overCapacity: [],
    problems: [],
    problemCount: 0,
    skipped: [],
  } satisfies ImportPreview;
  const job = await db.importJob.create({
    data: {
      createdById: "matrix",
      status,
      files: JSON.stringify({ enrollments: EMPTY_ENROLLMENTS }),
      options: JSON.stringify({ sync: false }),
      preview: status === "CHECKING" ? null : JSON.stringify(preview),
    },
  });
  return job.id;
}

// Each entry: the data-layer function, how to call it, and who may.
const MATRIX: { name: string; allowed: Actor[]; call: (w: World, v: Viewer | null) => Promise<unknown> }[] = [
  { name: "getAdminCounts", allowed: ["admin"], call: (_w, v) => dashboard.getAdminCounts(v) },
  { name: "listStudents", allowed: ["admin"], call: (_w, v) => students.listStudents(v, q) },
  { name: "getStudent", allowed: ["admin"], call: async (w, v) => students.getStudent(v, (await w.fresh()).studentId) },
  {
    name: "getStudentEnrollmentPage",
    allowed: ["admin"],
    call: async (w, v) => students.getStudentEnrollmentPage(v, (await w.fresh()).studentId),
  },
  {
    name: "createStudent",
    allowed: ["admin"],
    call: (_w, v) => students.createStudent(v, { ...nameColumns("New"), email: `new-${Math.random()}@m.test`, studentNumber: null }),
  },
  {
    name: "updateStudent",
    allowed: ["admin"],
    call: async (w, v) =>
      students.updateStudent(v, (await w.fresh()).studentId, { ...nameColumns("Renamed"), email: `r-${Math.random()}@m.test`, studentNumber: null }),
  },
  { name: "deleteStudent", allowed: ["admin"], call: async (w, v) => students.deleteStudent(v, (await w.fresh()).studentId) },
  { name: "listCourses", allowed: ["admin"], call: (_w, v) => courses.listCourses(v, q) },
  { name: "listTermChoices", allowed: ["admin"], call: (_w, v) => terms.listTermChoices(v) },
  { name: "listTerms", allowed: ["admin"], call: (_w, v) => terms.listTerms(v, { page: 1 }) },
  { name: "getTerm", allowed: ["admin"], call: async (_w, v) => terms.getTerm(v, (await termPair()).from) },
  {
    name: "createTerm",
    allowed: ["admin"],
    call: (_w, v) => terms.createTerm(v, { name: `T ${Math.random()}`, startsOn: new Date(2031, 0, 1), endsOn: new Date(2031, 5, 1) }),
  },
  {
    name: "updateTerm",
    allowed: ["admin"],
    call: async (_w, v) => terms.updateTerm(v, (await termPair()).to, { name: `U ${Math.random()}`, startsOn: new Date(2031, 0, 1), endsOn: new Date(2031, 5, 1) }),
  },
  { name: "deleteTerm", allowed: ["admin"], call: async (_w, v) => terms.deleteTerm(v, (await termPair()).to) },
  {
    name: "planRollover",
    allowed: ["admin"],
    call: async (_w, v) => {
      const p = await termPair();
      return terms.planRollover(v, p.from, p.to, p.rule);
    },
  },
  {
    name: "copyTermClasses",
    allowed: ["admin"],
    call: async (_w, v) => {
      const p = await termPair();
      return terms.copyTermClasses(v, p.from, p.to, p.rule);
    },
  },
  { name: "getCourse", allowed: ["admin"], call: (w, v) => courses.getCourse(v, w.course.id) },
  { name: "getClassClashes", allowed: ["admin"], call: (w, v) => courses.getClassClashes(v, w.course.id) },
  { name: "getCoursePage", allowed: ["admin"], call: (w, v) => courses.getCoursePage(v, w.course.id, q) },
  { name: "createCourse", allowed: ["admin"], call: (_w, v) => courses.createCourse(v, courseInput()) },
  {
    name: "updateCourse",
    allowed: ["admin"],
    call: async (w, v) => {
      const { courseId } = await w.fresh();
      const code = (await db.course.findUniqueOrThrow({ where: { id: courseId } })).code;
      return courseChanges.updateCourse(v, courseId, courseInput({ code, title: "Renamed" }));
    },
  },
  {
    name: "previewCourseChange",
    allowed: ["admin"],
    call: (w, v) => courseChanges.previewCourseChange(v, w.course.id, courseInput({ title: "Previewed" })),
  },
  { name: "deleteCourse", allowed: ["admin"], call: async (w, v) => courses.deleteCourse(v, (await w.fresh()).courseId) },
  { name: "regenerateJoinCode", allowed: ["admin"], call: (w, v) => courses.regenerateJoinCode(v, w.course.id) },
  {
    name: "admitFromWaitlist",
    allowed: ["admin"],
    call: (w, v) => enrollments.admitFromWaitlist(v, { studentId: w.viewers.otherStudent!.studentId!, courseId: w.course.id }),
  },
  {
    name: "removeFromWaitlist",
    allowed: ["admin"],
    call: async (w, v) => {
      const { studentId, courseId } = await w.fresh();
      await db.course.update({ where: { id: courseId }, data: { capacity: 0 } });
      await db.waitlistEntry.create({ data: { studentId, courseId } });
      return enrollments.removeFromWaitlist(v, { studentId, courseId });
    },
  },
  { name: "listTeachers", allowed: ["admin"], call: (_w, v) => teachers.listTeachers(v, q) },
  { name: "listTeacherChoices", allowed: ["admin"], call: (_w, v) => teachers.listTeacherChoices(v) },
  {
    name: "getTeacher",
    allowed: ["admin"],
    call: async (_w, v) => teachers.getTeacher(v, (await db.teacher.findFirstOrThrow()).id),
  },
  {
    name: "createTeacher",
    allowed: ["admin"],
    call: (_w, v) => teachers.createTeacher(v, { ...nameColumns("T"), email: `t-${Math.random()}@m.test` }),
  },
  {
    name: "updateTeacher",
    allowed: ["admin"],
    call: async (_w, v) =>
      teachers.updateTeacher(v, (await db.teacher.findFirstOrThrow()).id, { ...nameColumns("T"), email: `t-${Math.random()}@m.test` }),
  },
  {
    name: "setEnrollment",
    allowed: ["admin"],
    call: async (w, v) => enrollments.setEnrollment(v, { ...(await w.fresh()), enrolled: true }),
  },
  {
    name: "saveChecklist",
    allowed: ["admin"],
    call: async (w, v) => {
      const { studentId, courseId } = await w.fresh();
      return enrollments.saveChecklist(v, { studentId }, [courseId], [courseId]);
    },
  },
  {
    name: "previewChecklist",
    allowed: ["admin"],
    call: async (w, v) => {
      const { studentId, courseId } = await w.fresh();
      return enrollments.previewChecklist(v, { studentId }, [courseId], [courseId]);
    },
  },
  { name: "listEnrollmentEvents", allowed: ["admin"], call: (w, v) => enrollments.listEnrollmentEvents(v, { courseId: w.course.id }) },
  { name: "listMyCatalog", allowed: STUDENTS, call: (_w, v) => myCatalog.listMyCatalog(v, q) },
  // A student may read only their own links; an admin anyone's.
  {
    name: "linkedIds",
    allowed: ["admin", "student"],
    call: (w, v) => enrollments.linkedIds(v, { studentId: w.viewers.student!.studentId! }),
  },
  { name: "enrollMyself", allowed: STUDENTS, call: async (w, v) => selfService.enrollMyself(v, { courseId: (await w.fresh()).courseId }) },
  { name: "dropMyself", allowed: STUDENTS, call: (w, v) => selfService.dropMyself(v, w.course.id) },
  {
    name: "saveMyClasses",
    allowed: STUDENTS,
    call: async (w, v) => {
      const { courseId } = await w.fresh();
      return selfService.saveMyClasses(v, [courseId], [courseId], {});
    },
  },
  { name: "joinMyWaitlist", allowed: STUDENTS, call: (w, v) => selfService.joinMyWaitlist(v, { courseId: w.course.id }) },
  { name: "leaveMyWaitlist", allowed: STUDENTS, call: (w, v) => selfService.leaveMyWaitlist(v, w.course.id) },
  { name: "listMyCourses", allowed: TEACHERS, call: (_w, v) => rosters.listMyCourses(v) },
  { name: "createImport", allowed: ["admin"], call: (_w, v) => imports.createImport(v, { enrollments: EMPTY_ENROLLMENTS }, { sync: false }) },
  { name: "runCheck", allowed: ["admin"], call: async (_w, v) => imports.runCheck(v, await importJob("CHECKING")) },
  { name: "applyImport", allowed: ["admin"], call: async (_w, v) => imports.applyImport(v, await importJob("CHECKED")) },
  { name: "claimImport", allowed: ["admin"], call: async (_w, v) => imports.claimImport(v, await importJob("CHECKED")) },
  { name: "runApply", allowed: ["admin"], call: async (_w, v) => imports.runApply(v, await importJob("APPLYING")) },
  { name: "getImport", allowed: ["admin"], call: async (_w, v) => imports.getImport(v, await importJob("CHECKED")) },
  { name: "getImportProgress", allowed: ["admin"], call: async (_w, v) => imports.getImportProgress(v, await importJob("CHECKED")) },
  { name: "listImports", allowed: ["admin"], call: (_w, v) => imports.listImports(v) },
  { name: "exportOneRoster", allowed: ["admin"], call: (_w, v) => exportsData.exportOneRoster(v, "users") },
  { name: "exportOneRosterZip", allowed: ["admin"], call: (_w, v) => exportsData.exportOneRosterZip(v) },
  { name: "getLastChangeSet", allowed: ["admin"], call: (_w, v) => changeSets.getLastChangeSet(v) },
  { name: "createApiToken", allowed: ["admin"], call: (_w, v) => apiTokens.createApiToken(v, { name: "matrix", canWrite: false }) },
  { name: "listApiTokens", allowed: ["admin"], call: (_w, v) => apiTokens.listApiTokens(v) },
  { name: "listHolds", allowed: ["admin"], call: (w, v) => holds.listHolds(v, w.viewers.student!.studentId!) },
  { name: "myHolds", allowed: STUDENTS, call: (_w, v) => holds.myHolds(v) },
  { name: "listGroups", allowed: ["admin"], call: (_w, v) => groups.listGroups(v) },
  { name: "getGroup", allowed: ["admin"], call: (w, v) => groups.getGroup(v, w.groupId, 1) },
  { name: "groupsOf", allowed: ["admin"], call: (w, v) => groups.groupsOf(v, w.viewers.student!.studentId!) },
  { name: "createGroup", allowed: ["admin"], call: (_w, v) => groups.createGroup(v, { name: `Matrix ${Math.random().toString(36).slice(2, 8)}` }) },
  { name: "deleteGroup", allowed: ["admin"], call: (_w, v) => groups.deleteGroup(v, "no-such-group") },
  { name: "addToGroup", allowed: ["admin"], call: (w, v) => groups.addToGroup(v, "no-such-group", [w.viewers.student!.email]) },
  { name: "removeFromGroup", allowed: ["admin"], call: (w, v) => groups.removeFromGroup(v, "no-such-group", w.viewers.student!.studentId!) },
  { name: "listWindows", allowed: ["admin"], call: (_w, v) => windows.listWindows(v, "no-such-term") },
  { name: "addWindow", allowed: ["admin"], call: (_w, v) => windows.addWindow(v, "no-such-term", { groupId: null, opensAt: new Date(), slots: 1, everyHours: 0 }) },
  { name: "removeWindow", allowed: ["admin"], call: (_w, v) => windows.removeWindow(v, "no-such-term", null) },
  { name: "myRegistrationTimes", allowed: STUDENTS, call: (_w, v) => windows.myRegistrationTimes(v, ["no-such-term"]) },
  { name: "placeHold", allowed: ["admin"], call: async (w, v) => holds.placeHold(v, (await w.fresh()).studentId, { reason: "Matrix", office: "the matrix office" }) },
  {
    name: "liftHold",
    allowed: ["admin"],
    call: async (w, v) => {
      const hold = await db.hold.create({ data: { studentId: (await w.fresh()).studentId, reason: "Matrix", office: "the matrix office", placedBy: "Matrix" } });
      return holds.liftHold(v, hold.id, { note: "" });
    },
  },
  {
    name: "revokeApiToken",
    allowed: ["admin"],
    call: async (w, v) => {
      const made = await apiTokens.createApiToken(w.viewers.admin, { name: "to revoke", canWrite: false });
      return apiTokens.revokeApiToken(v, made.ok ? made.value.id : "");
    },
  },
  { name: "apiListClasses", allowed: ["admin"], call: (_w, v) => api.apiListClasses(v, { page: 1, limit: 5 }) },
  { name: "apiListClassEnrollments", allowed: ["admin"], call: (w, v) => api.apiListClassEnrollments(v, w.course.id, { page: 1, limit: 5 }) },
  {
    name: "apiListStudentEnrollments",
    allowed: ["admin"],
    call: (w, v) => api.apiListStudentEnrollments(v, w.viewers.student!.studentId!, { page: 1, limit: 5 }),
  },
  { name: "listHistory", allowed: ["admin"], call: (w, v) => history.listHistory(v, { courseId: w.course.id }, 1) },
  { name: "listAuditEntries", allowed: ["admin"], call: (_w, v) => audit.listAuditEntries(v, audit.parseAuditFilters({}), 1) },
  { name: "auditEntriesForCsv", allowed: ["admin"], call: (_w, v) => audit.auditEntriesForCsv(v, audit.parseAuditFilters({ kind: "CLASS" })) },
  { name: "listAuditActors", allowed: ["admin"], call: (_w, v) => audit.listAuditActors(v) },
  { name: "getRosterAsOf", allowed: ["teacher", "admin"], call: (w, v) => history.getRosterAsOf(v, w.course.id, new Date()) },
  { name: "enrollmentsByWeek", allowed: ["admin"], call: (w, v) => history.enrollmentsByWeek(v, w.course.id) },
  { name: "apiSetEnrollment", allowed: ["admin"], call: async (w, v) => api.apiSetEnrollment(v, await w.fresh(), true) },
  {
    name: "undoChangeSet",
    allowed: ["admin"],
    call: async (w, v) => {
      // The admin's latest change (with no events, so refused callers' snapshots don't see it).
      const set = await db.changeSet.create({ data: { kind: "SAVE", actorId: w.viewers.admin!.userId, summary: "+1" } });
      return changeSets.undoChangeSet(v, set.id);
    },
  },
  { name: "getRoster", allowed: ["teacher", "admin"], call: (w, v) => rosters.getRoster(v, w.course.id) },
  {
    name: "myDropsIn",
    allowed: STUDENTS,
    call: (w, v) => selfService.myDropsIn(v, [w.course.id], []),
  },
  { name: "unreadCount", allowed: STUDENTS, call: (_w, v) => inbox.unreadCount(v) },
  { name: "getInbox", allowed: STUDENTS, call: (_w, v) => inbox.getInbox(v, { page: 1 }) },
  { name: "markNoticesRead", allowed: STUDENTS, call: (_w, v) => inbox.markNoticesRead(v, 2 ** 31 - 1) },
  { name: "setEmailNotices", allowed: STUDENTS, call: (_w, v) => inbox.setEmailNotices(v, true) },
  { name: "listOutbox", allowed: ["admin"], call: (_w, v) => outbox.listOutbox(v, { state: null, page: 1 }) },
  {
    name: "retryEmail",
    allowed: ["admin"],
    call: async (_w, v) => {
      const email = await db.outboxEmail.create({ data: { toAddress: "m@m.test", toName: "M", subject: "s", body: "b", state: "FAILED" } });
      return outbox.retryEmail(v, email.id);
    },
  },
  { name: "listBackups", allowed: ["admin"], call: (_w, v) => backups.listBackups(v) },
  { name: "makeBackup", allowed: ["admin"], call: (_w, v) => backups.makeBackup(v) },
  { name: "getBackupSchedule", allowed: ["admin"], call: (_w, v) => backups.getBackupSchedule(v) },
  { name: "saveBackupSchedule", allowed: ["admin"], call: (_w, v) => backups.saveBackupSchedule(v, { everyHours: null, keep: 14 }) },
  { name: "backupForDownload", allowed: ["admin"], call: async (_w, v) => (await backups.backupForDownload(v, "rollbook-2026-01-01T00-00-00Z.db")) ?? "none" },
  {
    name: "getLoginSessions",
    allowed: ["admin"],
    call: async (w, v) => (await sessions.getLoginSessions(v, { studentId: (await w.fresh()).studentId })) ?? "no login",
  },
  {
    name: "endUserSessions",
    allowed: ["admin"],
    call: async (w, v) => {
      // Someone else's sessions: a refused call must leave them be.
      const user = await makeUser("STUDENT");
      await sessions.startSession(user.userId);
      const ended = await sessions.endUserSessions(v, user.userId);
      expect(ended).toBe(1);
      return ended;
    },
  },
  { name: "listLinkRequests", allowed: ["admin"], call: (_w, v) => schoolAccounts.listLinkRequests(v) },
  {
    name: "approveLinkRequest",
    allowed: ["admin"],
    call: async (_w, v) => {
      const { id, email } = await linkRequest();
      await makeStudent("Asking Student", email);
      const result = await schoolAccounts.approveLinkRequest(v, id, email);
      expect(result.ok).toBe(true);
      return result;
    },
  },
  {
    name: "refuseLinkRequest",
    allowed: ["admin"],
    call: async (_w, v) => {
      const result = await schoolAccounts.refuseLinkRequest(v, (await linkRequest()).id, "Not one of ours.");
      expect(result.ok).toBe(true);
      return result;
    },
  },
  {
    name: "forgetLinkRequest",
    allowed: ["admin"],
    call: async (_w, v) => {
      const { id } = await linkRequest({ refusedAt: new Date(), reason: "No." });
      const result = await schoolAccounts.forgetLinkRequest(v, id);
      expect(result.ok).toBe(true);
      return result;
    },
  },
  { name: "listSignInRules", allowed: ["admin"], call: (_w, v) => schoolAccounts.listSignInRules(v) },
  {
    name: "saveSignInRule",
    allowed: ["admin"],
    call: (_w, v) =>
      schoolAccounts.saveSignInRule(v, { provider: "oidc", domain: `d${Date.now()}.matrix.test`, linkByEmail: true, linkBySourcedId: false, createStudents: false }, ["oidc"]),
  },
  {
    name: "deleteSignInRule",
    allowed: ["admin"],
    call: async (_w, v) => {
      const rule = await db.signInRule.create({ data: { provider: "oidc", domain: `x${Math.random().toString(36).slice(2)}.matrix.test`, linkByEmail: true } });
      const result = await schoolAccounts.deleteSignInRule(v, rule.id);
      expect(result.ok).toBe(true);
      return result;
    },
  },
  {
    name: "saveSignInSettings",
    allowed: ["admin"],
    call: (_w, v) => schoolAccounts.saveSignInSettings(v, { passwordStudents: true, passwordTeachers: true, passwordAdmins: true, askWhom: "the matrix office" }, 1),
  },
  { name: "listSchoolAccounts", allowed: ["admin"], call: async (w, v) => schoolAccounts.listSchoolAccounts(v, { studentId: (await w.fresh()).studentId }) },
  { name: "listAdminSchoolAccounts", allowed: ["admin"], call: (_w, v) => schoolAccounts.listAdminSchoolAccounts(v) },
  {
    name: "unlinkSchoolAccount",
    allowed: ["admin"],
    call: async (_w, v) => {
      // Someone else's school account: a refused call must leave it linked.
      const user = await makeUser("STUDENT");
      const t = Math.random().toString(36).slice(2);
      const link = await db.signInLink.create({ data: { userId: user.userId, provider: "oidc", issuer: "https://idp.matrix.test", subject: `s-${t}`, how: "approved" } });
      const result = await schoolAccounts.unlinkSchoolAccount(v, link.id);
      expect(result.ok).toBe(true);
      return result;
    },
  },
];

/** A school account asking to be linked (as the sign-in page makes one), with the email of no one yet. */
async function linkRequest(extra: { refusedAt?: Date; reason?: string } = {}) {
  const t = Math.random().toString(36).slice(2, 10);
  const email = `asking-${t}@matrix.test`;
  const row = await db.signInRequest.create({
    data: { provider: "oidc", issuer: "https://idp.matrix.test", subject: `sub-${t}`, email, emailVerified: true, name: "Asking Person", ...extra },
    select: { id: true },
  });
  return { id: row.id, email };
}

/** Each server action and the data-layer functions it calls. */
const ACTIONS: Record<string, string[]> = {
  loginAction: [],
  logoutAction: [],
  createStudentAction: ["createStudent"],
  updateStudentAction: ["updateStudent"],
  deleteStudentAction: ["deleteStudent"],
  createCourseAction: ["createCourse"],
  updateCourseAction: ["previewCourseChange", "updateCourse"],
  deleteCourseAction: ["deleteCourse"],
  regenerateJoinCodeAction: ["regenerateJoinCode"],
  waitlistAdminAction: ["admitFromWaitlist", "removeFromWaitlist"],
  createTeacherAction: ["createTeacher"],
  updateTeacherAction: ["updateTeacher"],
  toggleEnrollmentAction: ["setEnrollment"],
  saveChecklistAction: ["saveChecklist", "previewChecklist"],
  toggleMyClassAction: ["enrollMyself", "dropMyself"],
  saveMyClassesAction: ["myDropsIn", "saveMyClasses", "joinMyWaitlist", "leaveMyWaitlist"],
  startImportAction: ["createImport", "runCheck"],
  applyImportAction: ["claimImport", "runApply"],
  undoChangeSetAction: ["undoChangeSet"],
  undoSavedAction: ["undoChangeSet"],
  createApiTokenAction: ["createApiToken"],
  revokeApiTokenAction: ["revokeApiToken"],
  placeHoldAction: ["placeHold"],
  createGroupAction: ["createGroup"],
  deleteGroupAction: ["deleteGroup"],
  addToGroupAction: ["addToGroup"],
  removeFromGroupAction: ["removeFromGroup"],
  addWindowAction: ["addWindow"],
  removeWindowAction: ["removeWindow"],
  liftHoldAction: ["liftHold"],
  endSessionsAction: ["endUserSessions"],
  makeBackupAction: ["makeBackup"],
  saveBackupScheduleAction: ["saveBackupSchedule"],
  createTermAction: ["createTerm"],
  updateTermAction: ["updateTerm"],
  deleteTermAction: ["deleteTerm"],
  copyTermClassesAction: ["copyTermClasses"],
  markNoticesReadAction: ["markNoticesRead"],
  setEmailNoticesAction: ["setEmailNotices"],
  retryEmailAction: ["retryEmail"],
  // Before anyone is signed in: the provider's redirect, and asking with the identity the provider proved (no viewer).
  schoolSignInAction: [],
  askForLinkAction: [],
  approveLinkRequestAction: ["approveLinkRequest"],
  refuseLinkRequestAction: ["refuseLinkRequest"],
  forgetLinkRequestAction: ["forgetLinkRequest"],
  saveSignInRuleAction: ["saveSignInRule"],
  deleteSignInRuleAction: ["deleteSignInRule"],
  saveSignInSettingsAction: ["saveSignInSettings"],
  unlinkSchoolAccountAction: ["unlinkSchoolAccount"],
};

function exportedFunctions(dir: string, pattern: RegExp, onlyServerActions = false) {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .map((f) => readFileSync(`${dir}/${f}`, "utf8"))
    .filter((source) => !onlyServerActions || source.startsWith('"use server"'))
    .flatMap((source) => [...source.matchAll(pattern)].map((m) => m[1]!));
}

describe("the authorization matrix", () => {
  let world: World;

  beforeAll(async () => {
    const [teacherRecord, otherTeacherRecord] = await Promise.all([
      db.teacher.create({ data: { ...nameColumns("Matrix Teacher"), email: `mt-${Date.now()}@m.test` } }),
      db.teacher.create({ data: { ...nameColumns("Other Teacher"), email: `ot-${Date.now()}@m.test` } }),
    ]);
    const [studentRecord, otherStudentRecord] = await Promise.all([makeStudent("Matrix Student"), makeStudent("Other Student")]);
    const course = await makeOpenCourse({ teacherId: teacherRecord.id, capacity: 1 });
    await db.enrollment.create({ data: { studentId: studentRecord.id, courseId: course.id, source: "ADMIN" } });
    await db.course.update({ where: { id: course.id }, data: { enrolledCount: 1 } });
    await db.waitlistEntry.create({ data: { studentId: otherStudentRecord.id, courseId: course.id } });
    world = {
      course,
      viewers: {
        anonymous: null,
        student: await makeUser("STUDENT", { studentId: studentRecord.id }),
        otherStudent: await makeUser("STUDENT", { studentId: otherStudentRecord.id }),
        teacher: await makeUser("TEACHER", { teacherId: teacherRecord.id }),
        otherTeacher: await makeUser("TEACHER", { teacherId: otherTeacherRecord.id }),
        admin: await makeUser("ADMIN"),
      },
      fresh: async () => ({
        studentId: (await makeStudent()).id,
        courseId: (await makeOpenCourse({ capacity: 5 })).id,
      }),
      groupId: (await db.studentGroup.create({ data: { name: `Matrix group ${Date.now()}` } })).id,
    };
  });

  it("covers every data-layer function that takes a viewer", () => {
    const guarded = exportedFunctions("lib/server/data", /export async function (\w+)\(\s*viewer: Viewer \| null/g);
    expect(guarded.length).toBeGreaterThan(20);
    expect(guarded.filter((name) => !MATRIX.some((m) => m.name === name))).toEqual([]);
  });

  it("covers every server action", () => {
    const actions = exportedFunctions("lib/server/actions", /export async function (\w+)/g, true);
    expect(actions.length).toBeGreaterThan(10);
    expect(actions.filter((name) => !(name in ACTIONS))).toEqual([]);
    for (const called of Object.values(ACTIONS).flat()) expect(MATRIX.map((m) => m.name)).toContain(called);
  });

  for (const entry of MATRIX) {
    it(`${entry.name}: ${entry.allowed.join(", ")} only`, async () => {
      for (const actor of ACTORS) {
        const viewer = world.viewers[actor];
        if (entry.allowed.includes(actor)) {
          expect(await outcome(() => entry.call(world, viewer)), `${entry.name} as ${actor}`).toBe("allowed");
        } else {
          const before = await snapshot();
          const result = await outcome(() => entry.call(world, viewer));
          const after = await snapshot();
          expect(result, `${entry.name} as ${actor}`).toBe("denied");
          expect(stripFresh(after, before), `${entry.name} as ${actor} changed nothing`).toBe(true);
        }
      }
    });
  }

  it("a student's own actions never reach another student's enrollment", async () => {
    const before = await link(world.viewers.student!.studentId!, world.course.id);
    const result = await selfService.dropMyself(world.viewers.otherStudent, world.course.id);
    expect(result.ok).toBe(false);
    expect(await link(world.viewers.student!.studentId!, world.course.id)).toEqual(before);
  });
});

function link(studentId: string, courseId: string) {
  return db.enrollment.findUnique({ where: { studentId_courseId: { studentId, courseId } } });
}

/**
 * A denied call may have run its own fixture setup (w.fresh() makes a new
 * student and class, termPair() two terms and a class, others an email or a
 * user) before the data layer
 * refused: compare the snapshots without those new rows, which no data-layer
 * write made.
 */
function stripFresh(after: string, before: string): boolean {
  const a = JSON.parse(after) as Record<string, unknown>;
  const b = JSON.parse(before) as Record<string, unknown>;
  const ids = (rows: unknown) => new Set((rows as { id: string }[]).map((r) => r.id));
  const beforeStudents = ids(b.studentRows);
  const beforeCourses = ids(b.courseRows);
  const beforeTerms = ids(b.termRows);
  const keep = (rows: unknown, known: Set<string>) => (rows as { id: string }[]).filter((r) => known.has(r.id));
  const waitlist = (a.waitlist as { courseId: string }[]).filter((w) => beforeCourses.has(w.courseId));
  // (a fixture's request, rule or link)
  const signIn = a.signIn as Record<string, { id: string }[]>;
  const signInBefore = b.signIn as Record<string, { id: string }[]>;
  const signInKept = Object.fromEntries(Object.entries(signIn).map(([k, rows]) => [k, keep(rows, ids(signInBefore[k]))]));
  return (
    JSON.stringify({
      ...a,
      // (a fixture's email to retry, a fixture's user)
      outbox: keep(a.outbox, ids(b.outbox)),
      choices: keep(a.choices, ids(b.choices)),
      studentRows: keep(a.studentRows, beforeStudents),
      courseRows: keep(a.courseRows, beforeCourses),
      termRows: keep(a.termRows, beforeTerms),
      waitlist,
      signIn: signInKept,
      // (a fixture's hold, on a student made for the call)
      holdRows: (a.holdRows as { studentId: string }[]).filter((h) => beforeStudents.has(h.studentId)),
    }) ===
    JSON.stringify(b)
  );
}
