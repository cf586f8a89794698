/**
 * `npm run bench:import`: how long a 10,000-row OneRoster enrollments file
 * takes to check (the preview) and to apply, and the undo of it, on the large
 * school (npm run seed:large), through the same data-layer calls the import
 * page makes. Prints the times; the database is left as it was (the import is
 * undone). Env: BENCH_DATABASE_URL (default file:./.tmp/bench.db), ROWS (10000).
 */
import { performance } from "node:perf_hooks";
import { execFileSync } from "node:child_process";

const url = process.env.BENCH_DATABASE_URL ?? "file:./.tmp/bench.db";
const rows = Number(process.env.ROWS ?? 10_000);
process.env.DATABASE_URL = url;

async function main() {
  execFileSync("./node_modules/.bin/prisma", ["migrate", "deploy"], { env: process.env, stdio: "ignore" });
  const { db } = await import("@/lib/server/db");
  if ((await db.student.count()) === 0) throw new Error(`No students in ${url}: run npm run bench (or npm run seed:large) first.`);
  const { createImport, runCheck, getImport, applyImport } = await import("@/lib/server/data/records/imports/jobs");
  const { getLastChangeSet, undoChangeSet } = await import("@/lib/server/data/records/change-sets");
  const { getViewerById } = await import("@/lib/server/data/people/users");
  const adminUser = await db.user.findFirstOrThrow({ where: { role: "ADMIN" } });
  const admin = (await getViewerById(adminUser.id))!;

  // New enrollments only, within each class's free seats.
  const [students, courses, existing] = await Promise.all([
    db.student.findMany({ select: { id: true }, orderBy: { id: "asc" } }),
    db.course.findMany({ select: { id: true, capacity: true, enrolledCount: true }, orderBy: { id: "asc" } }),
    db.enrollment.findMany({ select: { studentId: true, courseId: true } }),
  ]);
  const taken = new Set(existing.map((e) => `${e.studentId} ${e.courseId}`));
  const lines = ["sourcedId,classSourcedId,userSourcedId,role,beginDate,endDate,status"];
  let s = 0;
  for (const c of courses) {
    let free = c.capacity === null ? 50 : c.capacity - c.enrolledCount;
    for (let tries = 0; free > 0 && lines.length <= rows && tries < students.length; tries++) {
      const student = students[s++ % students.length]!;
      if (taken.has(`${student.id} ${c.id}`)) continue;
      taken.add(`${student.id} ${c.id}`);
      lines.push(`e-${lines.length},${c.id},${student.id},student,2026-09-01,,active`);
      free--;
    }
    if (lines.length > rows) break;
  }
  const file = lines.join("\n") + "\n";
  console.log(`enrollments.csv: ${lines.length - 1} rows, ${(file.length / 2 ** 20).toFixed(2)} MB, ${url.startsWith("file:") ? "SQLite" : "PostgreSQL"}`);

  let t = performance.now();
  const created = await createImport(admin, { enrollments: file }, { sync: false });
  if (!created.ok) throw new Error(created.message);
  await runCheck(admin, created.value.id);
  const checked = await getImport(admin, created.value.id);
  const preview = performance.now() - t;
  console.log(`check (preview): ${Math.round(preview)} ms: +${checked!.preview!.enrollments.added}, problems ${checked!.preview!.problemCount}, over capacity ${checked!.preview!.overCapacity.length}, clashes ${checked!.preview!.clashes?.count ?? "not checked"}`);

  t = performance.now();
  const applied = await applyImport(admin, created.value.id);
  const apply = performance.now() - t;
  console.log(`apply: ${Math.round(apply)} ms (${applied.ok ? "applied" : applied.message})`);

  t = performance.now();
  const last = await getLastChangeSet(admin);
  const undone = await undoChangeSet(admin, last!.id);
  console.log(`undo: ${Math.round(performance.now() - t)} ms (${undone.ok ? `-${undone.value.removed}` : undone.message})`);
  await db.$disconnect();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
