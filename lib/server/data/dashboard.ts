import "server-only";
import { requireAdmin, type Viewer } from "@/lib/server/authz";
import { db } from "@/lib/server/db";

export async function getAdminCounts(viewer: Viewer | null) {
  requireAdmin(viewer);
  const [students, courses, teachers, enrollments] = await Promise.all([
    db.student.count(),
    db.course.count(),
    db.teacher.count(),
    db.enrollment.count(),
  ]);
  return { students, courses, teachers, enrollments };
}
