/**
 * Demo data: ~200 students, 20 classes, 6 teachers, ~1,000 enrollments with
 * dates over the past months, and one account per role. Idempotent: a
 * database that already has students is left alone.
 *
 *   npm run db:seed
 */
import { createClient } from "@/lib/server/db";
import { hashPassword } from "@/lib/server/password";

export const DEMO_ACCOUNTS = {
  admin: { email: "admin@rollbook.test", password: "rollbook-admin", name: "Ada Admin" },
  teacher: { email: "teacher@rollbook.test", password: "rollbook-teacher", name: "Grace Hopper" },
  student: { email: "student@rollbook.test", password: "rollbook-student", name: "Sam Student" },
} as const;

const FIRST = `Amara Ben Chloe Dmitri Elena Farid Grace Hugo Ines Jonah Keiko Liam Maya Noah Olga Pablo Quinn Rosa Sven Tara
Umar Vera Wen Ximena Yusuf Zoe Aiden Bea Carlos Dana Emil Fatima Gus Hana Ivan Jade Kofi Lena Mateo Nia`.split(/\s+/);
const LAST = `Okafor Schmidt Nguyen Rossi Kowalski Haddad Silva Tanaka Murphy Johansson Patel Garcia Novak Cohen Dubois
Andersen Costa Yamamoto Byrne Fischer Ali Moreau Kim Lopez Ivanova Mensah Larsen Romano Singh Walsh`.split(/\s+/);

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
function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z]+/g, ".");

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
    name,
    email: i === 0 ? DEMO_ACCOUNTS.teacher.email : `${slug(name)}@rollbook.test`,
  }));
  const students = Array.from({ length: 200 }, (_, i) => {
    const name = i === 0 ? DEMO_ACCOUNTS.student.name : `${pick(FIRST)} ${pick(LAST)}`;
    return {
      id: `demo-student-${String(i + 1).padStart(3, "0")}`,
      name,
      email: i === 0 ? DEMO_ACCOUNTS.student.email : `${slug(name)}.${i + 1}@students.rollbook.test`,
      studentNumber: `S${String(26000 + i + 1)}`,
    };
  });
  const courses = COURSES.map(([code, title, capacity], i) => ({
    id: `demo-class-${code.toLowerCase()}`,
    code,
    title,
    capacity,
    description: `${title}: a demo class.`,
    teacherId: teachers[i % teachers.length]!.id,
  }));

  // About five classes per student, never past a class's capacity.
  const seats = new Map(courses.map((c) => [c.id, c.capacity ?? Infinity]));
  const enrollments: { studentId: string; courseId: string; enrolledAt: Date }[] = [];
  for (const student of students) {
    const wanted = 3 + Math.floor(random() * 5);
    const chosen = new Set<string>();
    for (let tries = 0; chosen.size < wanted && tries < 40; tries++) {
      const course = pick(courses);
      if (chosen.has(course.id) || (seats.get(course.id) ?? 0) <= 0) continue;
      chosen.add(course.id);
      seats.set(course.id, (seats.get(course.id) ?? 0) - 1);
      const daysAgo = 2 + Math.floor(random() * 150);
      enrollments.push({
        studentId: student.id,
        courseId: course.id,
        enrolledAt: new Date(now - daysAgo * DAY - Math.floor(random() * DAY)),
      });
    }
  }
  enrollments.sort((a, b) => a.enrolledAt.getTime() - b.enrolledAt.getTime());
  const counts = new Map<string, number>();
  for (const e of enrollments) counts.set(e.courseId, (counts.get(e.courseId) ?? 0) + 1);

  const [adminHash, teacherHash, studentHash] = await Promise.all([
    hashPassword(DEMO_ACCOUNTS.admin.password),
    hashPassword(DEMO_ACCOUNTS.teacher.password),
    hashPassword(DEMO_ACCOUNTS.student.password),
  ]);
  const adminId = "demo-user-admin";
  const names = new Map(students.map((s) => [s.id, s.name]));
  const codes = new Map(courses.map((c) => [c.id, c.code]));

  await db.$transaction(async (tx) => {
    await tx.teacher.createMany({ data: teachers });
    await tx.student.createMany({ data: students });
    await tx.course.createMany({ data: courses.map((c) => ({ ...c, enrolledCount: counts.get(c.id) ?? 0 })) });
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
          ...pickLogin(DEMO_ACCOUNTS.student),
          passwordHash: studentHash,
          role: "STUDENT",
          studentId: students[0]!.id,
        },
      ],
    });
    await tx.enrollment.createMany({
      data: enrollments.map((e) => ({ ...e, source: "ADMIN" as const, enrolledById: adminId })),
    });
    await tx.enrollmentEvent.createMany({
      data: enrollments.map((e) => ({
        type: "ENROLLED" as const,
        studentId: e.studentId,
        courseId: e.courseId,
        studentName: names.get(e.studentId)!,
        courseCode: codes.get(e.courseId)!,
        actorId: adminId,
        source: "ADMIN" as const,
        at: e.enrolledAt,
      })),
    });
  });
  console.log(
    `Seeded ${students.length} students, ${courses.length} classes, ${teachers.length} teachers, ${enrollments.length} enrollments.`,
  );
  return true;
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
