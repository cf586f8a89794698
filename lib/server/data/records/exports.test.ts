import { describe, expect, it } from "vitest";
import { toCsv } from "@/lib/csv";
import { decodeFile, NO_TERM_SESSION, type ImportFiles } from "@/lib/import/oneroster";
import { db } from "@/lib/server/db";
import { exportOneRoster, exportOneRosterZip, SCHOOL_ORG } from "@/lib/server/data/records/exports";
import { readZip } from "@/lib/import/oneroster-zip";
import { strFromU8, unzipSync } from "fflate";
import { applyImport, createImport, getImport, runCheck } from "@/lib/server/data/records/imports/jobs";
import { setEnrollment } from "@/lib/server/data/enrollment/admin";
import { makeCourse, makeStudent, makeUser, nameColumns } from "@/test/factories";
import { withNames } from "@/lib/names";

/** Checks files as a full sync and expects it to change nothing; the preview. */
async function checkedAsFullSync(admin: Awaited<ReturnType<typeof makeUser>>, files: ImportFiles) {
  const created = await createImport(admin, files, { sync: true });
  if (!created.ok) throw new Error(created.message);
  await runCheck(admin, created.value.id);
  const preview = (await getImport(admin, created.value.id))!.preview!;
  expect(preview.problems).toEqual([]);
  expect(preview).toMatchObject({
    terms: { created: 0, updated: 0 },
    students: { created: 0, updated: 0 },
    teachers: { created: 0, updated: 0 },
    classes: { created: 0, updated: 0 },
    enrollments: { added: 0, removed: 0 },
    teachersAssigned: 0,
  });
  return preview;
}

describe("the OneRoster export", () => {
  it("re-imports with no changes at all, even as a full sync (round trip)", async () => {
    const admin = await makeUser("ADMIN");
    // Data worth round-tripping: a name a spreadsheet would run as a formula, a teacher, an enrollment.
    const odd = await makeStudent("=Not A Formula");
    const course = await makeCourse(5);
    const teacher = await db.teacher.create({ data: { ...nameColumns("Round Trip"), email: `rt-${course.id}@t.test` } });
    await db.course.update({ where: { id: course.id }, data: { teacherId: teacher.id } });
    await setEnrollment(admin, { studentId: odd.id, courseId: course.id, enrolled: true });
    // A class of a term that has ended: its enrollment's endDate is the term's last day, already past, and stays.
    const term = await db.term.create({ data: { name: `Ended ${course.id}`, startsOn: new Date(2020, 0, 6), endsOn: new Date(2020, 5, 30) } });
    const old = await makeCourse(null);
    // It met twice a week: the times go out in Rollbook's column and come back unchanged.
    await db.course.update({
      where: { id: old.id },
      data: { termId: term.id, meetings: { create: [1, 3].map((day) => ({ day, startMinute: 540, endMinute: 630, room: "Room 12" })) } },
    });
    await setEnrollment(admin, { studentId: odd.id, courseId: old.id, enrolled: true });
    await db.enrollment.update({ where: { studentId_courseId: { studentId: odd.id, courseId: old.id } }, data: { enrolledAt: new Date(2020, 0, 10) } });
    // One added after its term had ended (a correction): no endDate before its beginDate.
    const late = await makeStudent("Late Record");
    await setEnrollment(admin, { studentId: late.id, courseId: old.id, enrolled: true });
    // Names as people have them: a family name of several words, and one name only (decision 038).
    const cruz = await db.student.create({ data: { ...withNames({ givenName: "Ana María", familyName: "de la Cruz" }), email: `cruz-${course.id}@s.test` } });
    const plato = await db.student.create({ data: { ...withNames({ givenName: "Plato", familyName: "" }), email: `plato-${course.id}@s.test` } });

    const files: ImportFiles = {};
    for (const kind of ["academicSessions", "users", "roles", "classes", "enrollments"] as const) {
      const bytes = new TextEncoder().encode(toCsv(await exportOneRoster(admin, kind)));
      const decoded = decodeFile(bytes, `${kind}.csv`);
      if ("problem" in decoded) throw new Error(decoded.problem.message);
      files[kind] = decoded.text;
    }
    // OneRoster 1.2's columns, status and dateLastModified empty (a bulk file).
    expect(files.users).toContain(`${odd.id},,,true,${odd.email},,'=Not A,Formula,,,${odd.email},`);
    expect(files.users).toContain(`${cruz.id},,,true,${cruz.email},,Ana María,de la Cruz,,,${cruz.email},`);
    expect(files.users).toContain(`${plato.id},,,true,${plato.email},,Plato,,,,${plato.email},`);
    expect(files.roles).toContain(`${odd.id}-role,,,${odd.id},primary,student,,,${SCHOOL_ORG},`);
    expect(files.academicSessions).toContain(`${term.id},,,${term.name},term,2020-01-06,2020-06-30,,2020`);
    expect(files.classes).toContain(`${old.id},,,Test ${old.code},,${old.id}-course,${old.code},scheduled,Room 12,${SCHOOL_ORG},${term.id},,,,Mon Wed 09:00-10:30 Room 12`);
    // A class without a term is in the placeholder session, read back as none.
    expect(files.classes).toContain(`${course.id},,,Test ${course.code},,${course.id}-course,${course.code},scheduled,,${SCHOOL_ORG},${NO_TERM_SESSION},`);
    expect(files.enrollments).toContain(`${old.id}-${odd.id},,,${old.id},${SCHOOL_ORG},${odd.id},student,false,2020-01-10,2020-06-30`);
    expect(files.enrollments).toMatch(new RegExp(`${old.id},${SCHOOL_ORG},${late.id},student,false,\\d{4}-\\d{2}-\\d{2},\\r?\\n`));

    const preview = await checkedAsFullSync(admin, files);
    expect(preview.enrollments.unchanged).toBe(await db.enrollment.count());
  });

  it("writes one zip with manifest.csv, which re-imports with no changes", async () => {
    const admin = await makeUser("ADMIN");
    const course = await makeCourse(3);
    await setEnrollment(admin, { studentId: (await makeStudent("Zip Person")).id, courseId: course.id, enrolled: true });
    const zip = await exportOneRosterZip(admin);
    const entries = unzipSync(zip);
    expect(Object.keys(entries).sort()).toEqual(
      ["academicSessions", "classes", "courses", "enrollments", "manifest", "orgs", "roles", "users"].map((f) => `${f}.csv`),
    );
    const manifest = strFromU8(entries["manifest.csv"]!);
    for (const line of ["manifest.version,1.0", "oneroster.version,1.2", "file.users,bulk", "file.roles,bulk", "file.orgs,bulk", "file.results,absent", "file.demographics,absent"]) {
      expect(manifest).toContain(line);
    }
    expect(strFromU8(entries["orgs.csv"]!)).toContain(`${SCHOOL_ORG},,,Rollbook school,school,,`);
    expect(strFromU8(entries["courses.csv"]!)).toContain(`${course.id}-course,,,,Test ${course.code},${course.code},,${SCHOOL_ORG},,`);

    const read = readZip(zip, "oneroster.zip");
    if ("problem" in read) throw new Error(read.problem);
    expect(Object.keys(read.files).sort()).toEqual(["academicSessions", "classes", "enrollments", "roles", "users"]);
    await checkedAsFullSync(admin, read.files);
  });
});

