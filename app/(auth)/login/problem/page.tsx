import type { Metadata } from "next";
import { SignInFrame } from "@/components/sign-in/sign-in-frame";
import Link from "next/link";
import { schoolProvider } from "@/lib/server/school-accounts";

export const metadata: Metadata = { title: "Sign-in not finished" };

/**
 * Where a school account's sign-in ends when it can't go on: refused by the
 * school's limits (another domain or tenant), a provider that didn't answer,
 * or a callback Auth.js refused (state, nonce or PKCE that doesn't match, a
 * code used already: `Configuration`, and the other Auth.js error codes).
 * Nothing was written in any of these.
 */
export default async function ProblemPage({ searchParams }: PageProps<"/login/problem">) {
  const params = await searchParams;
  const error = typeof params.error === "string" ? params.error : "";
  const provider = schoolProvider(typeof params.provider === "string" ? params.provider : "");
  const name = provider?.name ?? "your school's sign-in";
  const domains = provider?.domains.length ? provider.domains.map((d) => `@${d}`).join(" or ") : null;
  const message =
    error === "other-domain"
      ? `That ${name} account isn't one of the school's. Sign in with your school account${domains ? ` (an address ending ${domains})` : ""}.`
      : error === "other-tenant"
        ? `That ${name} account belongs to another organization. Sign in with your school's ${name} account.`
        : error === "unverified"
          ? `${name} didn't confirm that account's email address, so Rollbook can't tell it is the school's. Ask the school office.`
          : error === "unavailable"
            ? `${name} didn't answer, or answered with something Rollbook couldn't check. Try again in a minute; if it keeps happening, tell the school office.`
            : "That sign-in couldn't be finished: the answer from the sign-in page was used already, had expired, or was changed on the way. Start again from the sign-in page.";
  return (
    <SignInFrame wide>
      <h2 className="text-lg font-semibold">You&apos;re not signed in</h2>
      <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
        {message} Nothing was saved.
      </p>
      <p className="text-sm">
        <Link href="/login">Back to sign in</Link>
      </p>
    </SignInFrame>
  );
}
