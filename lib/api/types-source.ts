import openapiTS, { astToString } from "openapi-typescript";
import { openApi } from "@/lib/api/openapi";

/** lib/api/schema.d.ts as the OpenAPI document makes it now. */
export async function apiTypes(): Promise<string> {
  const ast = await openapiTS(JSON.parse(JSON.stringify(openApi)));
  return `// Generated from lib/api/openapi.ts by \`npm run api:types\`: don't edit.\n${astToString(ast)}`;
}
