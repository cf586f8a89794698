import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { actionBegins, BadRequestError, currentRequest, refuseRequest, withRequest } from "@/lib/request-context.mjs";

// The server script answers a failed action request 400 when the action never
// began (docs/decisions/019): so each action must say, first thing, that it has.
const dir = "lib/server/actions";
const actions = readdirSync(dir)
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
  .map((f) => ({ file: f, source: readFileSync(`${dir}/${f}`, "utf8") }))
  .filter(({ source }) => source.startsWith('"use server"'))
  .flatMap(({ file, source }) =>
    [...source.matchAll(/^export async function (\w+)\([\s\S]*?\)(?:: [^{]+)? \{\n\s*(.*)$/gm)].map((m) => ({ file, name: m[1]!, first: m[2]! })),
  );

describe("server actions", () => {
  it("are all found", () => {
    expect(actions.length).toBeGreaterThan(20);
  });

  it.each(actions)("$name ($file) begins by checking its arguments", ({ first }) => {
    expect(first).toMatch(/^(postedForm\(\w+\);|actionBegins\(\);|const \w+ = boundId\()/);
  });

  it("mark their own request as begun or refused, and no other", async () => {
    type Context = { id: string; action: boolean; actionBegan?: boolean; refused?: string };
    const refused: Context = { id: "t", action: true };
    const begun: Context = { id: "u", action: true };
    await Promise.all([
      withRequest(refused, async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        expect(currentRequest()).toBe(refused);
        actionBegins();
        expect(() => refuseRequest("not a form")).toThrow(BadRequestError);
      }),
      withRequest(begun, async () => {
        actionBegins();
        await new Promise((resolve) => setTimeout(resolve, 10));
        expect(currentRequest()).toBe(begun);
      }),
    ]);
    expect(refused).toEqual({ id: "t", action: true, actionBegan: true, refused: "not a form" });
    expect(begun).toEqual({ id: "u", action: true, actionBegan: true });
    expect(currentRequest()).toBeUndefined();
  });
});
