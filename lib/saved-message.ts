/**
 * What a Save did, carried in the address it redirects to (post/redirect/get):
 * `?saved=2-1` is "2 added, 1 removed". Only two numbers are read from the
 * address, so a link can't make a page say anything else.
 */
export function savedParam(summary: { added: number; removed: number }): string {
  return `${summary.added}-${summary.removed}`;
}

/** "Saved: 2 added, 1 removed." */
export function savedText({ added, removed }: { added: number; removed: number }, removedWord = "removed"): string {
  return added + removed === 0 ? "No changes to save." : `Saved: ${added} added, ${removed} ${removedWord}.`;
}

/** The page's message for its `saved` search parameter, or null. */
export function savedMessage(param: string | string[] | undefined, removedWord = "removed"): string | null {
  const m = typeof param === "string" ? /^(\d{1,5})-(\d{1,5})$/.exec(param) : null;
  return m ? savedText({ added: Number(m[1]), removed: Number(m[2]) }, removedWord) : null;
}

/** The change set a Save made, from its `undo` search parameter (offered for Undo beside the message), or null. */
export function undoParam(param: string | string[] | undefined): number | null {
  return typeof param === "string" && /^\d{1,12}$/.test(param) && Number(param) > 0 ? Number(param) : null;
}
