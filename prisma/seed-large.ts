/**
 * A large school for benchmarks: by default 10,000 students, 500 classes
 * (all in the current term, with an empty next term), 100 teachers, ~100,000 enrollments, and one class ("BIG-1000") of 1,000.
 * Every student can sign in (studentN@large.rollbook.test, password
 * rollbook-student), and every class is open for self-enrollment; about one
 * class in ten is popular: only 5 seats left, for registration day (npm run
 * bench:rush). Only into an empty database (the npm script migrates it
 * first). Sizes: --students N --classes N --teachers N --per-student N
 * (classes per student) --big N. Streams: ~330 MB at most, at any size (the
 * npm script caps the heap at 192 MB so the garbage goes early).
 *
 *   DATABASE_URL=file:./data/large.db npm run seed:large
 */
import { parseArgs } from "node:util";
import { createClient } from "@/lib/server/db";
import { withNames } from "@/lib/names";
import { hashPassword } from "@/lib/server/password";
import { DEMO_ACCOUNTS, demoTerms, historyOf, mulberry32 } from "./seed";

const { values } = parseArgs({
  options: {
    students: { type: "string", default: "10000" },
    classes: { type: "string", default: "500" },
    teachers: { type: "string", default: "100" },
    "per-student": { type: "string", default: "10" },
    big: { type: "string", default: "1000" },
  },
});
const size = {
  students: Number(values.students),
  classes: Number(values.classes),
  teachers: Number(values.teachers),
  perStudent: Number(values["per-student"]),
  big: Number(values.big),
};

const FIRST = "Amara Ben Chloe Dmitri Elena Farid Grace Hugo Ines Jonah Keiko Liam Maya Noah Olga Pablo Quinn Rosa Sven Tara".split(" ");
const LAST = "Okafor Schmidt Nguyen Rossi Kowalski Haddad Silva Tanaka Murphy Johansson Patel Garcia Novak Cohen Dubois".split(" ");
/**
 * Students per batch, written with their enrollments before the next batch
 * is made: memory stays level however large the school (it once held every
 * row at once: 1.3 GB). Small, because Prisma keeps its last 100 debug
 * messages, each with a whole query's data (an insert of 1,000 rows: ~2 MB).
 */
const BATCH = 250;
/** Seats in an ordinary class; none is filled past it. */
const CLASS_SEATS = 400;
const DAY = 86_400_000;

const studentOf = (i: number) => ({
  id: `ls-${i}`,
  // "Ada Lovelace 12": the number keeps each name its own, and is part of the family name (it sorts there).
  ...withNames({ givenName: FIRST[i % FIRST.length]!, familyName: `${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${i}` }),
  email: `student${i}@large.rollbook.test`,
  studentNumber: `L${100000 + i}`,
});

/** 0, BATCH, 2·BATCH… up to n, as [start, end) pairs. */
function* ranges(n: number): Generator<[number, number]> {
  for (let i = 0; i < n; i += BATCH) yield [i, Math.min(n, i + BATCH)];
}

