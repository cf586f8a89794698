import { describe, expect, it } from "vitest";
import { pageNumbers, parsePageSize } from "@/lib/pager";

describe("paging controls", () => {
  it("link the first and last pages and two either side of the current one, with gaps", () => {
    expect(pageNumbers(1, 1)).toEqual([1]);
    expect(pageNumbers(1, 5)).toEqual([1, 2, 3, null, 5]);
    expect(pageNumbers(4, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(pageNumbers(200, 400)).toEqual([1, null, 198, 199, 200, 201, 202, null, 400]);
    expect(pageNumbers(400, 400)).toEqual([1, null, 398, 399, 400]);
  });

  it("take a page size from the address only if it is one offered", () => {
    expect([parsePageSize("50"), parsePageSize("100"), parsePageSize("7"), parsePageSize(undefined), parsePageSize(["50"])]).toEqual([50, 100, 25, 25, 25]);
  });
});
