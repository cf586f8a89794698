/** Splits a list into lists of at most `size` (a write of many rows, a statement's parameters). */
export function batches<T>(items: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
