import { rosterCsvResponse } from "@/lib/server/roster-csv";

export async function GET(request: Request, { params }: RouteContext<"/teacher/classes/[id]/roster.csv">) {
  return rosterCsvResponse((await params).id, "TEACHER", request);
}
