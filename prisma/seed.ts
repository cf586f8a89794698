/**
 * Demo data: ~200 students, 20 classes of the current term (and a next term,
 * empty, to copy them into), 6 teachers, ~1,000 enrollments with dates over
 * the past months, and one account per role. Idempotent: a
 * database that already has students is left alone.
 *
 *   npm run db:seed
 */
import { createClient } from "@/lib/server/db";
import { hashPassword } from "@/lib/server/password";
import { parseMeetings } from "@/lib/meetings";
import { splitFullName, withNames } from "@/lib/names";

export const DEMO_ACCOUNTS = {
  admin: { email: "admin@rollbook.test", password: "rollbook-admin", name: "Ada Admin" },
  teacher: { email: "teacher@rollbook.test", password: "rollbook-teacher", name: "Grace Hopper" },
  teacher2: { email: "teacher2@rollbook.test", password: "rollbook-teacher", name: "Alan Turing" },
  student: { email: "student@rollbook.test", password: "rollbook-student", name: "Sam Student" },
  student2: { email: "student2@rollbook.test", password: "rollbook-student", name: "Rita Reyes" },
} as const;

/**
 * Classes set up to show self-enrollment: one needs a join code, one is
 * nearly full, one is full with a waitlist, one opens next week, one closed.
 * Sam Student (the demo student) is in none of them.
 */
export const DEMO_SETUPS = {
  joinCode: { code: "BIO-110", joinCode: "BIO-7K2" },
  nearlyFull: { code: "CS-201", enrolled: 38 },
  fullWithWaitlist: { code: "ART-105", waiting: 3 },
  notYetOpen: { code: "MUS-110" },
  closed: { code: "FREN-101" },
  managed: { code: "PE-100" },
} as const;

const FIRST = `Amara Ben Chloe Dmitri Elena Farid Grace Hugo Ines Jonah Keiko Liam Maya Noah Olga Pablo Quinn Rosa Sven Tara
Umar Vera Wen Ximena Yusuf Zoe Aiden Bea Carlos Dana Emil Fatima Gus Hana Ivan Jade Kofi Lena Mateo Nia`.split(/\s+/);
const LAST = `Okafor Schmidt Nguyen Rossi Kowalski Haddad Silva Tanaka Murphy Johansson Patel Garcia Novak Cohen Dubois
Andersen Costa Yamamoto Byrne Fischer Ali Moreau Kim Lopez Ivanova Mensah Larsen Romano Singh Walsh`.split(/\s+/);

/**
 * When the demo classes meet: twice a week each, at a time no other demo
 * class meets (so the seeded students have no clashes; a new class at the
 * same time as one of theirs shows what a clash does).
 */
const PERIODS = ["08:00-08:50", "09:00-09:50", "10:00-10:50", "11:00-11:50", "13:00-13:50", "14:00-14:50", "15:00-15:50", "16:00-16:50"];
const PLACES = ["Room 101", "Room 102", "Room 204", "Lab 1", "Room 210", "Lab 2", "Room 305", "Room 110", "Hall", "Lab 3", "Studio"];
/** "Mon Wed 09:00-09:50 Room 204": the i-th demo class's meetings, as the class form writes them. */
export function demoMeetings(index: number): string {
  const room = PLACES[index % PLACES.length];
  if (index < 8) return `Mon Wed ${PERIODS[index]} ${room}`;
  if (index < 16) return `Tue Thu ${PERIODS[index - 8]} ${room}`;
  return `Fri ${PERIODS[index - 16]} ${room}\nFri ${PERIODS[index - 12]} ${room}`;
}

const COURSES: [code: string, title: string, capacity: number | null][] = [
  ["MATH-101", "Algebra I", 80],
  ["MATH-201", "Calculus", 60],
  ["STAT-200", "Statistics", 70],
  ["ENG-101", "Composition", 90],
  ["LIT-210", "World Literature", 70],
  ["BIO-110", "Biology", 80],
  ["CHEM-120", "Chemistry", 75],
  ["PHYS-130", "Physics", 70],
  ["HIST-140", "Modern History", 80],
  ["GEO-120", "Geography", 70],
  ["ECON-150", "Economics", 70],
  ["PSY-101", "Psychology", 80],
  ["PHIL-101", "Philosophy", null],
  ["CS-101", "Programming I", 70],
  ["CS-201", "Data Structures", 40],
  ["SPAN-101", "Spanish I", 60],
  ["FREN-101", "French I", 60],
  ["ART-105", "Drawing", 30],
  ["MUS-110", "Music Theory", 45],
  ["PE-100", "Physical Education", null],
];

