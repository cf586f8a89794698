"use client";
import { useActionState } from "react";
import { IDLE, type ActionState } from "@/lib/action-state";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

const FILES: { name: string; label: string; hint: string; accept?: string }[] = [
  {
    name: "zip",
    label: "OneRoster zip",
    hint: "All the files in one zip with manifest.csv (OneRoster 1.1 or 1.2, bulk), as the export writes it; or upload the files one by one below",
    accept: ".zip,application/zip",
  },
  { name: "academicSessions", label: "academicSessions.csv", hint: "Terms: sourcedId, title, type (term, semester, schoolYear), startDate, endDate" },
  { name: "users", label: "users.csv", hint: "Students and teachers: sourcedId, givenName, familyName, email, identifier, and role (or roles.csv)" },
  { name: "roles", label: "roles.csv", hint: "Each user's role (OneRoster 1.2): userSourcedId, role (student or teacher), roleType" },
  { name: "classes", label: "classes.csv", hint: "sourcedId, classCode, title, termSourcedIds (one term), metadata.meetings (like Mon Wed 09:00-10:30 Room 12)" },
  { name: "enrollments", label: "enrollments.csv", hint: "classSourcedId, userSourcedId, role, beginDate, endDate, status" },
];

/** The upload form: a OneRoster zip, or any of the files, then "Check files" (nothing is imported yet). */
export function ImportForm({ action, maxMb }: { action: (prev: ActionState, formData: FormData) => Promise<ActionState>; maxMb: number }) {
  const [state, formAction] = useActionState(action, IDLE);
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={formAction} className="space-y-5">
      <FormMessage state={state} />
      {FILES.map((f) => (
        <div key={f.name}>
          <label htmlFor={`file-${f.name}`} className="block text-sm font-medium text-slate-800">
            {f.label}
          </label>
          <input
            id={`file-${f.name}`}
            name={f.name}
            type="file"
            accept={f.accept ?? ".csv,text/csv"}
            aria-describedby={`file-${f.name}-hint${errors[f.name] ? ` file-${f.name}-error` : ""}`}
            aria-invalid={errors[f.name] ? true : undefined}
            className="mt-1 block text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5"
          />
          <p id={`file-${f.name}-hint`} className="mt-1 text-xs text-slate-700">
            {f.hint}. Up to {maxMb} MB.
          </p>
          {errors[f.name] ? (
            <p id={`file-${f.name}-error`} className="mt-1 text-sm text-red-700">
              {errors[f.name]}
            </p>
          ) : null}
        </div>
      ))}
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="sync" className="mt-0.5 size-4 accent-indigo-700" />
        <span>
          <span className="font-medium">Also remove enrollments the files don’t list</span>, in the classes they cover (a full
          sync from your information system). The preview shows every removal before anything happens.
        </span>
      </label>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="skipBad" className="mt-0.5 size-4 accent-indigo-700" />
        <span>
          <span className="font-medium">Skip rows with problems</span> and import the rest. The preview lists every row it
          skips, and the import stays one change you can undo. Not with a full sync.
        </span>
      </label>
      <SubmitButton pending="Uploading…">Check files</SubmitButton>
    </form>
  );
}
