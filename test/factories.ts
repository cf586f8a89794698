import { randomUUID } from "node:crypto";
import type { Viewer } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import type { Role } from "@/lib/generated/sqlite/enums";
import type { CourseInput } from "@/lib/schemas/courses";
import { courseData } from "@/lib/server/data/catalog/courses";
import { splitFullName, withNames } from "@/lib/names";

const tag = () => randomUUID().slice(0, 8);

export async function makeUser(role: Role, links: { studentId?: string; teacherId?: string } = {}): Promise<Viewer> {
  const t = tag();
  const user = await db.user.create({
    data: { email: `${role.toLowerCase()}-${t}@test.local`, name: `${role} ${t}`, passwordHash: "x", role, ...links },
    select: { id: true, email: true, name: true, role: true, studentId: true, teacherId: true },
  });
  const { id, ...rest } = user;
  return { userId: id, ...rest };
}

/** A person's name columns from one string, as a fixture writes it ("Ada Lovelace": lib/names). */
export const nameColumns = (name: string) => withNames(splitFullName(name));

export async function makeStudent(name = `Student ${tag()}`, email = `${tag()}@students.test`) {
  return db.student.create({ data: { ...nameColumns(name), email }, select: { id: true, name: true, email: true } });
}

export async function makeStudents(n: number, prefix = "Bulk") {
  const t = tag();
  const data = Array.from({ length: n }, (_, i) => ({
    id: `s-${t}-${i}`,
    ...nameColumns(`${prefix} ${String(i).padStart(4, "0")}`),
    email: `s-${t}-${i}@students.test`,
  }));
  await db.student.createMany({ data });
  return data.map((s) => s.id);
}

export async function makeCourse(capacity: number | null = null) {
  const code = `T-${tag().toUpperCase()}`;
  return db.course.create({ data: { code, title: `Test ${code}`, capacity }, select: { id: true, code: true } });
}

/** A whole class form's worth of input, for the data layer's create/update. */
export function courseInput(patch: Partial<CourseInput> = {}): CourseInput {
  return {
    code: `C-${tag().toUpperCase()}`,
    title: "A class",
    description: "",
    capacity: null,
    teacherId: null,
    termId: null,
    meetings: [],
    selfEnrollment: false,
    opensAt: null,
    closesAt: null,
    dropDeadline: null,
    joinCode: null,
    ...patch,
  };
}

/** A student with a signed-in-able STUDENT viewer linked to them. */
export async function makeStudentViewer(name?: string) {
  const student = await makeStudent(name);
  const viewer = await makeUser("STUDENT", { studentId: student.id });
  return { student, viewer };
}

/** A class open for self-enrollment now, unless the patch says otherwise. */
export async function makeOpenCourse(patch: Partial<CourseInput> = {}) {
  const input = courseInput({ selfEnrollment: true, ...patch });
  return db.course.create({ data: courseData(input), select: { id: true, code: true } });
}

/** A term's days as the forms and imports keep them (local midnights), `from` and `to` days from today. */
export function termDays(from: number, to: number): { startsOn: Date; endsOn: Date } {
  const day = (offset: number) => {
    const d = new Date();
    return new Date(d.getFullYear(), d.getMonth(), d.getDate() + offset);
  };
  return { startsOn: day(from), endsOn: day(to) };
}
