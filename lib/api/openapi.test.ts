import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { openApi } from "@/lib/api/openapi";
import { apiTypes } from "@/lib/api/types-source";

describe("the API's OpenAPI document", () => {
  const operations = Object.values(openApi.paths).flatMap((item) => Object.values(item) as { operationId?: string }[]);

  it("gives every operation a unique operationId, for client generators", () => {
    const ids = operations.map((o) => o.operationId);
    expect(ids.length).toBeGreaterThanOrEqual(5);
    expect(ids.every((id) => typeof id === "string" && /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("matches the generated client types (run npm run api:types after changing it)", async () => {
    expect(readFileSync("lib/api/schema.d.ts", "utf8")).toBe(await apiTypes());
  });
});
