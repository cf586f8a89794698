import { RecordId } from "@/lib/schemas/text";
import { z } from "zod";

export const IdSchema = RecordId;

/**
 * A whole checklist saved with the Save button (without JavaScript): the ids
 * the form showed, and those of them that were ticked. Only shown ids change.
 */
export const SaveChecklistSchema = z
  .object({
    shown: z.array(IdSchema).max(2000),
    checked: z.array(IdSchema).max(2000),
  })
  .refine((v) => {
    const shown = new Set(v.shown);
    return v.checked.every((id) => shown.has(id));
  }, {
    message: "The form was changed: reload the page and try again.",
  });

/** The ids a checklist showed: one field of ids separated by spaces, or a field per id. */
export function shownIds(formData: FormData): string[] {
  return formData
    .getAll("shown")
    .flatMap((v) => String(v).split(/\s+/))
    .filter(Boolean);
}
