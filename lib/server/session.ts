import "server-only";
import { forbidden, redirect } from "next/navigation";
import type { Role } from "@/lib/generated/sqlite/enums";
import { getViewer } from "@/lib/server/auth";
import type { Viewer } from "@/lib/server/authz";

/**
 * For pages: the signed-in viewer with one of `roles`, else the login page
 * (anonymous) or a 403 page (wrong role). The data layer checks again.
 */
export async function requirePageViewer(...roles: Role[]): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  if (roles.length > 0 && !roles.includes(viewer.role)) forbidden();
  return viewer;
}

export function homeFor(role: Role): string {
  return role === "ADMIN" ? "/admin" : role === "TEACHER" ? "/teacher" : "/student";
}
