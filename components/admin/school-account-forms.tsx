"use client";
import { useActionState } from "react";
import { IDLE, type ActionState } from "@/lib/action-state";
import { FormMessage } from "@/components/ui/form-message";
import { inputClass, secondaryButtonClass } from "@/components/ui/styles";
import { SubmitButton } from "@/components/ui/submit-button";

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/** A small form of the school accounts page, with its own state: see FormBody. */
function InlineForm({
  action,
  children,
  ...body
}: {
  action: Action;
  submit: string;
  look?: Look;
  children?: (state: ActionState) => React.ReactNode;
  label: string;
}) {
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <FormBody action={formAction} state={state} {...body}>
      {children?.(state)}
    </FormBody>
  );
}

type Look = "primary" | "danger" | "secondary";

/** A form's fields and button in a row, then what the action answered (each field's error below it). */
function FormBody({
  action,
  state,
  submit,
  look = "primary",
  label,
  children,
}: {
  action: (formData: FormData) => void;
  state: ActionState;
  submit: string;
  look?: Look;
  label: string;
  children?: React.ReactNode;
}) {
  return (
    <form action={action} aria-label={label} className="space-y-2">
      <div className="flex flex-wrap items-end gap-2">
        {children}
        {look === "secondary" ? (
          <button type="submit" className={secondaryButtonClass}>
            {submit}
          </button>
        ) : (
          <SubmitButton danger={look === "danger"} pending={`${submit}…`}>
            {submit}
          </SubmitButton>
        )}
      </div>
      <FormMessage state={state} />
      <FieldErrors state={state} />
    </form>
  );
}

/** A refused form's field messages, under it. */
function FieldErrors({ state }: { state: ActionState }) {
  const errors = state.status === "error" ? Object.values(state.fieldErrors ?? {}) : [];
  if (errors.length === 0) return null;
  return (
    <ul className="text-sm text-red-800">
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  );
}

const typed = (state: ActionState, name: string, fallback = "") => (state.status === "error" ? (state.values?.[name] ?? fallback) : fallback);

/**
 * A request's two answers. The one given replaces both with what it did (the
 * page isn't drawn again: the write answers with what changed).
 */
export function RequestAnswers({ approve, refuse, suggestion, who }: { approve: Action; refuse: Action; suggestion: string | null; who: string }) {
  const [approved, approveAction] = useActionState(approve, IDLE);
  const [refused, refuseAction] = useActionState(refuse, IDLE);
  const done = approved.status === "ok" ? approved : refused.status === "ok" ? refused : null;
  if (done) return <FormMessage state={done} />;
  return (
    <div className="flex flex-wrap gap-6">
      <FormBody action={approveAction} state={approved} submit="Link" label={`Link ${who}`}>
        <label className="text-sm">
          <span className="block font-medium">Link to the login of</span>
          <input
            key={typed(approved, "email", suggestion ?? "")}
            name="email"
            type="email"
            required
            placeholder="their email in Rollbook"
            defaultValue={typed(approved, "email", suggestion ?? "")}
            className={inputClass}
          />
        </label>
      </FormBody>
      <FormBody action={refuseAction} state={refused} submit="Refuse" look="danger" label={`Refuse ${who}`}>
        <label className="text-sm">
          <span className="block font-medium">Why (they&apos;re told)</span>
          <input key={typed(refused, "reason")} name="reason" required maxLength={300} defaultValue={typed(refused, "reason")} className={inputClass} />
        </label>
      </FormBody>
    </div>
  );
}

export function ButtonForm({ action, submit, label }: { action: Action; submit: string; label: string }) {
  return <InlineForm action={action} submit={submit} look="secondary" label={label} />;
}

export function RuleForm({ action, providers }: { action: Action; providers: { id: string; name: string }[] }) {
  return (
    <InlineForm action={action} submit="Save rule" label="Add a linking rule">
      {(state) => (
        <>
          <label className="text-sm">
            <span className="block font-medium">Provider</span>
            <select name="provider" defaultValue={typed(state, "provider", providers[0]?.id)} className={inputClass}>
              {providers.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            <span className="block font-medium">Domain</span>
            <input key={typed(state, "domain")} name="domain" required placeholder="school.edu" defaultValue={typed(state, "domain")} className={inputClass} />
          </label>
          <fieldset className="text-sm">
            <legend className="font-medium">Link without asking</legend>
            <label className="mr-3 inline-flex items-center gap-1">
              <input type="checkbox" name="linkByEmail" /> by verified email
            </label>
            <label className="mr-3 inline-flex items-center gap-1">
              <input type="checkbox" name="linkBySourcedId" /> by sourcedId
            </label>
            <label className="inline-flex items-center gap-1">
              <input type="checkbox" name="createStudents" /> make new students
            </label>
          </fieldset>
        </>
      )}
    </InlineForm>
  );
}

export function SettingsForm({
  action,
  settings,
}: {
  action: Action;
  settings: { passwordStudents: boolean; passwordTeachers: boolean; passwordAdmins: boolean; askWhom: string };
}) {
  return (
    <InlineForm action={action} submit="Save sign-in settings" label="Sign-in settings">
      {(state) => (
        <div className="w-full space-y-3">
          <fieldset className="text-sm">
            <legend className="font-medium">May sign in with a password</legend>
            {(
              [
                ["passwordStudents", "Students"],
                ["passwordTeachers", "Teachers"],
                ["passwordAdmins", "Admins"],
              ] as const
            ).map(([name, label]) => (
              <label key={name} className="mr-4 inline-flex items-center gap-1">
                <input type="checkbox" name={name} defaultChecked={settings[name]} /> {label}
              </label>
            ))}
          </fieldset>
          <label className="block max-w-md text-sm">
            <span className="block font-medium">Whom people ask to link their school account</span>
            <input
              key={typed(state, "askWhom", settings.askWhom)}
              name="askWhom"
              maxLength={200}
              placeholder="the school office"
              defaultValue={typed(state, "askWhom", settings.askWhom)}
              className={inputClass}
            />
          </label>
        </div>
      )}
    </InlineForm>
  );
}
