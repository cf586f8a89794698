import { z } from "zod";

/**
 * What no one means to store as text, whatever the path (a form, an import,
 * the API): C0 control characters, NUL above all (PostgreSQL refuses it in
 * text), and DEL. Tab, newline and carriage return are text in a field of
 * several lines (a description, a note); in a one-line field they are not.
 */
export const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
export const ONE_LINE_CONTROLS = /[\u0000-\u001F\u007F]/;

/** A record's id as pages, forms and the API send it back: 1-64 letters, digits, - and _. */
export const RECORD_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The message for text with a control character in it, naming the field. */
export function controlMessage(what: string): string {
  return `${what} has a character that can't be shown (a control character, often from a paste): type it again.`;
}

/** Whether `value` is text a person could have typed into a one-line field (or, `lines`, a field of several). */
export function isText(value: string, lines = false): boolean {
  return !(lines ? CONTROLS : ONE_LINE_CONTROLS).test(value);
}

/** A trimmed one-line text field: required unless `min` is 0, at most `max` characters, no control characters. */
export function oneLine(what: string, { min = 1, max, empty, long }: { min?: number; max: number; empty?: string; long?: string }) {
  return z
    .string()
    .trim()
    .min(min, empty ?? `Enter ${what.toLowerCase()}.`)
    .max(max, long ?? `Keep ${what.toLowerCase()} under ${max.toLocaleString("en")} characters.`)
    .refine((v) => isText(v), controlMessage(what));
}

/** A trimmed text field of several lines (tab and line breaks allowed), at most `max` characters. */
export function manyLines(what: string, max: number, long?: string) {
  return z
    .string()
    .trim()
    .max(max, long ?? `Keep ${what.toLowerCase()} under ${max.toLocaleString("en")} characters.`)
    .refine((v) => isText(v, true), controlMessage(what));
}

/** A record's id, as a form or the API sends it back. */
export const RecordId = z.string().trim().regex(RECORD_ID);
