"use client";
import { secondaryButtonClass } from "@/components/ui/styles";
import { useHydrated } from "@/components/enrollment/use-toggles";

/** Opens the browser's print dialog; the page's print styles drop the chrome. */
export function PrintButton() {
  // Without JavaScript the button could do nothing: the browser's own Print remains.
  if (!useHydrated()) return null;
  return (
    <button type="button" onClick={() => window.print()} className={`${secondaryButtonClass} print:hidden`}>
      Print
    </button>
  );
}
