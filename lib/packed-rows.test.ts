import { describe, expect, it } from "vitest";
import { packChecklist, unpackChecklist, type ChecklistRow } from "@/components/enrollment/checklist-html";
import { packRows, unpackRows } from "@/lib/packed-rows";

describe("rows packed into one string", () => {
  it("round-trips rows of text, empty cells included", () => {
    const rows = [
      ["Zoë Ðorđević", "zoe@example.test", "3 Sep 2026", ""],
      ["", "", "", ""],
      ["Ada <Admin> & \"co\"", "a@b", "1 Jan 2026", "By an admin"],
    ];
    expect(unpackRows(packRows(rows))).toEqual(rows);
    expect(unpackRows(packRows([]))).toEqual([]);
    expect(unpackRows(packRows([["only"]]))).toEqual([["only"]]);
  });

  it("shows a separator inside a cell as a space instead of splitting on it", () => {
    expect(unpackRows(packRows([["a\tb", "c\nd"]]))).toEqual([["a b", "c d"]]);
  });
});

describe("checklist rows packed into one string", () => {
  it("round-trips a student's email, a class's counts (with and without a limit) and a missing date", () => {
    const rows: ChecklistRow[] = [
      ["s-1", "Sam Student", "sam@students.test", "3 Sep 2026"],
      ["c-1", "MATH-101 Algebra", [12, 30], null],
      ["c-2", "ART-1 Drawing", [0, null], "1 Jan 2026"],
    ];
    expect(unpackChecklist(packChecklist(rows))).toEqual(rows);
    expect(unpackChecklist(packChecklist([]))).toEqual([]);
  });
});
