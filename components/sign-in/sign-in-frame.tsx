import { cardClass } from "@/components/ui/styles";

/** The frame of the signed-out pages (sign in, not linked yet, not signed in): the name, then one card. */
export function SignInFrame({ wide = false, children }: { wide?: boolean; children: React.ReactNode }) {
  return (
    <main className={`mx-auto mt-16 ${wide ? "max-w-md" : "max-w-sm"} px-4`}>
      <h1 className="mb-6 text-center text-3xl font-bold text-indigo-800">Rollbook</h1>
      <div className={wide ? `${cardClass} space-y-4` : cardClass}>{children}</div>
    </main>
  );
}
