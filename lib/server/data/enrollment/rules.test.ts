import { describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { formatDateTime } from "@/lib/format-date";
import { parseMeetings } from "@/lib/meetings";
import { admitFromWaitlist, removeFromWaitlist, saveChecklist, setEnrollment } from "@/lib/server/data/enrollment/admin";
import { dropMyself, enrollMyself, joinMyWaitlist, saveMyClasses } from "@/lib/server/data/enrollment/self-service";
import { apiSetEnrollment } from "@/lib/server/data/records/api";
import { getLastChangeSet, undoChangeSet } from "@/lib/server/data/records/change-sets";
import { applyImport, createImport, getImport, runCheck } from "@/lib/server/data/records/imports/jobs";
import { canApply } from "@/lib/server/data/records/imports/preview";
import { liftHold } from "@/lib/server/data/people/holds";
import type { CourseInput } from "@/lib/schemas/courses";
import { makeOpenCourse, makeStudentViewer, makeUser, nameColumns, termDays } from "@/test/factories";

/**
 * The rules table (decision 028): every rule of enrollment, run through
 * every path it applies to, asserting what the caller is told, the history
 * events and the notices written, and that a refusal writes nothing. A new
 * rule is a row here; a new path, a column. A cell left out is a rule that
 * does not apply to that path (said in the row's `note`).
 *
 * The people: S, the student the row is about; T, a student already in the
 * class; W, a student on its waitlist. The paths, as each caller sends them:
 * - admin tick: the checkbox as first ticked (no reason, nothing confirmed);
 *   "admin anyway": the same after "Enroll anyway" / "Remove anyway".
 * - admin Save: a checklist's Save (with JavaScript after its review, and
 *   without: the same data-layer call).
 * - student tick / student Save: the student's own, with the join code typed.
 * - API: PUT / DELETE of the enrollment.
 * - import: an enrollments.csv row (active, or tobedeleted), checked, then applied.
 * - undo: an admin's Save made the opposite change; the undo of it.
 */

type Path = "admin tick" | "admin anyway" | "admin Save" | "student tick" | "student Save" | "API" | "import" | "undo";
const PATHS: Path[] = ["admin tick", "admin anyway", "admin Save", "student tick", "student Save", "API", "import", "undo"];

type World = {
  admin: Viewer;
  viewer: Viewer;
  s: { id: string; name: string };
  course: { id: string; code: string };
  other?: { id: string; code: string };
  /** who is who in the history and the notices: id -> "S", "T", "W"; and "W" -> their name */
  label: Map<string, string>;
  names: Map<string, string>;
  joinCode?: string;
  /** the term the row made, if it did */
  termName?: string;
  /** the import path's preview: how many of its enrollments it listed as clashing */
  previewClashes?: number;
};

/** What the path answered, as its caller reads it. */
type Said = { ok: true } | { ok: false; message: string };
/** The rows an answer's `ok` comes with, as "TYPE who SOURCE reason" and "who KIND". */
type Written = { events: string[]; told: string[] };

type Expected = { refused: string } | { events: string[]; told: string[] };

type Row = {
  rule: string;
  way: "enroll" | "drop";
  setup: (w: World) => Promise<void>;
  /** the course as made for the row */
  course?: Partial<CourseInput>;
  expect: Partial<Record<Path, Expected | ((w: World) => Expected)>>;
  note?: string;
};

const minutes = (m: number) => new Date(Date.now() + m * 60_000);
// Each row's moments, made once: its class and its expected message name the same instant.
const TOMORROW = minutes(60 * 24);
const AN_HOUR_AGO = minutes(-60);
const meets = (text: string) => {
  const parsed = parseMeetings(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.meetings;
};
/** A hold on S (decision 039), placed as a fixture. */
const HOLD = { reason: "Unpaid fees", office: "the bursar's office" };
const holdOn = (studentId: string) => db.hold.create({ data: { studentId, ...HOLD, placedBy: "Rules Admin" } });
const PASSES = `passes a hold (${HOLD.office}: ${HOLD.reason})`;
/** A term the row's class is moved into, with S already in another of its classes: their load is 1. */
async function loadOfOne(w: World, limits: { loadLimit: number; loadLimitFrom?: Date; loadLimitLater?: number }) {
  const term = await db.term.create({
    data: { name: `Load ${Math.random().toString(36).slice(2, 8)}`, ...termDays(-10, 60), ...limits },
  });
  const other = await makeOpenCourse();
  await db.course.updateMany({ where: { id: { in: [w.course.id, other.id] } }, data: { termId: term.id } });
  await seatFixture(w.s.id, other.id, "in");
  w.termName = term.name;
}
/**
 * The row's class moved into a term that opens by windows (decision 041): a
 * window per slot of a group (S in it with `draw`, or not), or for every
 * student (`group` false).
 */
async function windowed(w: World, opts: { slots: Date[]; group: "S" | "others" | "everyone"; draw?: number }) {
  const tag = Math.random().toString(36).slice(2, 8);
  const term = await db.term.create({ data: { name: `Windows ${tag}`, ...termDays(-10, 60) } });
  await db.course.update({ where: { id: w.course.id }, data: { termId: term.id } });
  const group = opts.group === "everyone" ? null : await db.studentGroup.create({ data: { name: `Group ${tag}` } });
  if (group && opts.group === "S") await db.studentGroupMember.create({ data: { groupId: group.id, studentId: w.s.id, draw: opts.draw ?? 0 } });
  await db.registrationWindow.createMany({ data: opts.slots.map((opensAt, slot) => ({ termId: term.id, groupId: group?.id ?? null, slot, slots: opts.slots.length, opensAt })) });
  w.termName = term.name;
}
const csv = (rows: string[][]) => rows.map((r) => r.join(",")).join("\n") + "\n";

/** An enrollment or waitlist place made as a fixture (not through a path: the row's starting point). */
async function place(w: World, who: string, how: "in" | "waiting", courseId = w.course.id) {
  const student = await db.student.create({ data: { ...nameColumns(`${who} ${Math.random().toString(36).slice(2, 7)}`), email: `${who}-${Math.random().toString(36).slice(2, 9)}@rules.test` } });
  w.label.set(student.id, who);
  w.names.set(who, student.name);
  await seatFixture(student.id, courseId, how);
  return student;
}
async function seatFixture(studentId: string, courseId: string, how: "in" | "waiting") {
  if (how === "in") {
    await db.enrollment.create({ data: { studentId, courseId, source: "ADMIN" } });
    await db.course.update({ where: { id: courseId }, data: { enrolledCount: { increment: 1 } } });
  } else await db.waitlistEntry.create({ data: { studentId, courseId } });
}

function said(result: { ok: boolean; message?: string }): Said {
  return result.ok ? { ok: true } : { ok: false, message: result.message! };
}

/** Runs one path for a row's change. */
async function run(path: Path, w: World, way: "enroll" | "drop"): Promise<Said> {
  const link = { studentId: w.s.id, courseId: w.course.id };
  const enrolled = way === "enroll";
  switch (path) {
    case "admin tick":
      return said(await setEnrollment(w.admin, { ...link, enrolled }));
    case "admin anyway":
      return said(await setEnrollment(w.admin, { ...link, enrolled, confirmed: true, clashOk: true, overCapacity: enrolled ? "lab partner" : undefined, pass: enrolled ? "lab partner" : undefined }));
    case "admin Save":
      return said(await saveChecklist(w.admin, { studentId: w.s.id }, [w.course.id], enrolled ? [w.course.id] : []));
    case "student tick":
      return said(enrolled ? await enrollMyself(w.viewer, { courseId: w.course.id, joinCode: w.joinCode }) : await dropMyself(w.viewer, w.course.id));
    case "student Save":
      return said(await saveMyClasses(w.viewer, [w.course.id], enrolled ? [w.course.id] : [], w.joinCode ? { [w.course.id]: w.joinCode } : {}));
    case "API": {
      const answer = await apiSetEnrollment(w.admin, link, enrolled);
      return "enrollment" in answer ? { ok: true } : { ok: false, message: answer.message };
    }
    case "import":
      return importRow(w, enrolled);
    case "undo":
      return undoOpposite(w, enrolled);
  }
}

/** The import path: one row of enrollments.csv, checked, then applied if the check allows. */
async function importRow(w: World, enrolled: boolean): Promise<Said> {
  const files = {
    enrollments: csv([
      ["sourcedId", "classSourcedId", "userSourcedId", "role", "status"],
      [`r-${w.s.id}`, w.course.id, w.s.id, "student", enrolled ? "active" : "tobedeleted"],
    ]),
  };
  const created = await createImport(w.admin, files, { sync: false });
  if (!created.ok) throw new Error(created.message);
  await runCheck(w.admin, created.value.id);
  const preview = (await getImport(w.admin, created.value.id))!.preview!;
  w.previewClashes = preview.clashes?.count ?? 0;
  if (!canApply(preview)) {
    const over = preview.overCapacity.map((o) => `${o.code} would have ${o.after} of ${o.capacity} seats taken.`);
    return { ok: false, message: [...over, ...preview.problems.map((p) => p.message)].join(" ") };
  }
  return said(await applyImport(w.admin, created.value.id));
}

/** The undo path: an admin's Save makes the opposite change first (from a fixture), then is undone. */
async function undoOpposite(w: World, enrolled: boolean): Promise<Said> {
  const isIn = (await db.enrollment.count({ where: { studentId: w.s.id, courseId: w.course.id } })) > 0;
  if (enrolled && !isIn) await seatFixture(w.s.id, w.course.id, "in");
  if (!enrolled && isIn) throw new Error("undo of an enroll: the student must start outside the class");
  const before = await saveChecklist(w.admin, { studentId: w.s.id }, [w.course.id], enrolled ? [] : [w.course.id]);
  if (!before.ok) throw new Error(`the Save to undo was refused: ${before.message}`);
  marks.set(w, await mark(w));
  const last = await getLastChangeSet(w.admin);
  return said(await undoChangeSet(w.admin, last!.id));
}
const marks = new WeakMap<World, Awaited<ReturnType<typeof mark>>>();

/** Where the history and the notices stand, to read what a path then wrote. */
async function mark(w: World) {
  const [event, notice] = await Promise.all([
    db.enrollmentEvent.findFirst({ where: { courseId: w.course.id }, orderBy: { id: "desc" }, select: { id: true } }),
    db.notice.findFirst({ orderBy: { id: "desc" }, select: { id: true } }),
  ]);
  return { event: event?.id ?? 0, notice: notice?.id ?? 0 };
}

async function written(w: World, since: { event: number; notice: number }): Promise<Written> {
  const [events, notices] = await Promise.all([
    db.enrollmentEvent.findMany({ where: { courseId: w.course.id, id: { gt: since.event } }, orderBy: { id: "asc" } }),
    db.notice.findMany({ where: { courseId: w.course.id, id: { gt: since.notice } }, orderBy: { id: "asc" } }),
  ]);
  const who = (id: string) => w.label.get(id) ?? "?";
  return {
    events: events.map((e) => [e.type, who(e.studentId), e.source, e.reason ?? ""].join(" ").trim()),
    told: notices.map((n) => `${who(n.studentId)} ${n.kind}`),
  };
}

/** Everything a refusal could have changed, for the class and its students. */
async function snapshot(w: World) {
  const [enrollments, waitlist, events, notices, emails, course] = await Promise.all([
    db.enrollment.findMany({ where: { courseId: w.course.id }, orderBy: { studentId: "asc" } }),
    db.waitlistEntry.findMany({ where: { courseId: w.course.id }, orderBy: { id: "asc" } }),
    db.enrollmentEvent.count({ where: { courseId: w.course.id } }),
    db.notice.count({ where: { courseId: w.course.id } }),
    db.outboxEmail.count(),
    db.course.findUnique({ where: { id: w.course.id }, select: { enrolledCount: true } }),
  ]);
  return JSON.stringify({ enrollments, waitlist, events, notices, emails, course });
}

async function makeWorld(row: Pick<Row, "course" | "setup">): Promise<World> {
  const admin = await makeUser("ADMIN");
  const { student, viewer } = await makeStudentViewer();
  const course = await makeOpenCourse({ capacity: 2, ...row.course });
  const w: World = { admin, viewer, s: student, course, label: new Map([[student.id, "S"]]), names: new Map([["S", student.name]]) };
  await row.setup(w);
  return w;
}

async function outcome(row: Row, path: Path): Promise<{ w: World; said: Said; before: string; after: string } & Written> {
  const w = await makeWorld(row);
  const before = await snapshot(w);
  const since = await mark(w);
  const result = await run(path, w, row.way);
  const after = await snapshot(w);
  return { w, said: result, before, after, ...(await written(w, marks.get(w) ?? since)) };
}

// What each kind of path writes when it enrolls or removes S.
const ENROLLED = { admin: "ENROLLED S ADMIN", self: "ENROLLED S SELF", api: "ENROLLED S API", import: "ENROLLED S IMPORT", undo: "ENROLLED S ADMIN restored by undo" };
const DROPPED = { admin: "DROPPED S ADMIN", self: "DROPPED S SELF", api: "DROPPED S API", import: "DROPPED S IMPORT removed by import", undo: "DROPPED S ADMIN undone" };
const enrolledBy = {
  admin: { events: [ENROLLED.admin], told: ["S ADDED"] },
  self: { events: [ENROLLED.self], told: [] },
  api: { events: [ENROLLED.api], told: ["S ADDED"] },
  import: { events: [ENROLLED.import], told: [] },
  undo: { events: [ENROLLED.undo], told: ["S ADDED"] },
};
const droppedBy = {
  admin: { events: [DROPPED.admin], told: ["S REMOVED"] },
  self: { events: [DROPPED.self], told: [] },
  api: { events: [DROPPED.api], told: ["S REMOVED"] },
  import: { events: [DROPPED.import], told: [] },
  undo: { events: [DROPPED.undo], told: ["S REMOVED"] },
};
/** Every school path enrolls (or removes) as it would anywhere: the row's rule is a student's only. */
const schoolPathsEnroll = { "admin tick": enrolledBy.admin, "admin anyway": enrolledBy.admin, "admin Save": enrolledBy.admin, API: enrolledBy.api, import: enrolledBy.import, undo: enrolledBy.undo };
const schoolPathsDrop = { "admin tick": droppedBy.admin, "admin anyway": droppedBy.admin, "admin Save": droppedBy.admin, API: droppedBy.api, import: droppedBy.import, undo: droppedBy.undo };

const ROWS: Row[] = [
  {
    rule: "seats left: enrolled",
    way: "enroll",
    setup: async () => {},
    expect: { ...schoolPathsEnroll, "student tick": enrolledBy.self, "student Save": enrolledBy.self },
  },
  {
    rule: "full: refused, the same words everywhere; only an admin may go past it, with a reason",
    way: "enroll",
    course: { capacity: 1 },
    setup: async (w) => void (await place(w, "T", "in")),
    expect: {
      "admin tick": (w) => ({ refused: `${w.course.code} is full: 1 of 1.` }),
      "admin anyway": { events: ["ENROLLED S ADMIN over capacity (2 of 1): lab partner"], told: ["S ADDED"] },
      "admin Save": (w) => ({ refused: `${w.course.code} is full: 1 of 1.` }),
      "student tick": (w) => ({ refused: `${w.course.code} is full: 1 of 1. You can join the waitlist.` }),
      "student Save": (w) => ({ refused: `${w.course.code} is full: 1 of 1. You can join the waitlist.` }),
      API: (w) => ({ refused: `${w.course.code} is full: 1 of 1.` }),
      import: (w) => ({ refused: `${w.course.code} would have 2 of 1 seats taken.` }),
      undo: (w) => ({ refused: `${w.course.code} is full: 1 of 1.` }),
    },
  },
  {
    rule: "a drop from a full class seats the first on its waitlist (an admin's tick asks first)",
    way: "drop",
    course: { capacity: 1 },
    setup: async (w) => {
      await seatFixture(w.s.id, w.course.id, "in");
      await place(w, "W", "waiting");
    },
    expect: {
      "admin tick": (w) => ({ refused: `Removing ${w.s.name} gives the seat to ${w.names.get("W")} from the waitlist.` }),
      "admin anyway": { events: [DROPPED.admin, "ENROLLED W WAITLIST promoted from the waitlist"], told: ["S REMOVED", "W PROMOTED"] },
      "admin Save": { events: [DROPPED.admin, "ENROLLED W WAITLIST promoted from the waitlist"], told: ["S REMOVED", "W PROMOTED"] },
      "student tick": { events: [DROPPED.self, "ENROLLED W WAITLIST promoted from the waitlist"], told: ["W PROMOTED"] },
      "student Save": { events: [DROPPED.self, "ENROLLED W WAITLIST promoted from the waitlist"], told: ["W PROMOTED"] },
      API: { events: [DROPPED.api, "ENROLLED W WAITLIST promoted from the waitlist"], told: ["S REMOVED", "W PROMOTED"] },
      import: { events: [DROPPED.import, "ENROLLED W WAITLIST promoted from the waitlist"], told: ["W PROMOTED"] },
    },
    note: "undo: a Save that added S to a full class would have needed 'Enroll anyway' first; the undo of that is the next row",
  },
  {
    rule: "an undo gives a seat back: the one it seated from the waitlist goes back to their place in line",
    way: "enroll",
    course: { capacity: 1 },
    setup: async (w) => void (await place(w, "W", "waiting")),
    expect: {
      undo: { events: ["DROPPED W ADMIN undone", ENROLLED.undo, "WAITLISTED W ADMIN back in line by undo"], told: ["W REMOVED", "S ADDED"] },
    },
    note: "the Save undone removed S and seated W; only an undo puts a student back in line",
  },
  {
    rule: "the window has not opened: a student is refused with when it opens",
    way: "enroll",
    course: { opensAt: TOMORROW },
    setup: async () => {},
    expect: {
      ...schoolPathsEnroll,
      "student tick": (w) => ({ refused: `Enrollment in ${w.course.code} opens ${formatDateTime(TOMORROW)}.` }),
      "student Save": (w) => ({ refused: `Enrollment in ${w.course.code} opens ${formatDateTime(TOMORROW)}.` }),
    },
  },
  {
    rule: "the window has closed: a student is refused with when it closed",
    way: "enroll",
    course: { closesAt: AN_HOUR_AGO },
    setup: async () => {},
    expect: {
      ...schoolPathsEnroll,
      "student tick": (w) => ({ refused: `Enrollment in ${w.course.code} closed ${formatDateTime(AN_HOUR_AGO)}.` }),
      "student Save": (w) => ({ refused: `Enrollment in ${w.course.code} closed ${formatDateTime(AN_HOUR_AGO)}.` }),
    },
  },
  {
    rule: "a join code, missing: a student is refused",
    way: "enroll",
    course: { joinCode: "RULE-42" },
    setup: async () => {},
    expect: {
      ...schoolPathsEnroll,
      "student tick": (w) => ({ refused: `${w.course.code} needs a join code: ask your teacher for it.` }),
      "student Save": (w) => ({ refused: `${w.course.code} needs a join code: ask your teacher for it.` }),
    },
  },
  {
    rule: "a join code, wrong: a student is refused",
    way: "enroll",
    course: { joinCode: "RULE-42" },
    setup: async (w) => void (w.joinCode = "RULE-43"),
    expect: {
      "student tick": (w) => ({ refused: `That join code is not right for ${w.course.code}.` }),
      "student Save": (w) => ({ refused: `That join code is not right for ${w.course.code}.` }),
    },
  },
  {
    rule: "a join code, right (any case, spaces around): enrolled",
    way: "enroll",
    course: { joinCode: "RULE-42" },
    setup: async (w) => void (w.joinCode = " rule-42 "),
    expect: { "student tick": enrolledBy.self, "student Save": enrolledBy.self },
  },
  {
    rule: "past the drop deadline: a student is refused; the school may still remove them",
    way: "drop",
    course: { dropDeadline: AN_HOUR_AGO },
    setup: async (w) => seatFixture(w.s.id, w.course.id, "in"),
    expect: {
      ...schoolPathsDrop,
      undo: undefined,
      "student tick": (w) => ({ refused: `The drop deadline for ${w.course.code} was ${formatDateTime(AN_HOUR_AGO)}: ask an admin.` }),
      "student Save": (w) => ({ refused: `The drop deadline for ${w.course.code} was ${formatDateTime(AN_HOUR_AGO)}: ask an admin.` }),
    },
    note: "undo: the undo of an admin's enroll removes, as the undo row of 'seats left' (drop) shows",
  },
  {
    rule: "the undo of an admin's enrollment removes it, told",
    way: "drop",
    setup: async () => {},
    expect: { undo: droppedBy.undo },
  },
  {
    rule: "a clash: a student is refused, an admin's tick asked, every other school path records it",
    way: "enroll",
    course: { meetings: meets("Mon 09:30-10:30") },
    setup: async (w) => {
      const other = await makeOpenCourse({ meetings: meets("Mon 09:00-10:00") });
      w.other = other;
      await seatFixture(w.s.id, other.id, "in");
    },
    expect: {
      "admin tick": (w) => ({ refused: `${w.course.code} (Mon 09:30–10:30) clashes with ${w.other!.code} (Mon 09:00–10:00), which ${w.s.name} is in.` }),
      "admin anyway": (w) => ({ events: [`${ENROLLED.admin} clashes with ${w.other!.code} (Mon 09:00–10:00)`], told: ["S ADDED"] }),
      "admin Save": (w) => ({ events: [`${ENROLLED.admin} clashes with ${w.other!.code} (Mon 09:00–10:00)`], told: ["S ADDED"] }),
      "student tick": (w) => ({ refused: `${w.course.code} (Mon 09:30–10:30) clashes with ${w.other!.code} (Mon 09:00–10:00), which you're in.` }),
      "student Save": (w) => ({ refused: `${w.course.code} (Mon 09:30–10:30) clashes with ${w.other!.code} (Mon 09:00–10:00), which you're in.` }),
      API: (w) => ({ events: [`${ENROLLED.api} clashes with ${w.other!.code} (Mon 09:00–10:00)`], told: ["S ADDED"] }),
      import: (w) => ({ events: [`${ENROLLED.import} clashes with ${w.other!.code} (Mon 09:00–10:00)`], told: [] }),
      undo: enrolledBy.undo,
    },
    note: "undo puts back what was: it doesn't ask about clashes",
  },
  {
    rule: "already enrolled: refused by name, or nothing to do",
    way: "enroll",
    setup: async (w) => seatFixture(w.s.id, w.course.id, "in"),
    expect: {
      "admin tick": (w) => ({ refused: `${w.s.name} is already enrolled in ${w.course.code}.` }),
      "admin anyway": (w) => ({ refused: `${w.s.name} is already enrolled in ${w.course.code}.` }),
      "admin Save": { events: [], told: [] },
      "student tick": (w) => ({ refused: `${w.s.name} is already enrolled in ${w.course.code}.` }),
      "student Save": { events: [], told: [] },
      API: { events: [], told: [] },
      import: { events: [], told: [] },
    },
    note: "a Save sends only what changed; the API answers 'unchanged'; an import counts it unchanged",
  },
  {
    rule: "managed by the school: a student can neither enroll",
    way: "enroll",
    course: { selfEnrollment: false },
    setup: async () => {},
    expect: {
      ...schoolPathsEnroll,
      "student tick": (w) => ({ refused: `${w.course.code} is not open for self-enrollment: ask your school.` }),
      "student Save": (w) => ({ refused: `${w.course.code} is not open for self-enrollment: ask your school.` }),
    },
  },
  {
    rule: "managed by the school: ... nor drop",
    way: "drop",
    course: { selfEnrollment: false },
    setup: async (w) => seatFixture(w.s.id, w.course.id, "in"),
    expect: {
      ...schoolPathsDrop,
      undo: undefined,
      "student tick": (w) => ({ refused: `${w.course.code} is managed by your school: ask an admin to remove you.` }),
      "student Save": (w) => ({ refused: `${w.course.code} is managed by your school: ask an admin to remove you.` }),
    },
  },
  {
    rule: "a hold: a student is refused, saying whom to see; an admin's tick asked, then passed with a reason; every other school path records it",
    way: "enroll",
    setup: async (w) => void (await holdOn(w.s.id)),
    expect: {
      "admin tick": (w) => ({ refused: `${w.s.name} has a hold: Unpaid fees. The bursar's office can lift it.` }),
      "admin anyway": { events: [`${ENROLLED.admin} ${PASSES}: lab partner`], told: ["S ADDED"] },
      "admin Save": { events: [`${ENROLLED.admin} ${PASSES}`], told: ["S ADDED"] },
      "student tick": { refused: "A hold stops you adding classes: Unpaid fees. See the bursar's office to have it lifted." },
      "student Save": { refused: "A hold stops you adding classes: Unpaid fees. See the bursar's office to have it lifted." },
      API: { events: [`${ENROLLED.api} ${PASSES}`], told: ["S ADDED"] },
      import: { events: [`${ENROLLED.import} ${PASSES}`], told: [] },
      undo: enrolledBy.undo,
    },
    note: "undo puts back what was: it doesn't ask about holds",
  },
  {
    rule: "a hold lifted holds no more",
    way: "enroll",
    setup: async (w) => {
      const hold = await holdOn(w.s.id);
      await db.hold.update({ where: { id: hold.id }, data: { liftedAt: new Date(), liftedBy: "Rules Admin" } });
    },
    expect: { ...schoolPathsEnroll, "student tick": enrolledBy.self, "student Save": enrolledBy.self },
  },
  {
    rule: "a hold never stops a drop",
    way: "drop",
    setup: async (w) => {
      await seatFixture(w.s.id, w.course.id, "in");
      await holdOn(w.s.id);
    },
    expect: { ...schoolPathsDrop, undo: undefined, "student tick": droppedBy.self, "student Save": droppedBy.self },
    note: "undo: the undo of an admin's enroll removes, as the undo row of 'seats left' (drop) shows",
  },
  {
    rule: "before the student's registration time (their group's window): a student is refused with when it opens; the school enrolls as ever",
    way: "enroll",
    setup: (w) => windowed(w, { slots: [TOMORROW], group: "S" }),
    expect: {
      ...schoolPathsEnroll,
      "student tick": (w) => ({ refused: `Your registration for ${w.termName} opens ${formatDateTime(TOMORROW)}.` }),
      "student Save": (w) => ({ refused: `Your registration for ${w.termName} opens ${formatDateTime(TOMORROW)}.` }),
    },
  },
  {
    rule: "the student's registration time has come: enrolled",
    way: "enroll",
    setup: (w) => windowed(w, { slots: [AN_HOUR_AGO], group: "S" }),
    expect: { "student tick": enrolledBy.self, "student Save": enrolledBy.self },
  },
  {
    rule: "every student's window, open: enrolled",
    way: "enroll",
    setup: (w) => windowed(w, { slots: [AN_HOUR_AGO], group: "everyone" }),
    expect: { "student tick": enrolledBy.self, "student Save": enrolledBy.self },
  },
  {
    rule: "a term by windows with none of the student's: refused, ask an admin",
    way: "enroll",
    setup: (w) => windowed(w, { slots: [AN_HOUR_AGO], group: "others" }),
    expect: {
      "admin tick": enrolledBy.admin,
      "student tick": (w) => ({ refused: `Registration for ${w.termName} opens by group, and no window is yours yet: ask an admin.` }),
      "student Save": (w) => ({ refused: `Registration for ${w.termName} opens by group, and no window is yours yet: ask an admin.` }),
    },
  },
  {
    rule: "a group in random slots: the student's slot (their draw modulo the slots) is their time",
    way: "enroll",
    setup: (w) => windowed(w, { slots: [AN_HOUR_AGO, TOMORROW], group: "S", draw: 7 }),
    expect: {
      "student tick": (w) => ({ refused: `Your registration for ${w.termName} opens ${formatDateTime(TOMORROW)}.` }),
      "student Save": (w) => ({ refused: `Your registration for ${w.termName} opens ${formatDateTime(TOMORROW)}.` }),
    },
    note: "draw 7 of 2 slots: slot 1, opening tomorrow; draw 8 would be slot 0 (next row)",
  },
  {
    rule: "a group in random slots: an earlier slot's student is in",
    way: "enroll",
    setup: (w) => windowed(w, { slots: [AN_HOUR_AGO, TOMORROW], group: "S", draw: 8 }),
    expect: { "student tick": enrolledBy.self, "student Save": enrolledBy.self },
  },
  {
    rule: "the load limit: a student at it is refused (drop one, or ask for an overload); an admin's tick asked, then passed with a reason; the school's other paths record it",
    way: "enroll",
    setup: (w) => loadOfOne(w, { loadLimit: 1 }),
    expect: {
      "admin tick": (w) => ({ refused: `${w.s.name} is in 1 class of ${w.termName}, the most a student may take.` }),
      "admin anyway": (w) => ({ events: [`${ENROLLED.admin} passes the load limit (2 of 1 in ${w.termName}): lab partner`], told: ["S ADDED"] }),
      "admin Save": (w) => ({ events: [`${ENROLLED.admin} passes the load limit (2 of 1 in ${w.termName})`], told: ["S ADDED"] }),
      "student tick": (w) => ({ refused: `You are in 1 class of ${w.termName}, the most a student may take. Drop one first, or ask an admin to allow an overload.` }),
      "student Save": (w) => ({ refused: `You are in 1 class of ${w.termName}, the most a student may take. Drop one first, or ask an admin to allow an overload.` }),
      API: (w) => ({ events: [`${ENROLLED.api} passes the load limit (2 of 1 in ${w.termName})`], told: ["S ADDED"] }),
      import: (w) => ({ events: [`${ENROLLED.import} passes the load limit (2 of 1 in ${w.termName})`], told: [] }),
      undo: enrolledBy.undo,
    },
    note: "undo puts back what was",
  },
  {
    rule: "the load limit before its later one: refused, saying when it rises",
    way: "enroll",
    setup: (w) => loadOfOne(w, { loadLimit: 1, loadLimitFrom: TOMORROW, loadLimitLater: 2 }),
    expect: {
      "student tick": (w) => ({ refused: `You are in 1 class of ${w.termName}, the most a student may take until ${formatDateTime(TOMORROW)} (then 2).` }),
      "student Save": (w) => ({ refused: `You are in 1 class of ${w.termName}, the most a student may take until ${formatDateTime(TOMORROW)} (then 2).` }),
    },
  },
  {
    rule: "the load limit after its later one: the later holds",
    way: "enroll",
    setup: (w) => loadOfOne(w, { loadLimit: 1, loadLimitFrom: AN_HOUR_AGO, loadLimitLater: 2 }),
    expect: { ...schoolPathsEnroll, "student tick": enrolledBy.self, "student Save": enrolledBy.self },
  },
  {
    rule: "the load limit never stops a drop",
    way: "drop",
    setup: async (w) => {
      await loadOfOne(w, { loadLimit: 1 });
      await seatFixture(w.s.id, w.course.id, "in");
    },
    expect: { ...schoolPathsDrop, undo: undefined, "student tick": droppedBy.self, "student Save": droppedBy.self },
  },
];

describe("the rules table: every rule through every path", () => {
  for (const row of ROWS) {
    for (const path of PATHS) {
      const cell = row.expect[path];
      if (!cell) continue;
      it(`${row.rule} | ${path}`, async () => {
        const got = await outcome(row, path);
        const expected = typeof cell === "function" ? cell(got.w) : cell;
        if ("refused" in expected) {
          expect(got.said.ok, `${path} should refuse`).toBe(false);
          expect((got.said as { message: string }).message).toContain(expected.refused);
          // A refusal writes nothing (the undo's own Save aside, made before it).
          if (path !== "undo") expect(got.after).toBe(got.before);
          expect({ events: got.events, told: got.told }).toEqual({ events: [], told: [] });
        } else {
          expect(got.said).toEqual({ ok: true });
          expect({ events: got.events, told: got.told }).toEqual(expected);
          // An import's preview lists (from the files' times) the clashes its apply records (from the written data): the same.
          if (path === "import") expect(got.w.previewClashes).toBe(got.events.filter((e) => e.includes("clashes with")).length);
        }
      });
    }
  }
});

describe("the rules table: waitlists", () => {
  const full = async () => {
    return makeWorld({ course: { capacity: 1 }, setup: async (w) => void (await place(w, "T", "in")) });
  };

  it("a student joins a full class's waitlist and is told their place; a class with seats left is to enroll in", async () => {
    const w = await full();
    const since = await mark(w);
    expect(await joinMyWaitlist(w.viewer, { courseId: w.course.id })).toMatchObject({ ok: true, value: { position: 1 } });
    expect(await written(w, since)).toEqual({ events: ["WAITLISTED S SELF"], told: [] });
    const open = await makeWorld({ setup: async () => {} });
    expect(await joinMyWaitlist(open.viewer, { courseId: open.course.id })).toEqual({ ok: false, message: `${open.course.code} has seats left: enroll instead.` });
  });

  it("the window and the join code hold for joining a waitlist as for enrolling", async () => {
    const w = await makeWorld({ course: { capacity: 1, joinCode: "WAIT-42" }, setup: async (x) => void (await place(x, "T", "in")) });
    expect(await joinMyWaitlist(w.viewer, { courseId: w.course.id })).toEqual({ ok: false, message: `${w.course.code} needs a join code: ask your teacher for it.` });
    expect(await joinMyWaitlist(w.viewer, { courseId: w.course.id, joinCode: "wait-42" })).toMatchObject({ ok: true });
  });

  it("a hold stops a student joining a waitlist; a promotion passes over a held student, who is seated once it is lifted", async () => {
    const w = await full();
    await holdOn(w.s.id);
    expect(await joinMyWaitlist(w.viewer, { courseId: w.course.id })).toEqual({ ok: false, message: "A hold stops you adding classes: Unpaid fees. See the bursar's office to have it lifted.", code: "rule" });
    // S waits (from before the hold), then W; T drops: W is seated, S keeps their place.
    await seatFixture(w.s.id, w.course.id, "waiting");
    await place(w, "W", "waiting");
    const t = [...w.label].find(([, who]) => who === "T")![0];
    const since = await mark(w);
    expect(await setEnrollment(w.admin, { studentId: t, courseId: w.course.id, enrolled: false, confirmed: true })).toMatchObject({ ok: true });
    expect(await written(w, since)).toEqual({ events: ["DROPPED T ADMIN", "ENROLLED W WAITLIST promoted from the waitlist"], told: ["T REMOVED", "W PROMOTED"] });
    expect(await db.waitlistEntry.count({ where: { studentId: w.s.id, courseId: w.course.id } })).toBe(1);
    // W drops: the seat waits for S while the hold holds; lifting it seats them.
    const w2 = [...w.label].find(([, who]) => who === "W")![0];
    const beforeDrop = await mark(w);
    expect(await setEnrollment(w.admin, { studentId: w2, courseId: w.course.id, enrolled: false, confirmed: true })).toMatchObject({ ok: true });
    expect(await written(w, beforeDrop)).toEqual({ events: ["DROPPED W ADMIN"], told: ["W REMOVED"] });
    const hold = await db.hold.findFirstOrThrow({ where: { studentId: w.s.id } });
    const beforeLift = await mark(w);
    expect(await liftHold(w.admin, hold.id, { note: "paid" })).toEqual({ ok: true, value: { promoted: 1 } });
    expect(await written(w, beforeLift)).toEqual({ events: ["ENROLLED S WAITLIST promoted from the waitlist"], told: ["S PROMOTED"] });
  });

  it("a promotion passes over a student at their load limit, who keeps their place", async () => {
    const w = await full();
    await loadOfOne(w, { loadLimit: 1 });
    await seatFixture(w.s.id, w.course.id, "waiting");
    await place(w, "W", "waiting");
    const t = [...w.label].find(([, who]) => who === "T")![0];
    const since = await mark(w);
    expect(await setEnrollment(w.admin, { studentId: t, courseId: w.course.id, enrolled: false, confirmed: true })).toMatchObject({ ok: true });
    expect(await written(w, since)).toEqual({ events: ["DROPPED T ADMIN", "ENROLLED W WAITLIST promoted from the waitlist"], told: ["T REMOVED", "W PROMOTED"] });
    expect(await db.waitlistEntry.count({ where: { studentId: w.s.id, courseId: w.course.id } })).toBe(1);
  });

  it("an admin seats a waiting student (capacity still holds) or takes them off, and they are told", async () => {
    const w = await full();
    await seatFixture(w.s.id, w.course.id, "waiting");
    expect(await admitFromWaitlist(w.admin, { studentId: w.s.id, courseId: w.course.id })).toEqual({ ok: false, message: `${w.course.code} is full: 1 of 1.`, code: "full", course: { code: w.course.code, enrolledCount: 1, capacity: 1 } });
    const since = await mark(w);
    expect(await removeFromWaitlist(w.admin, { studentId: w.s.id, courseId: w.course.id })).toEqual({ ok: true, value: null });
    expect(await written(w, since)).toEqual({ events: ["UNWAITLISTED S ADMIN"], told: ["S UNWAITLISTED"] });

    const open = await makeWorld({ setup: async () => {} });
    await seatFixture(open.s.id, open.course.id, "waiting");
    const before = await mark(open);
    expect(await admitFromWaitlist(open.admin, { studentId: open.s.id, courseId: open.course.id })).toMatchObject({ ok: true });
    expect(await written(open, before)).toEqual({ events: ["ENROLLED S ADMIN admitted from the waitlist"], told: ["S ADDED"] });
  });
});
