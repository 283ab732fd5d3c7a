// Scans the blobs a history walk meets, each (blob id, path) pair at most once while it stays
// in the cache: the same bytes at the same path give the same fingerprints (they are made of
// rule, path, normalised evidence and occurrence index), so a file that did not change between
// commits costs a map lookup. Sizes come first from `cat-file --batch-check`, so huge blobs
// are never read; contents come from a long-lived `cat-file --batch`.
import { isSkippedDirName, createPathFilter, type IgnoreRules, type PathFilter } from '../ignore-rules.js';
import { kindByName, LARGE_FILE_BYTES, type FileOptions } from '../scan.js';
import type { Finding } from '../types.js';
import { CatFile } from '../git-cat-file.js';
import { withoutGitVariables } from '../git.js';
import type { TreeChange } from './log-stream.js';
import { BlobScanPool, type BlobItem } from './scan-pool.js';

export interface BlobScannerOptions {
  fileOptions: FileOptions;
  /** Globs against repository-relative paths: when non-empty, only matching files are read. */
  include?: readonly string[];
  /** --exclude globs, matched against repository-relative paths. */
  exclude: readonly string[];
  /** Ignore rules (the work tree's top-level .ethnolintignore), for repository-relative paths. */
  ignore?: IgnoreRules;
  /** Worker threads for scanning (1: in process only). */
  jobs: number;
  /** Most (blob, path) results kept; older ones are dropped and rescanned if met again. */
  cacheEntries?: number;
  /** Called with every finding of every scanned blob (a blob met again is not rescanned). */
  onFinding: (finding: Finding) => void;
}

export interface BlobStats {
  /** Blobs read and scanned. */
  blobsScanned: number;
  /** (blob, path) pairs answered from the cache. */
  blobsCached: number;
  /** Notices of blobs met, by reason: 'too-large' and 'binary' blobs were not scanned; see Notice.reason. */
  notices: Record<string, number>;
}

const NONE: readonly string[] = Object.freeze([]);
const DEFAULT_CACHE_ENTRIES = 200_000;
/** Contents are requested in groups of about this many bytes, to bound memory. */
const READ_GROUP_BYTES = 16 * 1024 * 1024;

const key = (blob: string, path: string): string => `${blob}\0${path}`;

export class BlobScanner {
  readonly stats: BlobStats = { blobsScanned: 0, blobsCached: 0, notices: {} };
  private readonly cache = new Map<string, readonly string[]>();
  private readonly filter: PathFilter;
  private readonly limit: number;
  private readonly check: CatFile;
  private readonly contents: CatFile;
  private readonly pool: BlobScanPool;

  constructor(
    repo: string,
    private readonly options: BlobScannerOptions,
  ) {
    this.filter = createPathFilter(options.include ?? [], options.exclude);
    const { maxFileSize, largeFileBytes } = options.fileOptions;
    this.limit = Math.min(maxFileSize, largeFileBytes ?? LARGE_FILE_BYTES);
    // Only the repository named: a GIT_DIR left by a surrounding hook must not redirect the scan.
    const env = withoutGitVariables(process.env);
    this.check = new CatFile(repo, 'check', { env });
    this.contents = new CatFile(repo, 'contents', { env });
    this.pool = new BlobScanPool(options.fileOptions, options.jobs);
  }

  /**
   * Whether a path can hold findings: not in a folder a scan always skips (node_modules, .git,
   * caches …), of a kind ethnolint reads, not excluded and not ignored.
   */
  accepts(path: string): boolean {
    const dirs = path.split('/').slice(0, -1);
    return (
      !dirs.some(isSkippedDirName) &&
      kindByName(path) !== 'skip' &&
      this.filter.acceptsFile(path) &&
      this.options.ignore?.test(path, false) !== 'ignored'
    );
  }

  /** The fingerprints of `blob` at `path`; call `prepare` for the change first. */
  fingerprints(change: TreeChange): readonly string[] {
    if (change.blob === undefined || !this.accepts(change.path)) return NONE;
    const k = key(change.blob, change.path);
    const cached = this.cache.get(k);
    if (cached === undefined) throw new Error(`blob ${change.blob} at ${change.path} was not prepared`);
    return cached;
  }

