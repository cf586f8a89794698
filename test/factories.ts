import { randomUUID } from "node:crypto";
import type { Viewer } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import type { Role } from "@/lib/generated/prisma/enums";

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

export async function makeStudent(name = `Student ${tag()}`) {
  return db.student.create({ data: { name, email: `${tag()}@students.test` }, select: { id: true, name: true } });
}

export async function makeStudents(n: number, prefix = "Bulk") {
  const t = tag();
  const data = Array.from({ length: n }, (_, i) => ({
    id: `s-${t}-${i}`,
    name: `${prefix} ${String(i).padStart(4, "0")}`,
    email: `s-${t}-${i}@students.test`,
  }));
  await db.student.createMany({ data });
  return data.map((s) => s.id);
}

export async function makeCourse(capacity: number | null = null) {
  const code = `T-${tag().toUpperCase()}`;
  return db.course.create({ data: { code, title: `Test ${code}`, capacity }, select: { id: true, code: true } });
}
