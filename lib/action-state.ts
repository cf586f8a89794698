/** What a form's server action answers; shared by actions and the client forms. */
export type ActionState =
  | { status: "idle" }
  | { status: "ok"; message: string; /** shown once, e.g. a new API token */ secret?: string }
  | {
      /** a bulk Save's impact, shown before anything is written; the boxes stay as the user left them */
      status: "preview";
      message: string;
      /** the Save would be refused as it is (a class would go over capacity) */
      blocked: boolean;
      checked: string[];
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

/** The answer to one checkbox toggled with JavaScript. */
export type ToggleResult = { ok: true } | { ok: false; message: string };