const TEACHERS = ["Grace Hopper", "Alan Turing", "Katherine Johnson", "Edsger Dijkstra", "Mary Somerville", "Carl Sagan"];

/** A small deterministic PRNG so every fresh seed gives the same school. */
export function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z]+/g, ".");

const SEASONS = ["Spring", "Summer", "Autumn"] as const;
/** The season a month falls in: January-April spring, May-August summer, September-December autumn. */
const seasonOf = (date: Date) => Math.floor(date.getMonth() / 4);

/**
 * Two demo terms around today: the current one (begun two months ago, ending
 * in two, after the demo classes' windows close) and the next (starting in
 * ten weeks), named by season.
 */
export function demoTerms(now: Date) {
  const day = (offset: number) => new Date(now.getFullYear(), now.getMonth(), now.getDate() + offset);
  const season = seasonOf(now);
  const nextSeason = (season + 1) % SEASONS.length;
  const nextYear = now.getFullYear() + (nextSeason === 0 ? 1 : 0);
  return [
    { id: "demo-term-current", name: `${SEASONS[season]} ${now.getFullYear()}`, startsOn: day(-60), endsOn: day(60) },
    { id: "demo-term-next", name: `${SEASONS[nextSeason]} ${nextYear}`, startsOn: day(75), endsOn: day(195) },
  ];
}

