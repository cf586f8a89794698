import { openApi } from "@/lib/api/openapi";

/** The API's OpenAPI description: public, like any API reference. */
export function GET() {
  return Response.json(openApi, { headers: { "cache-control": "public, max-age=300" } });
}
