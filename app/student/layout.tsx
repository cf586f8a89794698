import { AppHeader } from "@/components/ui/app-header";
import { requirePageViewer } from "@/lib/server/session";

export default async function StudentLayout({ children }: { children: React.ReactNode }) {
  const viewer = await requirePageViewer("STUDENT");
  return (
    <>
      <AppHeader viewer={viewer} links={[{ href: "/student", label: "My classes" }]} />
      <main id="main" className="mx-auto max-w-5xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
