import type { Metadata } from "next";
import { SignInFrame } from "@/components/sign-in/sign-in-frame";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/forms/login-form";
import { SchoolButtons } from "@/components/sign-in/school-buttons";
import { getViewer } from "@/lib/server/auth";
import { getSignInSettings } from "@/lib/server/data/access/school-accounts";
import { schoolProviders } from "@/lib/server/school-accounts";
import { homeFor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage() {
  const viewer = await getViewer();
  if (viewer) redirect(homeFor(viewer.role));
  const providers = schoolProviders.map(({ id, name }) => ({ id, name }));
  // The password form, unless every role signs in with the school's accounts only.
  const settings = providers.length ? await getSignInSettings() : null;
  const passwords = !settings || settings.passwordStudents || settings.passwordTeachers || settings.passwordAdmins;
  return (
    <SignInFrame>
      <h2 className="mb-4 text-lg font-semibold">Sign in</h2>
      <SchoolButtons providers={providers} />
      {providers.length > 0 && passwords ? (
        <p className="my-4 flex items-center gap-3 text-sm text-slate-700 before:h-px before:flex-1 before:bg-slate-300 after:h-px after:flex-1 after:bg-slate-300">
          or with a password
        </p>
      ) : null}
      {passwords ? <LoginForm /> : null}
    </SignInFrame>
  );
}
