import type { FieldSpec } from "@/components/forms/admin-form";

export function studentFields(s?: { name: string; email: string; studentNumber: string | null }): FieldSpec[] {
  return [
    { name: "name", label: "Name", defaultValue: s?.name, required: true },
    { name: "email", label: "Email", type: "email", defaultValue: s?.email, required: true },
    {
      name: "studentNumber",
      label: "Student number",
      defaultValue: s?.studentNumber ?? "",
      hint: "Optional. Letters, digits and dashes.",
    },
  ];
}

export function teacherFields(t?: { name: string; email: string }): FieldSpec[] {
  return [
    { name: "name", label: "Name", defaultValue: t?.name, required: true },
    { name: "email", label: "Email", type: "email", defaultValue: t?.email, required: true },
  ];
}

export function courseFields(
  teachers: { id: string; name: string }[],
  c?: { code: string; title: string; description: string; capacity: number | null; teacherId: string | null },
): FieldSpec[] {
  return [
    { name: "code", label: "Code", defaultValue: c?.code, required: true, hint: "Like MATH-101. Unique." },
    { name: "title", label: "Title", defaultValue: c?.title, required: true },
    { name: "description", label: "Description", type: "textarea", defaultValue: c?.description ?? "" },
    {
      name: "capacity",
      label: "Capacity",
      inputMode: "numeric",
      defaultValue: c?.capacity === null || c?.capacity === undefined ? "" : String(c.capacity),
      hint: "How many students may enroll. Leave empty for no limit.",
    },
    {
      name: "teacherId",
      label: "Teacher",
      type: "select",
      defaultValue: c?.teacherId ?? "",
      options: [{ value: "", label: "No teacher yet" }, ...teachers.map((t) => ({ value: t.id, label: t.name }))],
    },
  ];
}
