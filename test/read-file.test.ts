import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSourceFile } from '../src/read-file.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ethnolint-read-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, content: string | Uint8Array): string {
  const abs = path.join(dir, name);
  writeFileSync(abs, content);
  return abs;
}

const MAX = 1024 * 1024;

describe('readSourceFile', () => {
  it('decodes UTF-8 and strips a UTF-8 BOM', () => {
    expect(readSourceFile(file('a.txt', 'race: caf\u00e9\n'), MAX)).toEqual({ status: 'ok', text: 'race: caf\u00e9\n', encoding: 'utf-8', bytes: 12, replaced: false });
    const bom = readSourceFile(file('b.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('race')])), MAX);
    expect(bom).toEqual({ status: 'ok', text: 'race', encoding: 'utf-8', bytes: 7, replaced: false });
  });

  it('decodes UTF-16 LE and BE with a BOM instead of calling them binary', () => {
    const text = 'labels = ["asian", "caf\u00e9", "\ud83d\ude00"]\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    expect(readSourceFile(file('le.py', le), MAX)).toEqual({ status: 'ok', text, encoding: 'utf-16le', bytes: le.length, replaced: false });
    expect(readSourceFile(file('be.py', be), MAX)).toEqual({ status: 'ok', text, encoding: 'utf-16be', bytes: be.length, replaced: false });
  });

  it('reports an odd trailing byte or a lone surrogate in UTF-16 as replaced', () => {
    const odd = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('ab', 'utf16le').swap16(), Buffer.from([0x00])]);
    expect(readSourceFile(file('odd.txt', odd), MAX)).toMatchObject({ status: 'ok', text: 'ab\ufffd', replaced: true });
  });

  it('calls a file with a NUL byte in the first 8 KiB binary, and one with a later NUL text', () => {
    expect(readSourceFile(file('w.bin', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x41])), MAX)).toEqual({ status: 'binary', bytes: 6 });
    const late = Buffer.concat([Buffer.alloc(8192, 0x61), Buffer.from([0x00])]);
    expect(readSourceFile(file('late.txt', late), MAX)).toMatchObject({ status: 'ok', encoding: 'utf-8' });
    // A UTF-32 LE BOM looks like a UTF-16 LE one followed by NULs: binary, not mis-decoded.
    expect(readSourceFile(file('u32.txt', Buffer.from([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0])), MAX)).toMatchObject({ status: 'binary' });
  });

  it('refuses files over the size limit without reading them', () => {
    expect(readSourceFile(file('big.csv', 'x'.repeat(101)), 100)).toEqual({ status: 'too-large', size: 101 });
    expect(readSourceFile(file('edge.csv', 'x'.repeat(100)), 100)).toMatchObject({ status: 'ok' });
  });

  it('replaces invalid UTF-8 and says so, but not for a U+FFFD that is in the source', () => {
    const invalid = readSourceFile(file('bad.txt', Buffer.from([0x61, 0xff, 0x62, 0xc3])), MAX);
    expect(invalid).toEqual({ status: 'ok', text: 'a\ufffdb\ufffd', encoding: 'utf-8', bytes: 4, replaced: true });
    expect(readSourceFile(file('fffd.txt', 'a\ufffdb'), MAX)).toMatchObject({ text: 'a\ufffdb', replaced: false });
  });

  it('reads an empty file', () => {
    expect(readSourceFile(file('empty.py', ''), MAX)).toEqual({ status: 'ok', text: '', encoding: 'utf-8', bytes: 0, replaced: false });
  });

  it('returns unreadable, never throws, for missing files, directories and symlinks', () => {
    expect(readSourceFile(path.join(dir, 'missing.py'), MAX)).toEqual({ status: 'unreadable', message: expect.stringContaining('no such file') });
    mkdirSync(path.join(dir, 'sub'));
    expect(readSourceFile(path.join(dir, 'sub'), MAX)).toEqual({ status: 'unreadable', message: expect.any(String) });
    symlinkSync(file('target.py', 'x'), path.join(dir, 'link.py'));
    expect(readSourceFile(path.join(dir, 'link.py'), MAX)).toEqual({ status: 'unreadable', message: 'symbolic link, not followed' });
  });

  it('refuses a FIFO without blocking on it', (context) => {
    const fifo = path.join(dir, 'pipe.txt');
    try {
      execFileSync('mkfifo', [fifo]);
    } catch {
      context.skip();
    }
    // Without O_NONBLOCK, open() would wait for a writer forever and this test would time out.
    expect(readSourceFile(fifo, MAX)).toEqual({ status: 'unreadable', message: 'not a regular file' });
  }, 10_000);
});
