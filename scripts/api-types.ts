// npm run api:types: writes lib/api/schema.d.ts, the TypeScript types of the
// JSON API generated from its OpenAPI document (openapi-typescript). Clients
// use them with openapi-fetch, as e2e/api.spec.ts does.
import { writeFileSync } from "node:fs";
import { apiTypes } from "../lib/api/types-source";

apiTypes().then((types) => {
  writeFileSync("lib/api/schema.d.ts", types);
  console.log("Wrote lib/api/schema.d.ts");
});
