import { describe, expect, it } from "vitest";
import { fullName, nameSortKey, splitFullName, withNames } from "@/lib/names";

describe("a person's names (decision 038)", () => {
  it("shows the given name, then the family name; a person with one name by it alone", () => {
    expect(fullName({ givenName: "Ada", familyName: "Lovelace" })).toBe("Ada Lovelace");
    expect(fullName({ givenName: "Plato", familyName: "" })).toBe("Plato");
  });

  it("orders by the family name, then the given name, ignoring case and accents", () => {
    const people = [
      { givenName: "Zoë", familyName: "Ääberg" },
      { givenName: "Adam", familyName: "Zed" },
      { givenName: "ann", familyName: "de la Cruz" },
      { givenName: "Émile", familyName: "Lee" },
      { givenName: "Al", familyName: "Leeds" },
      { givenName: "Bea", familyName: "Lee" },
      { givenName: "Cher", familyName: "" },
    ];
    const ordered = [...people].sort((a, b) => (nameSortKey(a) < nameSortKey(b) ? -1 : 1)).map(fullName);
    expect(ordered).toEqual(["Zoë Ääberg", "Cher", "ann de la Cruz", "Bea Lee", "Émile Lee", "Al Leeds", "Adam Zed"]);
    expect(nameSortKey({ givenName: "Émile", familyName: "Lee" })).toBe("lee emile");
  });

  it("writes the shown name and the key with the names", () => {
    expect(withNames({ givenName: "Mary Ann", familyName: "Evans", email: "m@x" })).toEqual({
      givenName: "Mary Ann",
      familyName: "Evans",
      email: "m@x",
      name: "Mary Ann Evans",
      sortName: "evans mary ann",
    });
  });

  it("splits a one-field name as the migration did: the last word is the family name", () => {
    expect(splitFullName("Ada Lovelace")).toEqual({ givenName: "Ada", familyName: "Lovelace" });
    expect(splitFullName("Mary Ann  Evans")).toEqual({ givenName: "Mary Ann", familyName: "Evans" });
    expect(splitFullName("Cher")).toEqual({ givenName: "Cher", familyName: "" });
  });
});
