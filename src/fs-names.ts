// File names that are not valid UTF-8. Node lists names as UTF-8 strings, turning each invalid
// byte into U+FFFD, after which the name no longer opens the file. Instead such bytes are kept
// as lone surrogates U+DC80–U+DCFF (the "surrogateescape" convention): the path string then
// round-trips to the exact bytes for the file system and for SARIF URIs, and terminal output
// shows the bytes as visible `\xNN` escapes.
import { isUtf8 } from 'node:buffer';

const ESCAPED_BYTE = /[\udc80-\udcff]/;

/** A name's bytes as a string: UTF-8 where valid, each invalid byte as U+DC00 + byte. */
export function decodeName(bytes: Buffer): string {
  if (isUtf8(bytes)) return bytes.toString('utf8');
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const length = utf8SequenceLength(bytes, i);
    if (length > 0) {
      out += bytes.toString('utf8', i, i + length);
      i += length;
    } else {
      out += String.fromCharCode(0xdc00 + (bytes[i] as number));
      i += 1;
    }
  }
  return out;
}

/** Length of the valid UTF-8 sequence starting at `i`, or 0 when the byte there starts none. */
function utf8SequenceLength(bytes: Buffer, i: number): number {
  const b = bytes[i] as number;
  const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (length === 0 || i + length > bytes.length) return 0;
  return isUtf8(bytes.subarray(i, i + length)) ? length : 0;
}

/** The bytes a path string stands for: UTF-8, with escaped bytes restored. */
export function pathBytes(path: string): Buffer {
  if (!ESCAPED_BYTE.test(path)) return Buffer.from(path, 'utf8');
  const parts: Buffer[] = [];
  let plain = '';
  for (const ch of path) {
    const code = ch.charCodeAt(0);
    if (ch.length === 1 && code >= 0xdc80 && code <= 0xdcff) {
      parts.push(Buffer.from(plain, 'utf8'), Buffer.from([code - 0xdc00]));
      plain = '';
    } else {
      plain += ch;
    }
  }
  parts.push(Buffer.from(plain, 'utf8'));
  return Buffer.concat(parts);
}

/** What to hand the file system for a path: the string itself, or its bytes when it holds escaped bytes. */
export function fsPath(path: string): string | Buffer {
  return ESCAPED_BYTE.test(path) ? pathBytes(path) : path;
}
