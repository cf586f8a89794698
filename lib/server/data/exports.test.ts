import { describe, expect, it } from "vitest";
import { toCsv } from "@/lib/csv";
import { decodeFile, type ImportFiles } from "@/lib/import/oneroster";
import { db } from "@/lib/server/db";
import { exportOneRoster, splitName } from "@/lib/server/data/exports";
import { createImport, getImport, runCheck } from "@/lib/server/data/imports";
import { setEnrollment } from "@/lib/server/data/enrollments";
import { makeCourse, makeStudent, makeUser } from "@/test/factories";

describe("the OneRoster export", () => {
  it("splits names the way the importer joins them", () => {
    expect(splitName("Ada Lovelace")).toEqual(["Ada", "Lovelace"]);
    expect(splitName("Mary Ann Evans")).toEqual(["Mary Ann", "Evans"]);
    expect(splitName("Cher")).toEqual(["Cher", ""]);
  });

  it("re-imports with no changes at all, even as a full sync (round trip)", async () => {
    const admin = await makeUser("ADMIN");
    // Data worth round-tripping: a name a spreadsheet would run as a formula, a teacher, an enrollment.
    const odd = await makeStudent("=Not A Formula");
    const course = await makeCourse(5);
    const teacher = await db.teacher.create({ data: { name: "Round Trip", email: `rt-${course.id}@t.test` } });
    await db.course.update({ where: { id: course.id }, data: { teacherId: teacher.id } });
    await setEnrollment(admin, { studentId: odd.id, courseId: course.id, enrolled: true });

    const files: ImportFiles = {};
    for (const kind of ["users", "classes", "enrollments"] as const) {
      const bytes = new TextEncoder().encode(toCsv(await exportOneRoster(admin, kind)));
      const decoded = decodeFile(bytes, `${kind}.csv`);
      if ("problem" in decoded) throw new Error(decoded.problem.message);
      files[kind] = decoded.text;
    }
    expect(files.users).toContain(`${odd.id},active,student,'=Not A,Formula,`);

    const created = await createImport(admin, files, { sync: true });
    if (!created.ok) throw new Error(created.message);
    await runCheck(admin, created.value.id);
    const { preview } = (await getImport(admin, created.value.id))!;
    expect(preview!.problems).toEqual([]);
    expect(preview).toMatchObject({
      students: { created: 0, updated: 0 },
      teachers: { created: 0, updated: 0 },
      classes: { created: 0, updated: 0 },
      enrollments: { added: 0, removed: 0 },
      teachersAssigned: 0,
    });
    expect(preview!.enrollments.unchanged).toBe(await db.enrollment.count());
  });
});