export async function seed(db = createClient()) {
  if ((await db.student.count()) > 0) {
    console.log("Demo data already present: nothing to do.");
    return false;
  }
  const random = mulberry32(20260901);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;
  const now = Date.now();
  const DAY = 24 * 60 * 60 * 1000;

  const teachers = TEACHERS.map((name, i) => ({
    id: `demo-teacher-${i + 1}`,
    ...withNames(splitFullName(name)),
    email: i === 0 ? DEMO_ACCOUNTS.teacher.email : i === 1 ? DEMO_ACCOUNTS.teacher2.email : `${slug(name)}@rollbook.test`,
  }));
  const students = Array.from({ length: 200 }, (_, i) => {
    const account = i === 0 ? DEMO_ACCOUNTS.student : i === 1 ? DEMO_ACCOUNTS.student2 : null;
    const person = withNames(account ? splitFullName(account.name) : { givenName: pick(FIRST), familyName: pick(LAST) });
    return {
      id: `demo-student-${String(i + 1).padStart(3, "0")}`,
      ...person,
      email: account ? account.email : `${slug(person.name)}.${i + 1}@students.rollbook.test`,
      studentNumber: `S${String(26000 + i + 1)}`,
    };
  });
  const { joinCode, nearlyFull, fullWithWaitlist, notYetOpen, closed, managed } = DEMO_SETUPS;
  const terms = demoTerms(new Date(now));
  const courses = COURSES.map(([code, title, capacity], i) => ({
    id: `demo-class-${code.toLowerCase()}`,
    code,
    title,
    capacity,
    description: `${title}: a demo class.`,
    teacherId: teachers[i % teachers.length]!.id,
    termId: terms[0]!.id,
    selfEnrollment: code !== managed.code,
    opensAt: new Date(now + (code === notYetOpen.code ? 7 : -30) * DAY),
    closesAt: new Date(now + (code === closed.code ? -3 : 45) * DAY),
    dropDeadline: new Date(now + 21 * DAY),
    joinCode: code === joinCode.code ? joinCode.joinCode : null,
  }));
  const idOf = (code: string) => `demo-class-${code.toLowerCase()}`;
  // Filled exactly below, not at random.
  const exact = new Map<string, number>([
    [idOf(nearlyFull.code), nearlyFull.enrolled],
    [idOf(fullWithWaitlist.code), COURSES.find(([c]) => c === fullWithWaitlist.code)![2]!],
  ]);
  const keepSamOut = new Set([idOf(joinCode.code), ...exact.keys()]);

  const enrollments: { studentId: string; courseId: string; enrolledAt: Date }[] = [];
  const enroll = (studentId: string, courseId: string) =>
    enrollments.push({
      studentId,
      courseId,
      enrolledAt: new Date(now - (2 + Math.floor(random() * 150)) * DAY - Math.floor(random() * DAY)),
    });
  // About five classes per student, never past a class's capacity.
  const seats = new Map(courses.map((c) => [c.id, exact.has(c.id) ? 0 : (c.capacity ?? Infinity)]));
  for (const [i, student] of students.entries()) {
    const wanted = 3 + Math.floor(random() * 5);
    const chosen = new Set<string>();
    for (let tries = 0; chosen.size < wanted && tries < 40; tries++) {
      const course = pick(courses);
      if (chosen.has(course.id) || (seats.get(course.id) ?? 0) <= 0) continue;
      if (i < 2 && keepSamOut.has(course.id)) continue;
      chosen.add(course.id);
      seats.set(course.id, (seats.get(course.id) ?? 0) - 1);
      enroll(student.id, course.id);
    }
  }
  // The nearly full and the full class, then three students waiting for the full one.
  const others = students.slice(2);
  for (const [courseId, n] of exact) {
    const start = Math.floor(random() * 50);
    for (const student of others.slice(start, start + n)) enroll(student.id, courseId);
  }
  const fullId = idOf(fullWithWaitlist.code);
  const inFull = new Set(enrollments.filter((e) => e.courseId === fullId).map((e) => e.studentId));
  const waitlist = others
    .filter((s) => !inFull.has(s.id))
    .slice(0, fullWithWaitlist.waiting)
    .map((s, i) => ({ studentId: s.id, courseId: fullId, joinedAt: new Date(now - (3 - i) * DAY) }));
  enrollments.sort((a, b) => a.enrolledAt.getTime() - b.enrolledAt.getTime());
  const counts = new Map<string, number>();
  for (const e of enrollments) counts.set(e.courseId, (counts.get(e.courseId) ?? 0) + 1);

  const [adminHash, teacherHash, studentHash, student2Hash] = await Promise.all([
    hashPassword(DEMO_ACCOUNTS.admin.password),
    hashPassword(DEMO_ACCOUNTS.teacher.password),
    hashPassword(DEMO_ACCOUNTS.student.password),
    hashPassword(DEMO_ACCOUNTS.student2.password),
  ]);
  const adminId = "demo-user-admin";
  const names = new Map(students.map((s) => [s.id, s.name]));
  const codes = new Map(courses.map((c) => [c.id, c.code]));

  await db.$transaction(async (tx) => {
    // The next term's load limit (decision 040): 5 classes during its priority windows, then 6.
    // (Not the current term's: the e2e stories enroll the demo students in many classes of it.)
    const nextStarts = terms[1]!.startsOn;
    const generalOpening = new Date(nextStarts.getFullYear(), nextStarts.getMonth(), nextStarts.getDate() - 14, 9, 0);
    await tx.term.createMany({
      data: terms.map((t, i) => (i === 1 ? { ...t, loadLimit: DEMO_LOAD_LIMIT - 1, loadLimitFrom: generalOpening, loadLimitLater: DEMO_LOAD_LIMIT } : t)),
    });
    await tx.teacher.createMany({ data: teachers });
    // Each student was added before their first enrollment (as a school's would be), not on the day the demo was made.
    const firstEnrolled = new Map<string, number>();
    for (const e of enrollments) if (!firstEnrolled.has(e.studentId)) firstEnrolled.set(e.studentId, e.enrolledAt.getTime());
    await tx.student.createMany({ data: students.map((st) => ({ ...st, createdAt: new Date((firstEnrolled.get(st.id) ?? now - 150 * DAY) - 7 * DAY) })) });
    await tx.course.createMany({ data: courses.map((c) => ({ ...c, enrolledCount: counts.get(c.id) ?? 0 })) });
    await tx.meeting.createMany({
      data: courses.flatMap((c, i) => {
        const parsed = parseMeetings(demoMeetings(i));
        if (!parsed.ok) throw new Error(parsed.message);
        return parsed.meetings.map((m) => ({ courseId: c.id, day: m.day, startMinute: m.start, endMinute: m.end, room: m.room }));
      }),
    });
    await tx.user.createMany({
      data: [
        { id: adminId, ...pickLogin(DEMO_ACCOUNTS.admin), passwordHash: adminHash, role: "ADMIN" },
        {
          ...pickLogin(DEMO_ACCOUNTS.teacher),
          passwordHash: teacherHash,
          role: "TEACHER",
          teacherId: teachers[0]!.id,
        },
        {
          ...pickLogin(DEMO_ACCOUNTS.teacher2),
          passwordHash: teacherHash,
          role: "TEACHER",
          teacherId: teachers[1]!.id,
        },
        {
          ...pickLogin(DEMO_ACCOUNTS.student),
          passwordHash: studentHash,
          role: "STUDENT",
          studentId: students[0]!.id,
        },
        {
          ...pickLogin(DEMO_ACCOUNTS.student2),
          passwordHash: student2Hash,
          role: "STUDENT",
          studentId: students[1]!.id,
        },
      ],
    });
    await tx.enrollment.createMany({
      data: enrollments.map((e) => ({ ...e, source: "ADMIN" as const, enrolledById: adminId })),
    });
    await tx.enrollmentEvent.createMany({
      data: historyOf(enrollments, { type: "ENROLLED", source: "ADMIN", actorId: adminId }, names, codes),
    });
    await tx.waitlistEntry.createMany({ data: waitlist });
    // Registration windows (decision 041) for the next term: the seniors first, in two random slots a day apart, then everyone.
    await tx.studentGroup.create({ data: { id: DEMO_GROUP.id, name: DEMO_GROUP.name } });
    await tx.studentGroupMember.createMany({ data: students.slice(100, 130).map((st, i) => ({ groupId: DEMO_GROUP.id, studentId: st.id, draw: (i * 7919) % 10_000 })) });
    const next = terms[1]!;
    const at9 = (daysBefore: number) => new Date(next.startsOn.getFullYear(), next.startsOn.getMonth(), next.startsOn.getDate() - daysBefore, 9, 0);
    await tx.registrationWindow.createMany({
      data: [
        { termId: next.id, groupId: DEMO_GROUP.id, slot: 0, slots: 2, opensAt: at9(21) },
        { termId: next.id, groupId: DEMO_GROUP.id, slot: 1, slots: 2, opensAt: at9(20) },
        { termId: next.id, groupId: null, opensAt: at9(14) },
      ],
    });
    // A hold (decision 039), on the student last in the lists and on no waitlist: they see it and can't add a class.
    const held = heldDemoStudent(students, waitlist);
    const placedAt = new Date(now - 2 * DAY);
    await tx.hold.create({ data: { id: "demo-hold-1", studentId: held.id, ...DEMO_HOLD, placedAt, placedBy: DEMO_ACCOUNTS.admin.name } });
    await tx.auditEntry.create({
      data: {
        at: placedAt,
        actorId: adminId,
        actorName: DEMO_ACCOUNTS.admin.name,
        via: "PAGE",
        kind: "STUDENT",
        recordId: held.id,
        label: held.name,
        action: "HOLD_PLACED",
        changes: JSON.stringify({ hold: [null, `${DEMO_HOLD.office}: ${DEMO_HOLD.reason}`] }),
      },
    });
    await tx.enrollmentEvent.createMany({
      data: historyOf(
        waitlist.map((w) => ({ ...w, enrolledAt: w.joinedAt })),
        { type: "WAITLISTED", source: "SELF" },
        names,
        codes,
      ),
    });
  });
  console.log(
    `Seeded ${students.length} students, ${courses.length} classes, ${teachers.length} teachers, ${enrollments.length} enrollments; ${heldDemoStudent(students, waitlist).name} has a hold.`,
  );
  return true;
}