  /** Reads and scans every (blob, path) of `changes` not in the cache yet. */
  async prepare(changes: readonly TreeChange[]): Promise<void> {
    const wanted = new Map<string, string[]>(); // blob → paths to scan it as
    for (const { blob, path } of changes) {
      if (blob === undefined || !this.accepts(path)) continue;
      const k = key(blob, path);
      const cached = this.cache.get(k);
      if (cached !== undefined) {
        // Refresh: a pair in use stays in the cache (Map order is insertion order).
        this.cache.delete(k);
        this.cache.set(k, cached);
        this.stats.blobsCached++;
        continue;
      }
      const paths = wanted.get(blob);
      if (!paths) wanted.set(blob, [path]);
      else if (!paths.includes(path)) paths.push(path);
      else this.stats.blobsCached++;
    }
    if (wanted.size === 0) return;
    const infos = await this.check.request([...wanted.keys()]);
    let group: string[] = [];
    let groupBytes = 0;
    for (const info of infos) {
      const paths = wanted.get(info.oid) ?? [];
      if (info.missing || info.type !== 'blob' || info.size > this.limit) {
        this.skip(info.missing ? 'missing' : info.type !== 'blob' ? 'not-a-blob' : 'too-large', info.oid, paths);
        continue;
      }
      group.push(info.oid);
      groupBytes += info.size;
      if (groupBytes >= READ_GROUP_BYTES) {
        await this.scanGroup(group, wanted);
        group = [];
        groupBytes = 0;
      }
    }
    await this.scanGroup(group, wanted);
  }

  /**
   * The blob ids that `<rev>:<path>` names resolve to (undefined where there is no such blob),
   * through the long-lived batch-check process. Names must not contain a newline.
   */
  async resolveNames(names: readonly string[]): Promise<(string | undefined)[]> {
    const infos = await this.check.request(names);
    return infos.map((info) => (info.missing || info.type !== 'blob' ? undefined : info.oid));
  }

  async close(): Promise<void> {
    await Promise.all([this.check.close(), this.contents.close(), this.pool.close()]);
  }

  /** Stops git and the workers at once (after an error). */
  kill(): void {
    this.check.kill();
    this.contents.kill();
    void this.pool.close();
  }

  private async scanGroup(oids: string[], wanted: Map<string, string[]>): Promise<void> {
    const blobs = await this.contents.request(oids);
    const items: BlobItem[] = [];
    const keys: string[] = [];
    for (const blob of blobs) {
      const paths = wanted.get(blob.oid) ?? [];
      if (blob.missing || !blob.content) {
        this.skip('missing', blob.oid, paths);
        continue;
      }
      for (const path of paths) {
        items.push({ path, content: blob.content });
        keys.push(key(blob.oid, path));
      }
    }
    const results = await this.pool.scan(items);
    results.forEach((result, i) => {
      this.stats.blobsScanned++;
      for (const notice of result.notices) this.count(notice.reason);
      for (const finding of result.findings) this.options.onFinding(finding);
      this.remember(keys[i] as string, result.findings.length === 0 ? NONE : result.findings.map((f) => f.fingerprint));
    });
  }

  private skip(reason: string, blob: string, paths: readonly string[]): void {
    for (const path of paths) {
      this.count(reason);
      this.remember(key(blob, path), NONE);
    }
  }

  /**
   * Drops the least recently used results beyond the cache size. Called between batches, so
   * every pair a batch prepared stays answerable until the batch has been applied.
   */
  trim(): void {
    const excess = this.cache.size - (this.options.cacheEntries ?? DEFAULT_CACHE_ENTRIES);
    if (excess <= 0) return;
    let dropped = 0;
    for (const k of this.cache.keys()) {
      if (dropped++ >= excess) break;
      this.cache.delete(k);
    }
  }

  private count(reason: string): void {
    this.stats.notices[reason] = (this.stats.notices[reason] ?? 0) + 1;
  }

  private remember(k: string, fingerprints: readonly string[]): void {
    this.cache.set(k, fingerprints);
  }
}
