"use client";
import { useFormStatus } from "react-dom";
import { buttonClass, dangerButtonClass } from "@/components/ui/styles";

export function SubmitButton({ children, danger = false }: { children: React.ReactNode; danger?: boolean }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} aria-disabled={pending} className={danger ? dangerButtonClass : buttonClass}>
      {pending ? "Saving…" : children}
    </button>
  );
}
