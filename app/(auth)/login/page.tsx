import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/forms/login-form";
import { cardClass } from "@/components/ui/styles";
import { getViewer } from "@/lib/server/auth";
import { homeFor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage() {
  const viewer = await getViewer();
  if (viewer) redirect(homeFor(viewer.role));
  return (
    <main className="mx-auto mt-16 max-w-sm px-4">
      <h1 className="mb-6 text-center text-3xl font-bold text-indigo-800">Rollbook</h1>
      <div className={cardClass}>
        <h2 className="mb-4 text-lg font-semibold">Sign in</h2>
        <LoginForm />
      </div>
    </main>
  );
}
