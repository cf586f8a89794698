import "server-only";
import type { ClassCounts } from "@/lib/action-state";

export type Fail = {
  ok: false;
  message: string;
  fieldErrors?: Record<string, string>;
  /** what kind of refusal, where a caller acts on it */
  code?: string;
  /** the class as it is now, where the refusal is about its seats (a full class): the page shows it at once */
  course?: ClassCounts;
};
export type Result<T = null> = { ok: true; value: T } | Fail;

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail(message: string, fieldErrors?: Record<string, string>): Fail {
  return fieldErrors ? { ok: false, message, fieldErrors } : { ok: false, message };
}

/**
 * An expected refusal (class full, already enrolled, …) raised inside a
 * transaction so that everything the transaction wrote is rolled back; the
 * data layer turns it into a `Fail` with the same message.
 */
export class RefusedError extends Error {
  constructor(
    message: string,
    readonly fieldErrors?: Record<string, string>,
    /** what kind of refusal ("full", "gone", "busy"...), where a caller acts on it */
    readonly code?: string,
    /** the class as it is now, where the refusal is about its seats */
    readonly course?: ClassCounts,
  ) {
    super(message);
    this.name = "RefusedError";
  }
}

/** A unique-constraint violation (P2002), optionally on a given field. */
export function isUniqueViolation(error: unknown, field?: string): boolean {
  if (typeof error !== "object" || error === null || (error as { code?: unknown }).code !== "P2002") return false;
  if (!field) return true;
  return JSON.stringify((error as { meta?: unknown }).meta ?? {}).includes(field);
}

/** Runs `work`, turning a RefusedError into a Fail. */
export async function refusable<T>(work: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await work());
  } catch (error) {
    if (error instanceof RefusedError) {
      const failed: Fail = fail(error.message, error.fieldErrors);
      if (error.code) failed.code = error.code;
      if (error.course) failed.course = error.course;
      return failed;
    }
    throw error;
  }
}
