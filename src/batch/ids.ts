// Repository ids: unique, file-system-safe names (the SARIF file is sarif/<id>.sarif), derived
// from the display name. Collisions are resolved by the sorted source paths, so the same inputs
// give the same ids in any order and on every shard.
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
const MAX_ID = 80;

export function baseId(name: string): string {
  const id = name
    .normalize('NFC')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[.-]+|[.-]+$/g, '')
    .slice(0, MAX_ID);
  if (id === '') return 'repo';
  return WINDOWS_RESERVED.test(id) ? `_${id}` : id;
}

/** Ids for items with a name and a unique key (their absolute path), in the items' order. */
export function assignIds(items: readonly { name: string; path: string }[]): string[] {
  const order = items
    .map((item, index) => ({ index, base: baseId(item.name), path: item.path }))
    .sort((a, b) => cmp(a.base.toLowerCase(), b.base.toLowerCase()) || cmp(a.path, b.path));
  // Compared case-insensitively: "Repo" and "repo" are one file on macOS and Windows.
  const taken = new Set<string>();
  const ids: string[] = new Array<string>(items.length);
  for (const { index, base } of order) {
    let id = base;
    for (let n = 2; taken.has(id.toLowerCase()); n++) id = `${base}-${n}`;
    taken.add(id.toLowerCase());
    ids[index] = id;
  }
  return ids;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
