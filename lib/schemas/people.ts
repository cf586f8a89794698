import { z } from "zod";
import { withNames } from "@/lib/names";
import { oneLine } from "@/lib/schemas/text";

/** A person's given name: needed, as every person has one. */
export const givenName = oneLine("The given name", { max: 60, empty: "Enter a given name.", long: "Keep the given name under 60 characters." });
/** A person's family name: may be empty, for a person with one name. */
export const familyName = oneLine("The family name", { min: 0, max: 60, long: "Keep the family name under 60 characters." });
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

/** A student or teacher as a form gives them: the names, with the shown name and sort key that follow (lib/names). */
export const StudentSchema = z.object({ givenName, familyName, email: personEmail, studentNumber }).transform(withNames);
export type StudentInput = z.output<typeof StudentSchema>;

export const TeacherSchema = z.object({ givenName, familyName, email: personEmail }).transform(withNames);
export type TeacherInput = z.output<typeof TeacherSchema>;
