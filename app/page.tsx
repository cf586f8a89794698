import { redirect } from "next/navigation";
import { getViewer } from "@/lib/server/auth";
import { homeFor } from "@/lib/server/session";

export default async function Home() {
  const viewer = await getViewer();
  redirect(viewer ? homeFor(viewer.role) : "/login");
}
