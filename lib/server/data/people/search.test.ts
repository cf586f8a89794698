import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { db, isPostgres, readRows } from "@/lib/server/db";
import { ftsQuery, INDEX_PROBE_LIMIT, studentSearch } from "@/lib/server/data/people/search";
import { getCoursePage } from "@/lib/server/data/catalog/courses";
import { listStudents, updateStudent } from "@/lib/server/data/people/students";
import { makeCourse, makeUser, nameColumns } from "@/test/factories";

// The people-search index (decision 027): at three characters or more a
// search over the whole school is answered from it (SQLite: the FTS5 table
// StudentSearch, kept by triggers; PostgreSQL: a trigram index). It must find
// exactly what testing every student finds, and follow every change.

/** The ids a search finds, from the index (when the school's search uses it) or by testing every student. */
async function found(q: string, scope: "school" | "few") {
  const search = await studentSearch(q, 1, scope);
  const rows = await readRows(db, `SELECT s."id" FROM "Student" s WHERE ${search.where("s")} ORDER BY s."id"`, search.params);
  return { ids: rows.map((r) => String(r.id)), indexed: search.indexed };
}

describe("people search", () => {
  it("finds from the index exactly what testing every student finds", async () => {
    const t = Date.now().toString(36);
    const names = [
      `Zoë Ånström ${t}`,
      `Mary-Jane O"Hara ${t}`,
      `Per Cent 100% ${t}`,
      `Under_Score ${t}`,
      `UPPER ${t.toUpperCase()} CASE`,
      `José Núñez ${t}`,
      `Back\\Slash ${t}`,
      `{name} : ^"x" OR ${t}`,
    ];
    for (const [i, name] of names.entries()) {
      await db.student.create({ data: { ...nameColumns(name), email: `p${i}.${t}@okschool.test`, studentNumber: `N${t}${i}`.toUpperCase() } });
    }
    // One stored as an import might have kept it: capitals in the address.
    await db.student.create({ data: { ...nameColumns(`Mixed Mail ${t}`), email: `Mixed.${t}@OkSchool.Test`, studentNumber: null } });
    const queries = [
      t, t.toUpperCase(), t.slice(0, 3), `${t} c`, "okschool", `p1.${t}`, `P1.${t}@OK`, `mixed.${t}`, `n${t}`, `${t}1`,
      `o"hara ${t}`, `"`, `""x`, "100%", "0% ", "r_s", "_sc", "%", "\\sl", "ånström", "ÅNSTRÖM", "zoë", "núñez", "ö",
      "ë ", `{name}`, `^"x" or`, "or", "NOT", "a*", "   ", "zzzz-nobody",
    ];
    for (const q of queries) {
      const byIndex = await found(q, "school");
      expect(byIndex.indexed, `"${q}" from the index`).toBe([...q].length >= 3);
      expect(byIndex.ids, `"${q}"`).toEqual((await found(q, "few")).ids);
    }
    // And they are the right ones: the name's middle, an address's or a number's start, not the domain.
    const mine = async (q: string) => (await listStudents(await makeUser("ADMIN"), { q, page: 1, pageSize: 100 })).rows.map((r) => r.name).sort();
    expect(await mine(`o"hara ${t}`)).toEqual([names[1]]);
    expect(await mine(`100% ${t}`)).toEqual([names[2]]);
    expect(await mine(`r_score ${t}`)).toEqual([names[3]]);
    expect(await mine(`upper ${t}`)).toEqual([names[4]]);
    expect(await mine(`k\\slash ${t}`)).toEqual([names[6]]);
    expect(await mine(`^"x" or ${t}`)).toEqual([names[7]]);
    expect(await mine(`p5.${t}@`)).toEqual([names[5]]);
    expect(await mine(`mixed.${t}@okschool`)).toEqual([`Mixed Mail ${t}`]);
    expect(await mine(`n${t}3`.toUpperCase())).toEqual([names[3]]);
    expect(await mine(`${t}@okschool`)).toEqual([]);
    expect(await mine(`${t}3`)).toEqual([]);
  });

  it("follows every change to a student: added, renamed, readdressed, renumbered, deleted", async () => {
    const admin = await makeUser("ADMIN");
    const t = Date.now().toString(36);
    const course = await makeCourse();
    const ids = async (q: string) => {
      const list = (await listStudents(admin, { q, page: 1 })).rows.map((r) => r.id);
      const candidates = (await getCoursePage(admin, course.id, { q, page: 1 }))!.candidates!.rows.map((r) => r.id);
      expect(candidates, `candidates for "${q}"`).toEqual(list);
      return list;
    };
    const [a, b] = [
      await db.student.create({ data: { ...nameColumns(`Alma Quist ${t}`), email: `alma.${t}@s.test`, studentNumber: `Q${t}1` } }),
      await db.student.create({ data: { ...nameColumns(`Bo Quist ${t}`), email: `bo.${t}@s.test`, studentNumber: null } }),
    ];
    await db.student.createMany({ data: [{ ...nameColumns(`Cy Quist ${t}`), email: `cy.${t}@s.test` }] });
    expect((await ids(`quist ${t}`)).length).toBe(3);

    expect(await updateStudent(admin, a.id, { ...nameColumns(`Alma Rask ${t}`), email: `alma.r.${t}@s.test`, studentNumber: `R${t}1` })).toMatchObject({ ok: true });
    expect(await ids(`alma quist ${t}`)).toEqual([]);
    expect(await ids(`alma rask ${t}`)).toEqual([a.id]);
    expect(await ids(`alma.${t}@`)).toEqual([]);
    expect(await ids(`alma.r.${t}@`)).toEqual([a.id]);
    expect(await ids(`q${t}1`)).toEqual([]);
    expect(await ids(`r${t}1`)).toEqual([a.id]);

    // A change to a column the index doesn't hold leaves it as it was.
    await db.student.update({ where: { id: b.id }, data: { sourcedId: `src-${t}` } });
    expect(await ids(`bo quist ${t}`)).toEqual([b.id]);

    await db.student.delete({ where: { id: b.id } });
    expect(await ids(`bo quist ${t}`)).toEqual([]);
    expect((await ids(`quist ${t}`)).length).toBe(1);
    if (!isPostgres()) {
      // One entry in the index per student, whatever changed.
      const [row] = await readRows(
        db,
        `SELECT (SELECT COUNT(*) FROM "Student") AS "students", (SELECT COUNT(*) FROM "StudentSearchEntry") AS "entries",
           (SELECT COUNT(*) FROM "StudentSearch") AS "indexed", (SELECT COUNT(*) FROM "StudentSearchEntry" WHERE "studentId" = $1) AS "mine"`,
        [a.id],
      );
      expect(row!.entries).toBe(row!.students);
      expect(row!.indexed).toBe(row!.students);
      expect(Number(row!.mine)).toBe(1);
    }
  });

  it.skipIf(isPostgres())("tests every student instead when the index finds very many (SQLite)", async () => {
    const admin = await makeUser("ADMIN");
    const t = Date.now().toString(36);
    await db.student.createMany({
      data: Array.from({ length: INDEX_PROBE_LIMIT }, (_, i) => ({ ...nameColumns(`Crowd ${t} ${String(i).padStart(4, "0")}`), email: `crowd${i}.${t}@s.test` })),
    });
    expect((await found(`crowd ${t}`, "school")).indexed).toBe(false);
    expect((await found(`crowd ${t} 00`, "school")).indexed).toBe(true);
    const list = await listStudents(admin, { q: `crowd ${t}`, page: 2 });
    expect([list.total, list.rows[0]!.name]).toEqual([INDEX_PROBE_LIMIT, `Crowd ${t} 0025`]);
    expect((await listStudents(admin, { q: `crowd ${t} 19`, page: 1 })).total).toBe(100);
  });

  it.skipIf(isPostgres())("keeps working in a backup copy (SQLite: VACUUM INTO may renumber rowids)", async () => {
    const t = Date.now().toString(36);
    const s = await db.student.create({ data: { ...nameColumns(`Vera Copy ${t}`), email: `vera.${t}@s.test` } });
    // Rows deleted before it leave gaps a copy may close.
    for (let i = 0; i < 5; i++) await db.student.delete({ where: { id: (await db.student.create({ data: { ...nameColumns(`Gap ${t} ${i}`), email: `gap${i}.${t}@s.test` } })).id } });
    await db.student.update({ where: { id: s.id }, data: { name: `Vera Copied ${t}` } });
    const dir = path.resolve(".tmp/people-search-test");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const copy = path.join(dir, "copy.db");
    const source = new Database(process.env.DATABASE_URL!.replace(/^file:/, ""), { fileMustExist: true });
    source.prepare("VACUUM INTO ?").run(copy);
    source.close();
    const backup = new Database(copy, { readonly: true });
    try {
      const find = backup.prepare(
        `SELECT s."id", s."name" FROM "StudentSearch" f JOIN "StudentSearchEntry" e ON e."entry" = f."rowid" JOIN "Student" s ON s."id" = e."studentId"
         WHERE "StudentSearch" MATCH ?`,
      );
      expect(find.all(ftsQuery(`vera copied ${t}`))).toEqual([{ id: s.id, name: `Vera Copied ${t}` }]);
      expect(find.all(ftsQuery(`gap ${t}`))).toEqual([]);
    } finally {
      backup.close();
    }
  });
});
