import "server-only";
import { db, readRows } from "@/lib/server/db";
import { likePattern } from "@/lib/server/data/paging";
import { dialect } from "@/lib/server/data/dialect";

/**
 * Finding people: a name containing the search, or an email address or a
 * student number beginning with it, ignoring case (decision 022), from the
 * people-search index where it helps (decision 027). Steps: the lists that
 * use these check who is asking.
 */

/**
 * A search for people through Prisma: a name containing q, or an email
 * address beginning with it. Not an email address's
 * middle: "ok" would otherwise find everyone at "@rollbook.test" (issue 11).
 * The teachers list's (hundreds at most: a scan); students are searched
 * with the same rule by studentSearch, from the people-search index.
 */
export function peopleSearch<Where>(q: string): Where {
  const mode = dialect().ignoreCase;
  if (!q) return {} as Where;
  return { OR: [{ name: { contains: q, ...mode } }, { email: { startsWith: q, ...mode } }] } as Where;
}

/** For raw SQL, as likePattern: finds q at the start of the column. */
export function prefixPattern(q: string): string {
  return `${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The shortest search the people-search index answers: it is made of three-letter pieces (trigrams). */
export const INDEXED_SEARCH_LENGTH = 3;

/**
 * On SQLite, a search the index finds this many students for or more is
 * answered by testing every student instead: fetching each found student
 * costs a few times testing one (bench:search), and the name-ordered list
 * stops at its page.
 */
export const INDEX_PROBE_LIMIT = 2000;

/** On PostgreSQL, how many of a search's first characters its trigram index is asked for. */
export const INDEX_KEY_LENGTH = 8;

/**
 * A people search as raw SQL: a condition on a student alias, its
 * parameters, whether the index answers it, and how its statements are to
 * be planned (readRows: a search over the school "each time", as the best
 * plan depends on what is searched for).
 */
export type StudentSearch = { where(s: string): string; params: string[]; indexed: boolean; planned: "once" | "each time" };

/**
 * The people search for raw SQL over students: the student's name contains
 * q, or their email address or student number begins with it, ignoring
 * case; "1 = 1" when q is empty. `where(alias)` may be used for several
 * aliases in one statement; its parameters are numbered from `$from`.
 *
 * A search of three characters or more over the whole school (`scope`
 * "school") is answered from the people-search index (decision 027):
 * PostgreSQL's trigram index (of the lower-cased columns) serves the LIKE
 * tests themselves, its planner weighing it against a scan for each search;
 * on SQLite the full-text table StudentSearch (trigram
 * FTS5) finds the candidates and the same LIKE tests as the scan decide, so
 * both ways find the same students, after one bounded look at how many the
 * index finds (INDEX_PROBE_LIMIT). A list of a few (`scope` "few": one
 * class's roster) tests its rows.
 */
export async function studentSearch(q: string, from: number, scope: "school" | "few" = "school"): Promise<StudentSearch> {
  if (!q) return { where: () => "1 = 1", params: [], indexed: false, planned: "once" };
  const [contains, prefix, match] = [`$${from}`, `$${from + 1}`, `$${from + 2}`];
  const params = [likePattern(q), prefixPattern(q)];
  // The rule itself: the name contains the first pattern, the email or the number begins with the second.
  const likeTests = (s: string, anywhere: string, atStart: string) =>
    `(LOWER(${s}."name") LIKE ${anywhere} ESCAPE '\\' OR LOWER(${s}."email") LIKE ${atStart} ESCAPE '\\' OR LOWER(${s}."studentNumber") LIKE ${atStart} ESCAPE '\\')`;
  const test = (s: string) => likeTests(s, contains, prefix);
  if (scope === "few") return { where: test, params, indexed: false, planned: "once" };
  const planned = "each time";
  if ([...q].length < INDEXED_SEARCH_LENGTH) return { where: test, params, indexed: false, planned };
  if (dialect().searchIndex === "trigram-gin") {
    const key = [...q].slice(0, INDEX_KEY_LENGTH).join("");
    if (key === q) return { where: test, params, indexed: true, planned };
    // A long search: the index is asked for its first characters, the rows it finds are tested for all of it.
    // (PostgreSQL's planner prices a trigram lookup by its number of trigrams and, past about fourteen
    // characters, scans the table instead: 32 ms against the index's 0.7 ms at 10,000 students.)
    return { where: (s) => `${likeTests(s, match, `$${from + 3}`)} AND ${test(s)}`, params: [...params, likePattern(key), prefixPattern(key)], indexed: true, planned };
  }
  const [probe] = await readRows(
    db,
    `SELECT COUNT(*) AS "n" FROM (SELECT 1 FROM "StudentSearch" WHERE "StudentSearch" MATCH $1 LIMIT ${INDEX_PROBE_LIMIT})`,
    [ftsQuery(q)],
  );
  if (Number(probe!.n) >= INDEX_PROBE_LIMIT) return { where: test, params, indexed: false, planned };
  return {
    where: (s) =>
      `${s}."id" IN (SELECT e."studentId" FROM "StudentSearch" f JOIN "StudentSearchEntry" e ON e."entry" = f."rowid" WHERE "StudentSearch" MATCH ${match}) AND ${test(s)}`,
    params: [...params, ftsQuery(q)],
    indexed: true,
    planned,
  };
}

/**
 * StudentSearch's query for q: a name containing it, or an email address or
 * student number beginning with it (`^`: at the column's start). q is one
 * quoted phrase, so nothing in it is read as query syntax.
 */
export function ftsQuery(q: string): string {
  const phrase = `"${q.replaceAll('"', '""')}"`;
  return `{name} : ${phrase} OR {email studentNumber} : ^${phrase}`;
}
