/**
 * `npm run bench:search`: what a people search costs a large school, from
 * the people-search index (decision 027) as the app serves it and by
 * testing every student, in the same run. The statements are the students
 * list's own (a count and a page of 25, in name order: studentListSql) and
 * the class page's candidate list (page and count in one: candidatesSql),
 * over a database made by
 * `npm run seed:large` (BENCH_SEARCH_DATABASE_URL, default
 * file:./.tmp/large.db; PostgreSQL: any database seeded so). Yardstick: a
 * `SELECT 1` through the same driver. Prints the median and 95th percentile
 * of each; not a test: nothing passes or fails on speed.
 *
 * Env: BENCH_SEARCH_RUNS (times each search is run, 40).
 */
const url = process.env.BENCH_SEARCH_DATABASE_URL ?? "file:./.tmp/large.db";
const runs = Number(process.env.BENCH_SEARCH_RUNS ?? 40);
process.env.DATABASE_URL = url;
process.env.ROLLBOOK_LOG_LEVEL ??= "warn";

async function main() {
  const { db, isPostgres, readRows } = await import("@/lib/server/db");
  const { studentSearch } = await import("@/lib/server/data/people/search");
  const { studentListSql } = await import("@/lib/server/data/people/students");
  const { candidatesSql } = await import("@/lib/server/data/catalog/courses");
  const [{ n }] = (await readRows(db, `SELECT COUNT(*) AS "n" FROM "Student"`, [])) as [{ n: unknown }];
  const [course] = await readRows(db, `SELECT "id" FROM "Course" ORDER BY "code" LIMIT 1`, []);
  if (Number(n) < 1000 || !course) throw new Error(`${url} has ${n} students: seed it first (npm run seed:large).`);
  // Searches a school's staff type: a surname, a first name and part of the surname, a whole name, the start of a
  // number and of an email address; one that finds nobody; two letters (never from the index); and one that
  // matches everyone (every address in the large school begins "student").
  const [sample] = await readRows(db, `SELECT "name", "email", "studentNumber" FROM "Student" ORDER BY "id" LIMIT 1 OFFSET 4321`, []);
  const name = String(sample!.name);
  const [first, last] = name.split(" ");
  const searches: [string, string][] = [
    ["a surname", last!.toLowerCase()],
    ["first name and part of the surname", `${first} ${last!.slice(0, 3)}`],
    ["a whole name", name],
    ["a number's start", String(sample!.studentNumber ?? "").slice(0, 5)],
    ["an email address's start", String(sample!.email).split("@")[0]!],
    ["nobody", "zzqx"],
    ["two letters", last!.slice(1, 3).toLowerCase()],
    ["everyone (every address's start)", "stu"],
  ];

  const time = async (f: () => Promise<unknown>) => {
    await f();
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await f();
      ms.push(performance.now() - t);
    }
    ms.sort((a, b) => a - b);
    return { p50: ms[Math.floor(ms.length / 2)]!, p95: ms[Math.floor(ms.length * 0.95)]! };
  };
  const list = (q: string, scope: Scope) => async () => {
    const search = await studentSearch(q, 1, scope);
    const sql = studentListSql(search, { key: "name", dir: "asc" });
    const [count] = await readRows(db, sql.count, search.params, search.planned);
    await readRows(db, sql.page, [...search.params, 25, 0], search.planned);
    return { total: Number(count!.total), indexed: search.indexed };
  };
  const candidates = (q: string, scope: Scope) => async () => {
    const search = await studentSearch(q, 4, scope);
    return readRows(db, candidatesSql(search), [course.id, 50, 0, ...search.params], search.planned);
  };

  type Scope = "school" | "few";
  const fmt = (x: { p50: number; p95: number }) => `${x.p50.toFixed(2).padStart(6)} / ${x.p95.toFixed(2).padStart(6)}`;
  const yardstick = await time(() => readRows(db, "SELECT 1", []));
  console.log(`People search: ${isPostgres() ? "PostgreSQL" : "SQLite"}, ${n} students, ${runs} runs each; ms, median / 95th percentile.`);
  console.log(`Yardstick, SELECT 1: ${fmt(yardstick)}\n`);
  // On PostgreSQL a search's SQL is the same with and without the index (its planner chooses): run once
  // more after `DROP INDEX "Student_search_idx"` to compare (CREATE it again as its migration does).
  const scans = !isPostgres();
  console.log(`Way: the app's (index: from the people-search index; scan: testing every student).${scans ? " Scan: testing every student." : ""}`);
  console.log(`${"search".padEnd(48)} ${"found".padStart(6)}   way     list: as served ${scans ? "  list: scan     " : ""}   candidates: served${scans ? "  candidates: scan" : ""}`);
  for (const [what, q] of searches) {
    const served = await list(q, "school")();
    if (served.total !== (await list(q, "few")()).total) throw new Error(`"${q}": the index and the scan disagree`);
    const row = [
      `${what} ("${q}")`.padEnd(48),
      String(served.total).padStart(6),
      served.indexed ? "index" : "scan ",
      fmt(await time(list(q, "school"))),
      ...(scans ? [fmt(await time(list(q, "few")))] : []),
      fmt(await time(candidates(q, "school"))),
      ...(scans ? [fmt(await time(candidates(q, "few")))] : []),
    ];
    console.log(row.join("   "));
  }
  await db.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
