import { z } from "zod";
import { oneLine } from "@/lib/schemas/text";

/** A hold as an admin places it (decision 039): why, in words the student reads, and who can lift it. */
export const HoldSchema = z.object({
  reason: oneLine("The reason", { max: 200, empty: "Say why: the student reads it, e.g. “Unpaid fees”." }),
  office: oneLine("Who can lift it", { max: 100, empty: "Say who can lift it: the student is told to see them, e.g. “the bursar's office”." }),
});
export type HoldInput = z.infer<typeof HoldSchema>;

/** Why a hold is lifted (may be left empty). */
export const LiftSchema = z.object({
  note: z.string().default("").pipe(oneLine("The note", { min: 0, max: 200 })),
});
