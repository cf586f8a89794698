/** What a form's server action answers; shared by actions and the client forms. */
export type ActionState =
  | { status: "idle" }
  | {
      status: "ok";
      message: string;
      /** shown once, e.g. a new API token */
      secret?: string;
      /** the admin's change set this made, offered for Undo beside the message */
      undo?: number | null;
    }
  | {
      /** a bulk Save's impact, shown before anything is written; the boxes stay as the user left them */
      status: "preview";
      message: string;
      /** the Save would be refused as it is (a class would go over capacity) */
      blocked: boolean;
      checked: string[];
    }
  | {
      /**
       * What saving a form would do to others (students told, seated,
       * clashing), said before anything is written; the form keeps what was
       * typed, and saving it again unchanged (`previewed`) goes ahead
       */
      status: "confirm";
      message: string;
      effects: string[];
      values: Record<string, string>;
      confirmLabel: string;
    }
  | {
      status: "error";
      message: string;
      fieldErrors?: Record<string, string>;
      /** What the user typed, so a refused form keeps it. */
      values?: Record<string, string>;
      /** For checklists: the boxes as the user left them. */
      checked?: string[];
    };

export const IDLE: ActionState = { status: "idle" };

/** A class's counts after a change. */
export type ClassCounts = { code: string; enrolledCount: number; capacity: number | null };

/** The answer to one checkbox toggled with JavaScript (POST /api/enrollment/tick): what changed. */
export type TickReply =
  | {
      ok: true;
      enrolled: boolean;
      enrolledAt: string | null;
      /** "Enrolled 3 Sep 2026", in the viewer's locale */
      enrolledLabel: string | null;
      course: ClassCounts;
      /** seated from the waitlist by this drop */
      promoted: { studentId: string; name: string }[];
      /** an admin's change set for this tick, offered for Undo beside it */
      undo: number | null;
    }
  | { ok: false; message: string; code?: string; /** a full class's counts as they are now */ course?: ClassCounts };

/** The answer to a waitlist button with JavaScript (POST /api/enrollment/waitlist). */
export type WaitlistReply = { ok: true; position: number | null; course?: ClassCounts } | { ok: false; message: string; code?: string };