/** The event rows that record seeded links, so the history matches the data. */
export function historyOf(
  links: { studentId: string; courseId: string; enrolledAt: Date }[],
  how: { type: "ENROLLED" | "WAITLISTED"; source: "ADMIN" | "SELF"; actorId?: string },
  names: Map<string, string>,
  codes: Map<string, string>,
) {
  return links.map((l) => ({
    ...how,
    studentId: l.studentId,
    courseId: l.courseId,
    studentName: names.get(l.studentId)!,
    courseCode: codes.get(l.courseId)!,
    at: l.enrolledAt,
    ...(how.type === "ENROLLED" ? { enrolledAt: l.enrolledAt, enrolledSource: how.source } : {}),
  }));
}

/** The most of the next term's classes a demo student may be in, once everyone may register (one fewer before). */
export const DEMO_LOAD_LIMIT = 6;

/** The demo school's student group, whose window for the next term opens first. */
export const DEMO_GROUP = { id: "demo-group-seniors", name: "Seniors" } as const;

/** The demo school's hold: what it says and who lifts it. */
export const DEMO_HOLD = { reason: "Unpaid fees", office: "the bursar's office" } as const;

/** Who the demo hold is on: the student last by family name, of those without a login and on no waitlist. */
export function heldDemoStudent<S extends { id: string; sortName: string }>(students: S[], waitlist: { studentId: string }[]): S {
  const waiting = new Set(waitlist.map((w) => w.studentId));
  return students.slice(2).filter((st) => !waiting.has(st.id)).reduce((a, b) => (b.sortName > a.sortName ? b : a));
}

function pickLogin(account: { email: string; name: string }) {
  return { email: account.email, name: account.name };
}

if (process.argv[1]?.endsWith("seed.ts")) {
  seed()
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