describe("meeting times in classes.csv", () => {
  it("are imported from Rollbook's metadata.meetings column, changed when they differ, kept when the cell is empty, and refused when unreadable", async () => {
    const admin = await makeUser("ADMIN");
    const course = await makeCourse(null);
    const run = async (cell: string) => {
      const classes = `sourcedId,classCode,title,metadata.meetings\n${course.id},${course.code},Test ${course.code},"${cell}"\n`;
      const created = await createImport(admin, { classes }, { sync: false });
      if (!created.ok) throw new Error(created.message);
      await runCheck(admin, created.value.id);
      return { id: created.value.id, preview: (await getImport(admin, created.value.id))!.preview! };
    };
    const first = await run("Tue Thu 13:00-14:30 Lab 2; Fri 08:00-09:00");
    expect(first.preview.classes).toMatchObject({ updated: 1 });
    const applied = await applyImport(admin, first.id);
    expect(applied.ok).toBe(true);
    const meetings = await db.meeting.findMany({ where: { courseId: course.id }, orderBy: { day: "asc" } });
    expect(meetings.map((m) => [m.day, m.startMinute, m.endMinute, m.room])).toEqual([
      [2, 780, 870, "Lab 2"],
      [4, 780, 870, "Lab 2"],
      [5, 480, 540, ""],
    ]);
    expect((await run("Fri 08:00-09:00; Tue/Thu 13:00–14:30 Lab 2")).preview.classes).toMatchObject({ updated: 0, unchanged: 1 });
    expect((await run("")).preview.classes).toMatchObject({ updated: 0, unchanged: 1 });
    expect((await run("Tue 9-10")).preview.problems).toEqual([
      { file: "classes.csv", line: 2, message: "metadata.meetings: “Tue 9-10”: write the times like 09:00-10:30, after the days." },
    ]);
  });
});
