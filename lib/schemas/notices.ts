import { z } from "zod";

/** A notice's or an outbox email's id, as a form sends it back. */
export const NoticeIdSchema = z.coerce.number().int().positive().max(2 ** 31 - 1);
