import { AppHeader } from "@/components/ui/app-header";
import { requirePageViewer } from "@/lib/server/session";
import { unreadCount } from "@/lib/server/data/notices/inbox";

export default async function StudentLayout({ children }: { children: React.ReactNode }) {
  const viewer = await requirePageViewer("STUDENT");
  const unread = await unreadCount(viewer);
  return (
    <>
      <AppHeader
        viewer={viewer}
        links={[
          { href: "/student", label: "My classes" },
          { href: "/student/inbox", label: "Inbox", badge: { count: unread, of: "unread" } },
        ]}
      />
      <main id="main" className="mx-auto max-w-5xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
