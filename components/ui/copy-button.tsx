"use client";
import { useState } from "react";
import { secondaryButtonClass } from "@/components/ui/styles";
import { useHydrated } from "@/components/enrollment/use-toggles";

/**
 * Copies `text` to the clipboard and says so beside it. Without JavaScript
 * (or a clipboard, on a page that isn't secure) it isn't shown: the text is
 * in a field the reader can select and copy.
 */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [said, setSaid] = useState("");
  const hydrated = useHydrated();
  if (!hydrated || typeof navigator === "undefined" || !navigator.clipboard) return null;
  return (
    <>
      <button
        type="button"
        className={`${secondaryButtonClass} shrink-0`}
        aria-label={label}
        onClick={() =>
          navigator.clipboard.writeText(text).then(
            () => setSaid("Copied."),
            () => setSaid("Couldn't copy: select the text and copy it."),
          )
        }
      >
        Copy
      </button>
      <span role="status" className="sr-only sm:not-sr-only sm:self-center sm:text-sm">
        {said}
      </span>
    </>
  );
}
