import type { Metadata } from "next";
import { SignInFrame } from "@/components/sign-in/sign-in-frame";
import Link from "next/link";
import { cookies } from "next/headers";
import { AskLinkForm } from "@/components/sign-in/ask-link-form";
import { formatDateTime } from "@/lib/format-date";
import { getSignInSettings, linkRequestOf } from "@/lib/server/data/access/school-accounts";
import { openIdentity, PENDING_COOKIE, schoolProvider } from "@/lib/server/school-accounts";

export const metadata: Metadata = { title: "Your school account isn't linked yet" };

/**
 * Where a school account that isn't linked to a login lands after its
 * provider's callback: who it is (from the encrypted cookie the callback
 * left), whom to ask, and where the request stands.
 */
export default async function LinkPage() {
  const identity = await openIdentity((await cookies()).get(PENDING_COOKIE)?.value);
  const whom = (await getSignInSettings()).askWhom || "the school office";
  return (
    <SignInFrame wide>
      <h2 className="text-lg font-semibold">Your school account isn&apos;t linked yet</h2>
      {identity ? <Account identity={identity} whom={whom} /> : <p>That sign-in has expired, or this browser didn&apos;t finish one.</p>}
      <p className="text-sm">
        <Link href="/login">Back to sign in</Link>
      </p>
    </SignInFrame>
  );
}

async function Account({ identity, whom }: { identity: NonNullable<Awaited<ReturnType<typeof openIdentity>>>; whom: string }) {
  const provider = schoolProvider(identity.provider)?.name ?? "your school";
  const request = await linkRequestOf(identity);
  return (
    <>
      <p>
        You signed in with {provider} as <strong>{identity.email ?? identity.name}</strong>, but that account isn&apos;t linked to a Rollbook
        login. Nothing was saved. Ask {whom} to link it: they&apos;ll see your request and your note.
      </p>
      {request.status === "waiting" ? (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          You asked on {formatDateTime(request.askedAt)}. Once {whom} links it, you&apos;ll get an email; then sign in again.
        </p>
      ) : null}
      {request.status === "refused" ? (
        <p role="status" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          The school refused to link this account: {request.reason}
        </p>
      ) : (
        <AskLinkForm whom={whom} />
      )}
    </>
  );
}
