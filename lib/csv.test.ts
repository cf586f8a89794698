import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "@/lib/csv";

describe("CSV", () => {
  it("quotes commas, quotes and newlines", () => {
    expect(csvCell("O'Brien, Ann")).toBe('"O\'Brien, Ann"');
    expect(csvCell('Ann "Nan" Lee')).toBe('"Ann ""Nan"" Lee"');
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell(null)).toBe("");
    expect(csvCell(42)).toBe("42");
  });

  it("neutralises cells a spreadsheet would run as formulas", () => {
    expect(csvCell("=HYPERLINK(\"http://x\")")).toBe("\"'=HYPERLINK(\"\"http://x\"\")\"");
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell(-2)).toBe("-2");
  });

  it("writes a BOM, a header and CRLF rows", () => {
    expect(toCsv([["Name", "Email"], ["Zoë", "z@x.test"]])).toBe("\uFEFFName,Email\r\nZoë,z@x.test\r\n");
  });
});
