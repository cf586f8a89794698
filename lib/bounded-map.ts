/**
 * Sets `key` in a map kept to at most `max` entries: when it is full and
 * the key is new, the entry set longest ago goes first (a Map keeps
 * insertion order). For a process's caches of what it last saw.
 */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  if (map.size >= max && !map.has(key)) map.delete(map.keys().next().value!);
  map.set(key, value);
}
