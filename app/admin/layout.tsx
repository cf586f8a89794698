import { AppHeader } from "@/components/ui/app-header";
import { requirePageViewer } from "@/lib/server/session";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const viewer = await requirePageViewer("ADMIN");
  return (
    <>
      <AppHeader
        viewer={viewer}
        links={[
          { href: "/admin/students", label: "Students" },
          { href: "/admin/groups", label: "Groups" },
          { href: "/admin/classes", label: "Classes" },
          { href: "/admin/terms", label: "Terms" },
          { href: "/admin/teachers", label: "Teachers" },
          { href: "/admin/import", label: "Import" },
          { href: "/admin/api-tokens", label: "API" },
          { href: "/admin/outbox", label: "Outbox" },
          { href: "/admin/backups", label: "Backups" },
          { href: "/admin/sign-in", label: "School accounts" },
          { href: "/admin/audit", label: "Audit log" },
        ]}
      />
      <main id="main" className="mx-auto max-w-5xl px-4 py-6">{children}</main>
    </>
  );
}
