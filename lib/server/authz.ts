import "server-only";
import type { Role } from "@/lib/generated/sqlite/enums";

/** Who is asking: read from the database on every request, never from the form. */
export type Viewer = {
  userId: string;
  email: string;
  name: string;
  role: Role;
  studentId: string | null;
  teacherId: string | null;
  /** the browser session this request came with (none for an API token) */
  sessionId?: string;
};

/** Thrown when someone asks for something their role may not do or see. */
export class ForbiddenError extends Error {
  constructor(message = "You are not allowed to do that.") {
    super(message);
    this.name = "ForbiddenError";
  }
}

export function requireRole(viewer: Viewer | null | undefined, ...roles: Role[]): Viewer {
  if (!viewer || !roles.includes(viewer.role)) throw new ForbiddenError();
  return viewer;
}

export function requireAdmin(viewer: Viewer | null | undefined): Viewer {
  return requireRole(viewer, "ADMIN");
}

/** The signed-in student and their own record's id (never taken from a form); refused for an account not linked to one. */
export function requireStudent(viewer: Viewer | null | undefined): { actor: Viewer; studentId: string } {
  const actor = requireRole(viewer, "STUDENT");
  if (!actor.studentId) throw new ForbiddenError("Your account is not linked to a student record: ask your school.");
  return { actor, studentId: actor.studentId };
}
