import { describe, expect, it } from "vitest";
import { ForbiddenError } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { createCourse, deleteCourse, getCoursePage, listCourses } from "@/lib/server/data/catalog/courses";
import { getRoster } from "@/lib/server/data/catalog/rosters";
import { setEnrollment } from "@/lib/server/data/enrollment/admin";
import { createStudent, listStudents, updateStudent } from "@/lib/server/data/people/students";
import { createTeacher, listTeachers, updateTeacher } from "@/lib/server/data/people/teachers";
import { withNames } from "@/lib/names";
import { CourseSchema } from "@/lib/schemas/courses";
import { StudentSchema } from "@/lib/schemas/people";
import { courseInput, makeCourse, makeStudent, makeStudents, makeUser, nameColumns } from "@/test/factories";

describe("form input", () => {
  const course = { code: " math-101 ", title: "Algebra", description: "", capacity: "30", teacherId: "", termId: "" };

  it("normalises good input", () => {
    expect(CourseSchema.parse(course)).toEqual({
      code: "MATH-101",
      title: "Algebra",
      description: "",
      capacity: 30,
      teacherId: null,
      termId: null,
      meetings: [],
      selfEnrollment: false,
      opensAt: null,
      closesAt: null,
      dropDeadline: null,
      joinCode: null,
    });
    expect(CourseSchema.parse({ ...course, capacity: "" }).capacity).toBeNull();
    expect(StudentSchema.parse({ givenName: " Ana ", familyName: " de la Cruz ", email: "ANA@School.test", studentNumber: "" })).toEqual({
      givenName: "Ana",
      familyName: "de la Cruz",
      name: "Ana de la Cruz",
      sortName: "de la cruz ana",
      email: "ana@school.test",
      studentNumber: null,
    });
    // One name: the family name may be empty.
    expect(StudentSchema.parse({ givenName: "Cher", familyName: "", email: "cher@school.test", studentNumber: "" })).toMatchObject({ name: "Cher", sortName: "cher" });
  });

  it.each([
    [{ capacity: "-3" }, "capacity", "Capacity must be at least 1, or empty for no limit."],
    [{ capacity: "ten" }, "capacity", "Capacity must be a whole number, or empty for no limit."],
    [{ capacity: "2.5" }, "capacity", "Capacity must be a whole number, or empty for no limit."],
    [{ code: "" }, "code", "Enter a class code."],
    [{ code: "MATH 101" }, "code", "Use letters, digits and dashes, like MATH-101."],
    [{ title: "  " }, "title", "Enter a title."],
  ])("refuses %o with a message on the field", (patch, field, message) => {
    const result = CourseSchema.safeParse({ ...course, ...patch });
    expect(result.success).toBe(false);
    expect(result.error?.issues.find((i) => i.path[0] === field)?.message).toBe(message);
  });

  it("refuses an empty name and a bad email", () => {
    const result = StudentSchema.safeParse({ givenName: " ", familyName: "Nobody", email: "not-an-email", studentNumber: "" });
    expect(result.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ["givenName", "Enter a given name."],
      ["email", "Enter a valid email address."],
    ]);
  });
});

