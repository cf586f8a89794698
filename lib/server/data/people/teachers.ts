import "server-only";
import { actorFor, recordChange, type AuditFields } from "@/lib/server/data/records/audit";
import { requireAdmin, type Viewer } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { pageWindow, pageOf, type Page, type Sort } from "@/lib/server/data/paging";
import { peopleSearch } from "@/lib/server/data/people/search";
import { fail, isUniqueViolation, ok, type Result } from "@/lib/server/data/result";
import type { TeacherInput } from "@/lib/schemas/people";
import type { Prisma } from "@/lib/generated/sqlite/client";

export type TeacherRow = { id: string; name: string; email: string; classCount: number };

/** The orders the teacher list offers (its column headers). */
export const TEACHER_SORTS = ["name", "email", "classes"] as const;
export type TeacherSort = Sort<(typeof TEACHER_SORTS)[number]>;

function teacherOrder({ key, dir }: TeacherSort): Prisma.TeacherOrderByWithRelationInput[] {
  if (key === "email") return [{ email: dir }];
  if (key === "classes") return [{ courses: { _count: dir } }, { sortName: "asc" }, { id: "asc" }];
  return [{ sortName: dir }, { id: dir }];
}

export async function listTeachers(viewer: Viewer | null, opts: { q: string; page: number; sort?: TeacherSort; pageSize?: number }): Promise<Page<TeacherRow>> {
  requireAdmin(viewer);
  const where = peopleSearch<Prisma.TeacherWhereInput>(opts.q);
  const total = await db.teacher.count({ where });
  const w = pageWindow(opts.page, total, opts.pageSize);
  const rows = await db.teacher.findMany({
    where,
    orderBy: teacherOrder(opts.sort ?? { key: "name", dir: "asc" }),
    skip: w.skip,
    take: w.take,
    select: { id: true, name: true, email: true, _count: { select: { courses: true } } },
  });
  return pageOf(
    rows.map(({ _count, ...t }) => ({ ...t, classCount: _count.courses })),
    total,
    w,
  );
}

/** Every teacher, for the class form's select. */
export async function listTeacherChoices(viewer: Viewer | null) {
  requireAdmin(viewer);
  return db.teacher.findMany({ orderBy: [{ sortName: "asc" }, { id: "asc" }], select: { id: true, name: true } });
}

export async function getTeacher(viewer: Viewer | null, id: string) {
  requireAdmin(viewer);
  return db.teacher.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      givenName: true,
      familyName: true,
      email: true,
      courses: { orderBy: { code: "asc" }, select: { id: true, code: true, title: true } },
    },
  });
}

async function emailTaken(email: string, exceptId?: string) {
  const clash = await db.teacher.findFirst({
    where: { email, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { id: true },
  });
  return clash !== null;
}

const EMAIL_TAKEN = fail("Check the form.", { email: "Another teacher already has this email." });

/** A teacher as the audit log keeps them. */
export function teacherFields(t: { givenName: string; familyName: string; email: string }): AuditFields {
  return { givenName: t.givenName, familyName: t.familyName, email: t.email };
}

export async function createTeacher(viewer: Viewer | null, input: TeacherInput): Promise<Result<{ id: string }>> {
  const actor = requireAdmin(viewer);
  if (await emailTaken(input.email)) return EMAIL_TAKEN;
  try {
    return ok(
      await db.$transaction(async (tx) => {
        const { id } = await tx.teacher.create({ data: input, select: { id: true } });
        await recordChange(tx, { actor: actorFor(actor), via: "PAGE", kind: "TEACHER", recordId: id, label: input.name, action: "CREATED", before: null, after: teacherFields(input) });
        return { id };
      }),
    );
  } catch (error) {
    if (isUniqueViolation(error)) return EMAIL_TAKEN;
    throw error;
  }
}

export async function updateTeacher(
  viewer: Viewer | null,
  id: string,
  input: TeacherInput,
): Promise<Result<{ id: string }>> {
  const actor = requireAdmin(viewer);
  if (await emailTaken(input.email, id)) return EMAIL_TAKEN;
  try {
    return await db.$transaction(async (tx) => {
      const was = await tx.teacher.findUnique({ where: { id }, select: { name: true, givenName: true, familyName: true, email: true } });
      if (!was) return fail("That teacher no longer exists.");
      await tx.teacher.update({ where: { id }, data: input, select: { id: true } });
      // Their login shows the name they have now (a session read as the old name is read again: sessions.ts).
      if (was.name !== input.name) await tx.user.updateMany({ where: { teacherId: id }, data: { name: input.name } });
      await recordChange(tx, { actor: actorFor(actor), via: "PAGE", kind: "TEACHER", recordId: id, label: input.name, action: "UPDATED", before: teacherFields(was), after: teacherFields(input) });
      return ok({ id });
    });
  } catch (error) {
    if (isUniqueViolation(error)) return EMAIL_TAKEN;
    throw error;
  }
}
