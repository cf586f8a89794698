"use client";
import { useFormStatus } from "react-dom";
import { buttonClass, dangerButtonClass } from "@/components/ui/styles";

/** A form's submit button: disabled while the form is sent, saying what is happening (`pending`, default "Saving…"). */
export function SubmitButton({ children, danger = false, pending: pendingText = "Saving…" }: { children: React.ReactNode; danger?: boolean; pending?: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} aria-disabled={pending} className={danger ? dangerButtonClass : buttonClass}>
      {pending ? pendingText : children}
    </button>
  );
}