describe("students, classes and teachers", () => {
  it("refuses duplicate emails, numbers and codes on the field, writing nothing", async () => {
    const admin = await makeUser("ADMIN");
    const first = await createStudent(admin, { ...nameColumns("Ana"), email: "ana@dup.test", studentNumber: "N-1" });
    expect(first.ok).toBe(true);
    const before = await db.student.count();

    expect(await createStudent(admin, { ...nameColumns("Ana Two"), email: "ana@dup.test", studentNumber: "N-1" })).toEqual({
      ok: false,
      message: "Check the form.",
      fieldErrors: {
        email: "Another student already has this email.",
        studentNumber: "Another student already has this number.",
      },
    });
    expect(await db.student.count()).toBe(before);

    const other = await makeStudent();
    const clash = await updateStudent(admin, other.id, { ...nameColumns("X"), email: "ana@dup.test", studentNumber: null });
    expect(!clash.ok && clash.fieldErrors).toEqual({ email: "Another student already has this email." });

    const course = await makeCourse();
    const dupCode = await createCourse(admin, courseInput({ code: course.code, title: "Again" }));
    expect(!dupCode.ok && dupCode.fieldErrors).toEqual({ code: `Another class already has the code ${course.code}.` });

    const badTeacher = await createCourse(admin, courseInput({ code: "NEW-1", teacherId: "gone" }));
    expect(!badTeacher.ok && badTeacher.fieldErrors).toEqual({ teacherId: "That teacher no longer exists: choose another." });

    await createTeacher(admin, { ...nameColumns("T"), email: "t@dup.test" });
    const dupTeacher = await createTeacher(admin, { ...nameColumns("T2"), email: "t@dup.test" });
    expect(!dupTeacher.ok && dupTeacher.fieldErrors).toEqual({ email: "Another teacher already has this email." });
    expect(await updateTeacher(admin, "gone", { ...nameColumns("T3"), email: "t3@dup.test" })).toEqual({
      ok: false,
      message: "That teacher no longer exists.",
    });
  });

  it("deleting a class records its enrollments' removal", async () => {
    const admin = await makeUser("ADMIN");
    const course = await makeCourse();
    const student = await makeStudent();
    await setEnrollment(admin, { studentId: student.id, courseId: course.id, enrolled: true });

    expect(await deleteCourse(admin, course.id)).toEqual({ ok: true, value: { removedEnrollments: 1 } });
    expect(await db.enrollment.count({ where: { courseId: course.id } })).toBe(0);
    const events = await db.enrollmentEvent.findMany({ where: { courseId: course.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.type, e.courseCode, e.reason])).toEqual([
      ["ENROLLED", course.code, null],
      ["DROPPED", course.code, "class deleted"],
    ]);
    expect(await deleteCourse(admin, course.id)).toEqual({ ok: false, message: "That class no longer exists." });
  });

  it("lists page by page with totals and search", async () => {
    const admin = await makeUser("ADMIN");
    await makeStudents(60, "Pagey");
    const page1 = await listStudents(admin, { q: "Pagey", page: 1 });
    const page3 = await listStudents(admin, { q: "Pagey", page: 3 });
    const beyond = await listStudents(admin, { q: "Pagey", page: 99 });
    expect([page1.total, page1.rows.length, page1.pageCount]).toEqual([60, 25, 3]);
    expect(page3.rows).toHaveLength(10);
    expect(beyond.page).toBe(3);
    expect(page1.rows[0]?.name).toBe("Pagey 0000");
    expect((await listCourses(admin, { q: "no-such-class", page: 1 })).total).toBe(0);
  });

  it("finds classes by code or title with %, _, quotes, backslashes and emoji taken as text (decision 022's rule)", async () => {
    const admin = await makeUser("ADMIN");
    const t = Date.now().toString(36).toUpperCase();
    for (const [code, title] of [[`PCT-${t}`, `100% sure_thing ${t}`], [`QT-${t}`, `O'Brien "quoted" back\\slash 🎻 ${t}`], [`PLAIN-${t}`, `Plain ${t}`]]) {
      await db.course.create({ data: { code: code!, title: title! } });
    }
    const codes = async (q: string) => (await listCourses(admin, { q, page: 1 })).rows.map((r) => r.code).filter((c) => c.endsWith(t));
    expect(await codes("%")).toEqual([`PCT-${t}`]);
    expect(await codes("_")).toEqual([`PCT-${t}`]);
    expect(await codes("0% s")).toEqual([`PCT-${t}`]);
    expect(await codes("1_0")).toEqual([]);
    expect(await codes("'")).toEqual([`QT-${t}`]);
    expect(await codes('"quoted"')).toEqual([`QT-${t}`]);
    expect(await codes("\\")).toEqual([`QT-${t}`]);
    expect(await codes("🎻")).toEqual([`QT-${t}`]);
    expect(await codes(`plain ${t.toLowerCase()}`)).toEqual([`PLAIN-${t}`]);
  });

  it("finds people by name, number or the start of their email, not by the email's domain", async () => {
    const admin = await makeUser("ADMIN");
    const t = Date.now().toString(36);
    const okafor = await db.student.create({ data: { ...nameColumns(`Ada Okafor ${t}`), email: `ada.${t}@okschool.test`, studentNumber: `N${t}7` } });
    const other = await db.student.create({ data: { ...nameColumns(`Ben Other ${t}`), email: `ben.${t}@okschool.test`, studentNumber: `M${t}8` } });
    const course = await makeCourse();
    for (const st of [okafor, other]) await setEnrollment(admin, { studentId: st.id, courseId: course.id, enrolled: true });
    const names = (rows: { name: string }[]) => rows.map((r) => r.name).filter((n) => n.endsWith(t));
    // The domain the two share finds neither; a name's middle, a number's or an email's start finds one.
    for (const [q, want] of [
      ["okschool", []],
      [`okafor ${t}`, [okafor.name]],
      [`n${t}`, [okafor.name]],
      [`ben.${t}@`, [other.name]],
    ] as const) {
      expect(names((await listStudents(admin, { q, page: 1 })).rows), `students: ${q}`).toEqual(want);
      expect(names((await getCoursePage(admin, course.id, { q, page: 1 }))!.candidates!.rows), `candidates: ${q}`).toEqual(want);
      expect(names((await getRoster(admin, course.id, { q }))!.enrolled), `roster: ${q}`).toEqual(want);
    }
  });

  it("orders people by family name, then given name, ignoring case and accents, in every list (decision 038)", async () => {
    const admin = await makeUser("ADMIN");
    const t = Date.now().toString(36);
    // By given name the order would be Adam, bea, Émile, Zoë; by family name it is the reverse.
    const people = [
      { givenName: "Adam", familyName: `Zed${t}` },
      { givenName: "bea", familyName: `lee${t}` },
      { givenName: "Émile", familyName: `Kahn${t}` },
      { givenName: "Zoë", familyName: `Ääberg${t}` },
    ];
    const course = await makeCourse();
    for (const [i, p] of people.entries()) {
      const made = await createStudent(admin, { ...withNames(p), email: `fam${i}.${t}@s.test`, studentNumber: null });
      if (!made.ok) throw new Error(made.message);
      await setEnrollment(admin, { studentId: made.value.id, courseId: course.id, enrolled: true });
      const teacher = await createTeacher(admin, { ...withNames(p), email: `fam${i}.${t}@t.test` });
      if (!teacher.ok) throw new Error(teacher.message);
    }
    const want = [`Zoë Ääberg${t}`, `Émile Kahn${t}`, `bea lee${t}`, `Adam Zed${t}`];
    const mine = (rows: { name: string }[]) => rows.map((r) => r.name).filter((n) => n.endsWith(t));
    expect(mine((await listStudents(admin, { q: t, page: 1 })).rows)).toEqual(want);
    expect(mine((await listStudents(admin, { q: t, page: 1, sort: { key: "name", dir: "desc" } })).rows)).toEqual([...want].reverse());
    expect(mine((await getRoster(admin, course.id))!.enrolled)).toEqual(want);
    expect(mine((await getCoursePage(admin, course.id, { q: "", page: 1 }))!.roster)).toEqual(want);
    expect(mine((await listTeachers(admin, { q: t, page: 1 })).rows)).toEqual(want);
  });

  it("a renamed student's or teacher's login shows the new name", async () => {
    const admin = await makeUser("ADMIN");
    const t = Date.now().toString(36);
    const student = await makeStudent(`Before Rename ${t}`);
    const login = await makeUser("STUDENT", { studentId: student.id });
    expect(await updateStudent(admin, student.id, { ...withNames({ givenName: "After", familyName: `Rename ${t}` }), email: student.email, studentNumber: null })).toMatchObject({ ok: true });
    expect((await db.user.findUniqueOrThrow({ where: { id: login.userId } })).name).toBe(`After Rename ${t}`);
    const teacher = await createTeacher(admin, { ...withNames({ givenName: "Old", familyName: `Teacher ${t}` }), email: `rename-${t}@t.test` });
    if (!teacher.ok) throw new Error(teacher.message);
    const teacherLogin = await makeUser("TEACHER", { teacherId: teacher.value.id });
    await updateTeacher(admin, teacher.value.id, { ...withNames({ givenName: "New", familyName: `Teacher ${t}` }), email: `rename-${t}@t.test` });
    expect((await db.user.findUniqueOrThrow({ where: { id: teacherLogin.userId } })).name).toBe(`New Teacher ${t}`);
  });

  it("orders the student list by any of its columns, either way, ties by name", async () => {
    const admin = await makeUser("ADMIN");
    const t = Date.now().toString(36);
    const a = await db.student.create({ data: { ...nameColumns(`Sorty C ${t}`), email: `a-sorty-${t}@s.test`, studentNumber: `Z${t}2` } });
    await db.student.create({ data: { ...nameColumns(`Sorty A ${t}`), email: `c-sorty-${t}@s.test`, studentNumber: null } });
    await db.student.create({ data: { ...nameColumns(`Sorty B ${t}`), email: `b-sorty-${t}@s.test`, studentNumber: `Z${t}1` } });
    const course = await makeCourse();
    await setEnrollment(admin, { studentId: a.id, courseId: course.id, enrolled: true });
    const order = async (key: "name" | "email" | "number" | "classes", dir: "asc" | "desc") =>
      (await listStudents(admin, { q: "Sorty", page: 1, sort: { key, dir } })).rows.filter((r) => r.name.endsWith(t)).map((r) => r.name[6]);
    expect(await order("name", "asc")).toEqual(["A", "B", "C"]);
    expect(await order("name", "desc")).toEqual(["C", "B", "A"]);
    expect(await order("email", "asc")).toEqual(["C", "B", "A"]);
    // No number last, either way.
    expect(await order("number", "asc")).toEqual(["B", "C", "A"]);
    expect(await order("number", "desc")).toEqual(["C", "B", "A"]);
    expect(await order("classes", "desc")).toEqual(["C", "A", "B"]);
  });

  it("refuses non-admins", async () => {
    const student = await makeUser("STUDENT");
    await expect(listStudents(student, { q: "", page: 1 })).rejects.toThrow(ForbiddenError);
    await expect(createCourse(student, courseInput({ code: "X-1" }))).rejects.toThrow(
      ForbiddenError,
    );
    await expect(createTeacher(null, { ...nameColumns("T"), email: "anon@t.test" })).rejects.toThrow(ForbiddenError);
    expect(await db.course.count({ where: { code: "X-1" } })).toBe(0);
  });
});