async function main() {
  const db = createClient();
  if ((await db.student.count()) > 0) {
    console.error("seed:large loads only into an empty database: point DATABASE_URL at a fresh one.");
    process.exit(1);
  }
  const started = Date.now();
  const random = mulberry32(42);
  const now = Date.now();

  const teachers = Array.from({ length: size.teachers }, (_, i) => ({
    id: `lt-${i}`,
    ...withNames({ givenName: FIRST[i % FIRST.length]!, familyName: `${LAST[(i * 7) % LAST.length]} ${i}` }),
    email: i === 0 ? DEMO_ACCOUNTS.teacher.email : `teacher${i}@large.rollbook.test`,
  }));
  const courses = Array.from({ length: size.classes }, (_, i) => ({
    id: `lc-${i}`,
    code: i === 0 ? `BIG-${size.big}` : `C-${String(i).padStart(4, "0")}`,
    title: i === 0 ? "The big lecture" : `Class ${i}`,
    capacity: i === 0 ? size.big + 200 : CLASS_SEATS,
    teacherId: teachers[i % teachers.length]!.id,
    // Every class in the current term (the catalog checks each class's term).
    termId: "demo-term-current",
    selfEnrollment: true,
  }));
  const codes = new Map(courses.map((c) => [c.id, c.code]));

  await db.term.createMany({ data: demoTerms(new Date()) });
  await db.teacher.createMany({ data: teachers });
  await db.course.createMany({ data: courses });
  // Every class meets once a week, at a quarter hour no other class has
  // (up to 7 x 96 classes): every tick checks for a clash, and none is found,
  // so registration day measures what the check costs, not refusals.
  await db.meeting.createMany({
    data: courses.map((c, i) => ({ courseId: c.id, day: (i % 7) + 1, startMinute: (Math.floor(i / 7) % 96) * 15, endMinute: (Math.floor(i / 7) % 96) * 15 + 15, room: `Room ${i % 40}` })),
  });
  const [adminHash, teacherHash, studentHash] = await Promise.all([
    hashPassword(DEMO_ACCOUNTS.admin.password),
    hashPassword(DEMO_ACCOUNTS.teacher.password),
    // One hash for every student's login: a real import would hash each, but
    // 10,000 hashes would take a minute, and this is benchmark data.
    hashPassword(DEMO_ACCOUNTS.student.password),
  ]);
  await db.user.createMany({
    data: [
      { email: DEMO_ACCOUNTS.admin.email, name: DEMO_ACCOUNTS.admin.name, passwordHash: adminHash, role: "ADMIN" },
      { email: DEMO_ACCOUNTS.teacher.email, name: teachers[0]!.name, passwordHash: teacherHash, role: "TEACHER", teacherId: teachers[0]!.id },
    ],
  });

  // Students a batch at a time, each with their classes: the big class for
  // the first `big`, then random classes with seats left, `perStudent` in all.
  const taken = new Array<number>(courses.length).fill(0);
  let enrollments = 0;
  for (const [from, to] of ranges(size.students)) {
    const students = Array.from({ length: to - from }, (_, k) => studentOf(from + k));
    await db.student.createMany({ data: students });
    await db.user.createMany({
      data: students.map((s) => ({ email: s.email, name: s.name, passwordHash: studentHash, role: "STUDENT" as const, studentId: s.id })),
    });
    const links: { studentId: string; courseId: string; enrolledAt: Date; source: "ADMIN" }[] = [];
    for (const [k, student] of students.entries()) {
      const mine = new Set<number>();
      if (from + k < size.big) mine.add(0);
      for (let tries = 0; mine.size < Math.min(size.perStudent, courses.length - 1) && tries < 100; tries++) {
        const c = 1 + Math.floor(random() * (courses.length - 1));
        if (taken[c]! < CLASS_SEATS) mine.add(c);
      }
      for (const c of mine) {
        taken[c]!++;
        links.push({ studentId: student.id, courseId: courses[c]!.id, enrolledAt: new Date(now - Math.floor(random() * 150 * DAY)), source: "ADMIN" });
      }
    }
    await db.enrollment.createMany({ data: links });
    const names = new Map(students.map((s) => [s.id, s.name]));
    await db.enrollmentEvent.createMany({ data: historyOf(links, { type: "ENROLLED", source: "ADMIN" }, names, codes) });
    enrollments += links.length;
  }

  // Each class's count; about one class in ten is popular: 5 seats left
  // (never the big class or C-0001, which `npm run bench` measures).
  for (const [i, course] of courses.entries()) {
    const popular = i % 10 === 5;
    await db.course.update({ where: { id: course.id }, data: { enrolledCount: taken[i]!, ...(popular ? { capacity: taken[i]! + 5 } : {}) } });
  }
  const rss = Math.round(process.memoryUsage().rss / 2 ** 20);
  console.log(
    `seed:large: ${size.students} students, ${courses.length} classes, ${teachers.length} teachers, ` +
      `${enrollments} enrollments (${courses[0]!.code}: ${taken[0]}) in ${((Date.now() - started) / 1000).toFixed(1)} s, ${rss} MiB resident at the end`,
  );
  await db.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
