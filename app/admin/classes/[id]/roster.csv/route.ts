import { rosterCsvResponse } from "@/lib/server/roster-csv";

export async function GET(request: Request, { params }: RouteContext<"/admin/classes/[id]/roster.csv">) {
  return rosterCsvResponse((await params).id, "ADMIN", request);
}
