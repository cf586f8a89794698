import { describe, expect, it } from "vitest";
import { escapeHtml, escapeWrappable, tableRowsHtml } from "@/lib/html";

describe("HTML for long tables", () => {
  it("escapes everything that could open a tag, an entity or an attribute", () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe(
      "&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#39;y&#39;",
    );
    expect(escapeHtml("Zoë Ðorđević")).toBe("Zoë Ðorđević");
  });

  it("writes one row per item and one cell per column, numeric cells aligned right", () => {
    const html = tableRowsHtml(
      [
        { name: "Ada <Admin>", n: 2 },
        { name: "Bo & Co", n: 10 },
      ],
      [{ cell: (r) => r.name }, { cell: (r) => String(r.n), numeric: true }],
    );
    expect(html).toBe(
      // End tags left out where HTML makes them optional.
      '<tr><td>Ada &#60;Admin&#62;<td class="text-right">2<tr><td>Bo &#38; Co<td class="text-right">10',
    );
    expect(tableRowsHtml([], [{ cell: () => "x" }])).toBe("");
  });

  it("marks where an email may wrap (after its @, before its dots), and nothing else", () => {
    expect(escapeWrappable("ada.lovelace@school.test")).toBe("ada<wbr>.lovelace@<wbr>school<wbr>.test");
    expect(escapeWrappable("O'Brien & 1.5")).toBe("O&#39;Brien &#38; 1.5");
    expect(escapeWrappable("<x>@y.z")).toBe("&#60;x&#62;@<wbr>y<wbr>.z");
    expect(tableRowsHtml([{ e: "a.b@c.d" }], [{ cell: (r) => r.e }])).toBe("<tr><td>a<wbr>.b@<wbr>c<wbr>.d");
  });
});
