import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/**
 * The layout's rules are lint rules (decision 029): they must fail on what
 * they forbid, or `npm run lint` passing says nothing.
 */
describe("the layout's lint rules", () => {
  it("fail on an import circle under lib/ and on lib/ importing from scripts/", async () => {
    const dir = `lib/lint-check-${randomUUID().slice(0, 8)}`;
    mkdirSync(dir);
    try {
      writeFileSync(`${dir}/a.ts`, `import { b } from "@/${dir}/b";\nexport const a = () => b();\n`);
      writeFileSync(`${dir}/b.ts`, `import { a } from "@/${dir}/a";\nexport const b = (): unknown => a;\n`);
      writeFileSync(`${dir}/c.ts`, `import { databaseFile } from "@/scripts/database-file.mjs";\nexport const c = databaseFile;\n`);
      const results = await new ESLint().lintFiles([`${dir}/a.ts`, `${dir}/c.ts`]);
      const rules = results.flatMap((r) => r.messages.map((m) => `${r.filePath.split("/").pop()} ${m.ruleId}`));
      expect(rules).toContain("a.ts import/no-cycle");
      expect(rules).toContain("c.ts no-restricted-imports");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
