import { z } from "zod";
import { oneLine } from "@/lib/schemas/text";

export const personName = oneLine("The name", { max: 120, empty: "Enter a name.", long: "Keep the name under 120 characters." });
export const personEmail = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Enter an email address.")
  .max(200, "Keep the email under 200 characters.")
  .email("Enter a valid email address.");

export const studentNumber = z
  .string()
  .trim()
  .max(40, "Keep the student number under 40 characters.")
  .regex(/^[A-Za-z0-9-]*$/, "Use letters, digits and dashes only.")
  .transform((v) => (v === "" ? null : v));

export const StudentSchema = z.object({ name: personName, email: personEmail, studentNumber });
export type StudentInput = z.infer<typeof StudentSchema>;

export const TeacherSchema = z.object({ name: personName, email: personEmail });
export type TeacherInput = z.infer<typeof TeacherSchema>;
