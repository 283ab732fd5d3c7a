// A long-lived `git cat-file --batch` (or `--batch-check`) process: object ids go in on stdin,
// one per line, and come back in the same order as a header line (plus the content, for
// --batch). One process serves a whole history scan, and requests are sent in batches, so the
// cost per object is a line of text rather than a process. cat-file never applies filters or
// textconv (those need --filters / --textconv), so the bytes are exactly what was committed.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { GitError, spawnGit } from './git.js';

export type CatFileMode = 'check' | 'contents';

export type ObjectInfo =
  | { oid: string; missing: true }
  | { oid: string; missing: false; type: string; size: number; content?: Buffer };

export interface CatFileOptions {
  /** Environment for git (see src/git.ts gitEnv); default the process's. */
  env?: NodeJS.ProcessEnv;
  /** With 'contents': objects larger than this are answered without content (default: no limit). */
  maxBytes?: number;
}

const MAX_STDERR = 8 * 1024;

interface Pending {
  count: number;
  results: ObjectInfo[];
  resolve: (results: ObjectInfo[]) => void;
  reject: (error: Error) => void;
}

interface Body {
  oid: string;
  type: string;
  size: number;
  /** Undefined while skipping the content of an object over maxBytes. */
  parts: Buffer[] | undefined;
  have: number;
}

const LF = 0x0a;
const EMPTY = Buffer.alloc(0);

export class CatFile {
  private readonly child: ChildProcessWithoutNullStreams;
  private stderrText = '';
  private readonly queue: Pending[] = [];
  private head: Buffer = EMPTY;
  private body: Body | undefined;
  private failure: Error | undefined;
  private readonly closed: Promise<void>;

  constructor(
    repo: string,
    private readonly mode: CatFileMode,
    private readonly options: CatFileOptions = {},
  ) {
    this.child = spawnGit(['cat-file', mode === 'check' ? '--batch-check' : '--batch'], { cwd: repo, env: options.env });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => {
      if (this.stderrText.length < MAX_STDERR) this.stderrText += chunk;
    });
    this.child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.child.stdin.on('error', () => undefined); // reported through 'close' below
    this.closed = new Promise((resolve) => {
      this.child.once('error', (error: NodeJS.ErrnoException) => {
        this.fail(new GitError(error.code === 'ENOENT' ? 'git is not installed (or not on PATH)' : error.message, undefined, '', error.code));
        resolve();
      });
      this.child.once('close', (code) => {
        if (this.queue.length > 0) this.fail(new GitError(this.stderrText.split('\n')[0] || `git cat-file exited with ${code ?? 'a signal'}`, code ?? undefined, this.stderrText.trim()));
        resolve();
      });
    });
  }

  /** Looks up objects by full id; the answers come in the order asked. */
  request(oids: readonly string[]): Promise<ObjectInfo[]> {
    if (oids.length === 0) return Promise.resolve([]);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ count: oids.length, results: [], resolve, reject });
      this.child.stdin.write(`${oids.join('\n')}\n`);
    });
  }

  /** Ends the process; pending requests are answered first. */
  async close(): Promise<void> {
    this.child.stdin.end();
    await this.closed;
  }

  /** Ends the process at once (after an error elsewhere). */
  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
  }

  private fail(error: Error): void {
    this.failure = error;
    for (const pending of this.queue.splice(0)) pending.reject(error);
  }

  private deliver(info: ObjectInfo): void {
    const pending = this.queue[0];
    if (!pending) return this.fail(new GitError('git cat-file answered an object nobody asked for', undefined, ''));
    pending.results.push(info);
    if (pending.results.length === pending.count) {
      this.queue.shift();
      pending.resolve(pending.results);
    }
  }

  private onData(chunk: Buffer): void {
    if (this.failure) return;
    let data = chunk;
    while (data.length > 0) {
      if (this.body) {
        data = this.feedBody(this.body, data);
        continue;
      }
      const combined = this.head.length > 0 ? Buffer.concat([this.head, data]) : data;
      const newline = combined.indexOf(LF);
      if (newline < 0) {
        this.head = Buffer.from(combined); // a copy: do not pin a large chunk for a partial line
        return;
      }
      this.head = EMPTY;
      this.onHeader(combined.toString('latin1', 0, newline));
      data = combined.subarray(newline + 1);
    }
  }

  /** `<oid> <type> <size>`, or `<name as asked> missing` (the name may hold spaces). */
  private onHeader(line: string): void {
    if (/ (missing|ambiguous)$/.test(line)) return this.deliver({ oid: line.slice(0, line.lastIndexOf(' ')), missing: true });
    const [oid = '', type = '', sizeText = ''] = line.split(' ');
    if (!/^\d+$/.test(sizeText)) return this.fail(new GitError(`git cat-file gave an unexpected answer: ${line.slice(0, 200)}`, undefined, ''));
    const size = Number(sizeText);
    if (this.mode === 'check') return this.deliver({ oid, missing: false, type, size });
    const keep = this.options.maxBytes === undefined || size <= this.options.maxBytes;
    this.body = { oid, type, size, parts: keep ? [] : undefined, have: 0 };
  }

  /** Takes the content and its trailing LF from `data`; returns what is left. */
  private feedBody(body: Body, data: Buffer): Buffer {
    const part = data.subarray(0, body.size + 1 - body.have);
    body.parts?.push(part);
    body.have += part.length;
    if (body.have === body.size + 1) {
      this.body = undefined;
      const content = body.parts ? Buffer.concat(body.parts, body.have).subarray(0, body.size) : undefined;
      this.deliver({ oid: body.oid, missing: false, type: body.type, size: body.size, ...(content ? { content } : {}) });
    }
    return data.subarray(part.length);
  }
}

export interface Blob {
  /** The object name as requested. */
  name: string;
  /** Undefined when the object is missing or not a blob. */
  content?: Buffer;
  size: number;
}

/**
 * Reads objects with one short-lived `git cat-file --batch` process (cat-file never runs
 * filters). Blobs over `maxBytes`, and objects that are not blobs, come with their size and no
 * content; a missing object with size 0.
 */
export async function readBlobs(cwd: string, names: readonly string[], maxBytes: number, env?: NodeJS.ProcessEnv): Promise<Blob[]> {
  if (names.length === 0) return [];
  const cat = new CatFile(cwd, 'contents', { env, maxBytes });
  try {
    // One name per line: a name with a line break would shift every answer after it.
    const infos = await cat.request(names.map((n) => n.replace(/[\r\n]/g, '')));
    return infos.map((info, i) => {
      const name = names[i] ?? '';
      if (info.missing) return { name, size: 0 };
      return info.type === 'blob' && info.content ? { name, size: info.size, content: info.content } : { name, size: info.size };
    });
  } finally {
    await cat.close();
  }
}
