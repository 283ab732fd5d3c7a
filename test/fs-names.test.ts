// File names that are not UTF-8 keep their bytes (as U+DC80–U+DCFF), so they open, print
// escaped and become the right SARIF URI.
import { expect, it } from 'vitest';
import { decodeName, fsPath, pathBytes } from '../src/fs-names.js';
import { sanitizeForTerminal } from '../src/formatters/sanitize.js';
import { pathToRelativeUri } from '../src/formatters/sarif.js';

const bytes = (...parts: (string | number[])[]): Buffer => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

it('keeps valid UTF-8 names as they are', () => {
  expect(decodeName(bytes('民族.py'))).toBe('民族.py');
  expect(fsPath('民族.py')).toBe('民族.py');
});

it('escapes each invalid byte and restores the same bytes', () => {
  for (const raw of [bytes('bad', [0xff, 0xfe], 'name.py'), bytes([0xc3], 'x'), bytes('é', [0xe2, 0x82]), bytes([0xed, 0xa0, 0x80]), bytes('ok', [0xf5])]) {
    const name = decodeName(raw);
    expect(name).toMatch(/[\udc80-\udcff]/);
    expect(pathBytes(name).equals(raw)).toBe(true);
    expect(Buffer.isBuffer(fsPath(name))).toBe(true);
  }
  expect(decodeName(bytes('bad', [0xff, 0xfe], 'name.py'))).toBe('bad\udcff\udcfename.py');
});

it('shows escaped bytes as \\xNN on a terminal and percent-encodes them in SARIF URIs', () => {
  const name = decodeName(bytes('dir/bad', [0xff], ' é.py'));
  expect(sanitizeForTerminal(name)).toBe('dir/bad\\xff é.py');
  expect(pathToRelativeUri(name)).toBe('dir/bad%FF%20%C3%A9.py');
  // Any other lone surrogate cannot be UTF-8: it becomes U+FFFD.
  expect(pathToRelativeUri('a\ud800b')).toBe('a%EF%BF%BDb');
});
