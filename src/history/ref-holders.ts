// Which refs still hold a finding that never reached HEAD's first-parent line. Only the paths
// of those findings are looked up, as `<ref>:<path>` names through the batch-check process
// already running, so the cost is a line per (ref, path) and a cache lookup, with no new
// process per ref.
import type { HistoryEntry } from '../batch/summary.js';
import type { BlobScanner } from './blob-scanner.js';
import { gitOutput } from './git-process.js';

/** Past this many (ref, path) lookups the refs are not reported: repositories with thousands of tags. */
export const MAX_REF_LOOKUPS = 50_000;

/** Every ref but notes (their trees are annotations keyed by object id, not project files). */
async function listRefs(repo: string): Promise<string[]> {
  const out = await gitOutput(repo, ['for-each-ref', '--format=%(refname)']);
  return out.split('\n').filter((ref) => ref !== '' && !ref.startsWith('refs/notes/'));
}

/**
 * Sets `refs` on each entry that is neither present at HEAD nor removed from HEAD's line: the
 * refs whose tip tree holds its fingerprint. Leaves the entries alone when the lookup would be
 * too large.
 */
export async function addRefHolders(repo: string, entries: readonly HistoryEntry[], scanner: BlobScanner): Promise<void> {
  const historyOnly = entries.filter((e) => !e.presentAtHead && !e.removed);
  if (historyOnly.length === 0) return;
  const paths = [...new Set(historyOnly.map((e) => e.path))].filter((p) => !p.includes('\n'));
  const refs = await listRefs(repo);
  if (refs.length * paths.length > MAX_REF_LOOKUPS) return;
  const pairs = refs.flatMap((ref) => paths.map((path) => ({ ref, path })));
  const blobs = await scanner.resolveNames(pairs.map(({ ref, path }) => `${ref}:${path}`));
  const changes = pairs.flatMap(({ path }, i) => {
    const blob = blobs[i];
    return blob ? [{ path, blob }] : [];
  });
  await scanner.prepare(changes);
  const holders = new Map<string, string[]>(); // fingerprint → refs
  pairs.forEach(({ ref, path }, i) => {
    const blob = blobs[i];
    if (!blob) return;
    for (const fp of scanner.fingerprints({ path, blob })) {
      const list = holders.get(fp);
      if (list) list.push(ref);
      else holders.set(fp, [ref]);
    }
  });
  for (const entry of historyOnly) entry.refs = holders.get(entry.fingerprint) ?? [];
}
