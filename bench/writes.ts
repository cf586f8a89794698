/**
 * `npm run bench:writes`: what each admin write costs through the data layer
 * (no HTTP: the audit log's share is what is measured), on a fresh database:
 * median and p90 milliseconds of wall time per write, one at a time, and SQL
 * statements per write. Run the same script on two commits (git worktree)
 * for a before and after. A tick (an admin's single enrollment) is measured
 * as the yardstick the audit log must leave untouched. Not a test.
 *
 * Env: BENCH_DATABASE_URL (default file:./.tmp/bench-writes.db, made fresh),
 * BENCH_WRITES (200 per row).
 */
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";

const url = process.env.BENCH_DATABASE_URL ?? "file:./.tmp/bench-writes.db";
const n = Number(process.env.BENCH_WRITES ?? 200);
process.env.DATABASE_URL = url;
if (url.startsWith("file:")) rmSync(url.slice("file:".length), { force: true });
execFileSync("./node_modules/.bin/tsx", ["test/fresh-database.ts", url], { stdio: "inherit", env: process.env });

type Row = { name: string; ms: number[]; statements: number[] };

async function main() {
  const { countQueries } = await import("@/lib/server/db");
  const { createStudent, updateStudent } = await import("@/lib/server/data/people/students");
  const { createTeacher, updateTeacher } = await import("@/lib/server/data/people/teachers");
  const courses = await import("@/lib/server/data/catalog/courses");
  // Where updateCourse lives (it moved with the preview of issue 23).
  const { updateCourse } = (await import("@/lib/server/data/catalog/course-changes").catch(() => courses)) as { updateCourse: typeof import("@/lib/server/data/catalog/course-changes").updateCourse };
  const { createTerm, updateTerm } = await import("@/lib/server/data/catalog/terms");
  const { createApiToken, revokeApiToken } = await import("@/lib/server/data/access/api-tokens");
  const { setEnrollment } = await import("@/lib/server/data/enrollment/admin");
  const { courseInput, makeUser, nameColumns } = await import("@/test/factories");
  const admin = await makeUser("ADMIN");
  const rows: Row[] = [];
  // Each row's writes are numbered from -WARM (the warm-up's) to n - 1; what they made is kept at [i + WARM].
  const WARM = 10;
  const at = <T>(list: T[], i: number) => list[i + WARM]!;
  async function measure(name: string, write: (i: number) => Promise<unknown>) {
    const row: Row = { name, ms: [], statements: [] };
    for (let i = -WARM; i < 0; i++) await write(i); // warm up
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      const { result, queries } = await countQueries(() => write(i));
      row.ms.push(performance.now() - t);
      row.statements.push(queries);
      if (result && typeof result === "object" && "ok" in result && result.ok === false) throw new Error(`${name}: ${JSON.stringify(result)}`);
    }
    rows.push(row);
  }
  const students: string[] = [];
  await measure("New student", async (i) => {
    const made = await createStudent(admin, { ...nameColumns(`Bench Student ${i}`), email: `bench-${i}@s.test`, studentNumber: null });
    if (made.ok) students.push(made.value.id);
    return made;
  });
  await measure("Student edited (name)", (i) => updateStudent(admin, at(students, i), { ...nameColumns(`Bench Renamed ${i}`), email: `bench-${i}@s.test`, studentNumber: null }));
  const teachers: string[] = [];
  await measure("New teacher", async (i) => {
    const made = await createTeacher(admin, { ...nameColumns(`Bench Teacher ${i}`), email: `bt-${i}@t.test` });
    if (made.ok) teachers.push(made.value.id);
    return made;
  });
  await measure("Teacher edited (email)", (i) => updateTeacher(admin, at(teachers, i), { ...nameColumns(`Bench Teacher ${i}`), email: `bt2-${i}@t.test` }));
  const classes: { id: string; code: string }[] = [];
  await measure("New class", async (i) => {
    const code = `BW-${i < 0 ? `W${-i}` : i}`;
    const made = await courses.createCourse(admin, courseInput({ code, title: "Bench" }));
    if (made.ok) classes.push({ id: made.value.id, code });
    return made;
  });
  await measure("Class edited (title, capacity, times)", (i) =>
    updateCourse(admin, at(classes, i).id, courseInput({ code: at(classes, i).code, title: "Bench renamed", capacity: 30, meetings: [{ day: 1, start: 540, end: 600, room: "Lab" }] })),
  );
  const terms: string[] = [];
  await measure("New term", async (i) => {
    const made = await createTerm(admin, { name: `Bench term ${i}`, startsOn: new Date(2050, 0, 1), endsOn: new Date(2050, 5, 1) });
    if (made.ok) terms.push(made.value.id);
    return made;
  });
  await measure("Term edited (name)", (i) => updateTerm(admin, at(terms, i), { name: `Bench term renamed ${i}`, startsOn: new Date(2050, 0, 1), endsOn: new Date(2050, 5, 1) }));
  const tokens: string[] = [];
  await measure("New API token", async (i) => {
    const made = await createApiToken(admin, { name: `bench ${i}`, canWrite: false });
    if (made.ok) tokens.push(made.value.id);
    return made;
  });
  await measure("API token revoked", (i) => revokeApiToken(admin, at(tokens, i)));
  // The yardstick: an admin's tick, which the audit log leaves alone (its event says who and when).
  await measure("Tick (an admin enrolls a student)", (i) => setEnrollment(admin, { studentId: at(students, i), courseId: classes[(i + WARM) % 10]!.id, enrolled: true }));

  const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
  console.log(`\n${url.startsWith("file:") ? "SQLite" : "PostgreSQL"}, ${n} writes a row, one at a time\n`);
  console.log("| Write | median ms | p90 ms | SQL statements |");
  console.log("| --- | ---: | ---: | ---: |");
  for (const r of rows) console.log(`| ${r.name} | ${q(r.ms, 0.5).toFixed(2)} | ${q(r.ms, 0.9).toFixed(2)} | ${q(r.statements, 0.5)} |`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
