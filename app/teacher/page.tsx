import type { Metadata } from "next";
import { AppHeader } from "@/components/ui/app-header";
import { cardClass } from "@/components/ui/styles";
import { requirePageViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Home" };

export default async function TeacherHome() {
  const viewer = await requirePageViewer("TEACHER");
  return (
    <>
      <AppHeader viewer={viewer} links={[]} />
      <main id="main" className="mx-auto max-w-5xl px-4 py-6">
        <h1 className="mb-4 text-2xl font-semibold">Welcome, {viewer.name}</h1>
        <div className={cardClass}>
          <p>Your class rosters, with enrollment dates, are coming soon.</p>
        </div>
      </main>
    </>
  );
}
