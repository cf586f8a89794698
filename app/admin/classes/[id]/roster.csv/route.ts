import { rosterCsvResponse } from "@/lib/server/roster-csv";

export async function GET(_request: Request, { params }: RouteContext<"/admin/classes/[id]/roster.csv">) {
  return rosterCsvResponse((await params).id, "ADMIN");
}
