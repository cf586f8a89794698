import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { rekeyNames } from "@/lib/server/data/people/name-keys";
import { nameSortKey } from "@/lib/names";

describe("names keyed again after the migration (decision 038)", () => {
  it("re-keys what SQL's lower() left with other letters, and nothing else, without touching updatedAt", async () => {
    const t = Date.now().toString(36);
    // As the migration left them: lower() of "Zola Émile" keeps the É (SQLite) or the é (PostgreSQL).
    const emile = await db.student.create({
      data: { givenName: "Émile", familyName: `Zola${t}`, name: `Émile Zola${t}`, sortName: `zola${t} Émile`, email: `emile.${t}@s.test` },
      select: { id: true, updatedAt: true },
    });
    const teacher = await db.teacher.create({
      data: { givenName: "Ödön", familyName: `Horváth${t}`, name: `Ödön Horváth${t}`, sortName: `horváth${t} ödön`, email: `odon.${t}@t.test` },
      select: { id: true },
    });
    // Already right, and one whose folded key keeps a letter beyond ASCII (ø has no accent to drop).
    const ada = await db.student.create({ data: { givenName: "Ada", familyName: `Lee${t}`, name: `Ada Lee${t}`, sortName: `lee${t} ada`, email: `ada.${t}@s.test` } });
    const ole = { givenName: "Ole", familyName: `Ødegaard${t}` };
    await db.student.create({ data: { ...ole, name: `Ole Ødegaard${t}`, sortName: nameSortKey(ole), email: `ole.${t}@s.test` } });

    expect(await rekeyNames()).toBeGreaterThanOrEqual(2);
    const after = await db.student.findUniqueOrThrow({ where: { id: emile.id }, select: { sortName: true, updatedAt: true } });
    expect(after).toEqual({ sortName: `zola${t} emile`, updatedAt: emile.updatedAt });
    expect((await db.teacher.findUniqueOrThrow({ where: { id: teacher.id } })).sortName).toBe(`horvath${t} odon`);
    expect((await db.student.findUniqueOrThrow({ where: { id: ada.id } })).sortName).toBe(`lee${t} ada`);
    // Done once: a second start finds nothing to change.
    expect(await rekeyNames()).toBe(0);
  });
});
