/**
 * A large school for benchmarks: by default 10,000 students, 500 classes,
 * 100 teachers, ~100,000 enrollments, and one class ("BIG-1000") of 1,000.
 * Every student can sign in (studentN@large.rollbook.test, password
 * rollbook-student), and every class is open for self-enrollment; about one
 * class in ten is popular: only 5 seats left, for registration day (npm run
 * bench:rush). Only into an empty database. Sizes: --students N --classes N
 * --teachers N --per-student N (classes per student, on average) --big N.
 *
 *   DATABASE_URL=file:./data/large.db npm run db:migrate && DATABASE_URL=file:./data/large.db npm run seed:large
 */
import { parseArgs } from "node:util";
import { createClient } from "@/lib/server/db";
import { hashPassword } from "@/lib/server/password";
import { DEMO_ACCOUNTS, historyOf, mulberry32 } from "./seed";

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
const BATCH = 5000;

async function inBatches<T>(rows: T[], write: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += BATCH) await write(rows.slice(i, i + BATCH));
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
  const DAY = 86_400_000;

  const teachers = Array.from({ length: size.teachers }, (_, i) => ({
    id: `lt-${i}`,
    name: `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]} ${i}`,
    email: i === 0 ? DEMO_ACCOUNTS.teacher.email : `teacher${i}@large.rollbook.test`,
  }));
  const students = Array.from({ length: size.students }, (_, i) => ({
    id: `ls-${i}`,
    name: `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${i}`,
    email: `student${i}@large.rollbook.test`,
    studentNumber: `L${100000 + i}`,
  }));
  const courses = Array.from({ length: size.classes }, (_, i) => ({
    id: `lc-${i}`,
    code: i === 0 ? `BIG-${size.big}` : `C-${String(i).padStart(4, "0")}`,
    title: i === 0 ? "The big lecture" : `Class ${i}`,
    capacity: i === 0 ? size.big + 200 : 400,
    teacherId: teachers[i % teachers.length]!.id,
    selfEnrollment: true,
  }));

  // The big class first, then about perStudent classes per student at random.
  const enrollments: { studentId: string; courseId: string; enrolledAt: Date; source: "ADMIN" }[] = [];
  const seen = new Set<string>();
  const add = (s: number, c: number) => {
    const key = `${s}:${c}`;
    if (seen.has(key)) return;
    seen.add(key);
    enrollments.push({
      studentId: students[s]!.id,
      courseId: courses[c]!.id,
      enrolledAt: new Date(now - Math.floor(random() * 150 * DAY)),
      source: "ADMIN",
    });
  };
  for (let s = 0; s < Math.min(size.big, students.length); s++) add(s, 0);
  const perClass = new Map<number, number>();
  const target = size.students * size.perStudent;
  while (enrollments.length < target) {
    const c = 1 + Math.floor(random() * (courses.length - 1));
    if ((perClass.get(c) ?? 0) >= 400) continue;
    const before = enrollments.length;
    add(Math.floor(random() * students.length), c);
    if (enrollments.length > before) perClass.set(c, (perClass.get(c) ?? 0) + 1);
  }
  const counts = new Map<string, number>();
  for (const e of enrollments) counts.set(e.courseId, (counts.get(e.courseId) ?? 0) + 1);
  // About one class in ten is popular: 5 seats left (never the big class or C-0001, which `npm run bench` measures).
  const popular = (i: number) => i % 10 === 5;
  const names = new Map(students.map((s) => [s.id, s.name]));
  const codes = new Map(courses.map((c) => [c.id, c.code]));

  await db.teacher.createMany({ data: teachers });
  await inBatches(students, (batch) => db.student.createMany({ data: batch }));
  await db.course.createMany({
    data: courses.map((c, i) => {
      const enrolledCount = counts.get(c.id) ?? 0;
      return { ...c, enrolledCount, capacity: popular(i) ? enrolledCount + 5 : c.capacity };
    }),
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
  await inBatches(students, (batch) =>
    db.user.createMany({
      data: batch.map((s) => ({ email: s.email, name: s.name, passwordHash: studentHash, role: "STUDENT" as const, studentId: s.id })),
    }),
  );
  await inBatches(enrollments, (batch) => db.enrollment.createMany({ data: batch }));
  await inBatches(enrollments, (batch) =>
    db.enrollmentEvent.createMany({ data: historyOf(batch, { type: "ENROLLED", source: "ADMIN" }, names, codes) }),
  );
  console.log(
    `seed:large: ${students.length} students, ${courses.length} classes, ${teachers.length} teachers, ` +
      `${enrollments.length} enrollments (${courses[0]!.code}: ${counts.get(courses[0]!.id)}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  await db.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
