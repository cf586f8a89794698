import { AppHeader } from "@/components/ui/app-header";
import { requirePageViewer } from "@/lib/server/session";

export default async function TeacherLayout({ children }: { children: React.ReactNode }) {
  const viewer = await requirePageViewer("TEACHER");
  return (
    <>
      <AppHeader viewer={viewer} links={[{ href: "/teacher", label: "My classes" }]} />
      <main id="main" className="mx-auto max-w-5xl px-4 py-6 print:max-w-none print:p-0">
        {children}
      </main>
    </>
  );
}
