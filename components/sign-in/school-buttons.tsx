import { schoolSignInAction } from "@/lib/server/actions/auth";
import { secondaryButtonClass } from "@/components/ui/styles";

/** A button per school account provider that is on: each a plain form, so it works without JavaScript. */
export function SchoolButtons({ providers }: { providers: { id: string; name: string }[] }) {
  if (providers.length === 0) return null;
  return (
    <ul className="space-y-2" aria-label="School accounts">
      {providers.map((p) => (
        <li key={p.id}>
          <form action={schoolSignInAction}>
            <input type="hidden" name="provider" value={p.id} />
            <button type="submit" className={`${secondaryButtonClass} w-full justify-center`}>
              Sign in with {p.name}
            </button>
          </form>
        </li>
      ))}
    </ul>
  );
}
