// Reads one file for scanning: refuses anything that is not a regular file or is too large,
// detects binary content and decodes UTF-8 / UTF-16 / GB18030 text. Never throws.

import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { describeFsError } from './errors.js';
import { fsPath } from './fs-names.js';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export type ReadResult =
  | {
      status: 'ok';
      text: string;
      encoding: TextEncoding;
      /** File size in bytes, as read. */
      bytes: number;
      /** True when invalid byte sequences were decoded as U+FFFD. */
      replaced: boolean;
    }
  | { status: 'binary'; bytes: number }
  | { status: 'too-large'; size: number }
  | { status: 'unreadable'; message: string };

/** Only this much of the start is searched for NUL bytes, like git and ripgrep do. */
const BINARY_SNIFF_BYTES = 8192;

// O_NONBLOCK: opening a FIFO for reading must not wait for a writer; fstat then refuses it.
// O_NOFOLLOW: the walker resolves links it follows, so a symlink here was swapped in after listing.
// Both are absent on Windows, which has neither FIFOs opened this way nor the same race.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

const utf16le = new TextDecoder('utf-16le');
const utf16leFatal = new TextDecoder('utf-16le', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8', { ignoreBOM: true });

export function readSourceFile(absPath: string, maxBytes: number): ReadResult {
  const raw = readFileBytes(absPath, maxBytes);
  return raw.status === 'bytes' ? decode(raw.buffer) : raw;
}

export type BytesResult =
  | { status: 'bytes'; buffer: Buffer }
  | { status: 'too-large'; size: number }
  | { status: 'unreadable'; message: string };

export type OpenResult = { status: 'open'; fd: number; size: number } | { status: 'unreadable'; message: string };

/** Opens a regular file for reading (never a FIFO, device or symlink); the caller closes `fd`. */
export function openRegularFile(absPath: string): OpenResult {
  let fd: number;
  try {
    fd = openSync(fsPath(absPath), OPEN_FLAGS);
  } catch (error) {
    return unreadable(error);
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isFile()) return { status: 'open', fd, size: stats.size };
    closeSync(fd);
    return { status: 'unreadable', message: 'not a regular file' };
  } catch (error) {
    closeSync(fd);
    return unreadable(error);
  }
}

/**
 * The file's raw bytes, for callers that look at them before decoding (the prefilter). With
 * `scratch`, the bytes are read into it when they fit and the result is a view of it: valid only
 * until the next read into the same scratch, so the caller copies what it keeps.
 */
export function readFileBytes(absPath: string, maxBytes: number, scratch?: Buffer): BytesResult {
  const file = openRegularFile(absPath);
  if (file.status !== 'open') return file;
  try {
    if (file.size > maxBytes) return { status: 'too-large', size: file.size };
    return { status: 'bytes', buffer: readAll(file.fd, file.size, scratch) };
  } catch (error) {
    return unreadable(error);
  } finally {
    closeSync(file.fd);
  }
}

/** What the bytes hold without decoding them: binary, UTF-16 with a BOM, or (probably) UTF-8. */
export function sniffBytes(bytes: Buffer): 'binary' | 'utf-16' | 'utf-8' {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return 'utf-16';
  const sniff = bytes.length > BINARY_SNIFF_BYTES ? bytes.subarray(0, BINARY_SNIFF_BYTES) : bytes;
  return sniff.includes(0) ? 'binary' : 'utf-8';
}

/** Reads up to `size` bytes (the size fstat reported); a file that shrank meanwhile is shorter. */
function readAll(fd: number, size: number, scratch?: Buffer): Buffer {
  const buffer = scratch && scratch.length >= size ? scratch.subarray(0, size) : Buffer.allocUnsafe(size);
  let filled = 0;
  while (filled < size) {
    const n = readSync(fd, buffer, filled, size - filled, null);
    if (n === 0) break;
    filled += n;
  }
  return filled === size ? buffer : buffer.subarray(0, filled);
}

export function decode(bytes: Buffer): ReadResult {
  const b0 = bytes[0];
  const b1 = bytes[1];
  // A UTF-16 BOM marks text despite the NUL bytes of ASCII characters, unless it is the
  // start of a UTF-32 LE BOM (FF FE 00 00), which we do not decode.
  if (b0 === 0xff && b1 === 0xfe && !(bytes[2] === 0 && bytes[3] === 0)) {
    return decodeUtf16(bytes.subarray(2), 'utf-16le', bytes.length);
  }
  if (b0 === 0xfe && b1 === 0xff) return decodeUtf16(bytes.subarray(2), 'utf-16be', bytes.length);

  const sniff = bytes.length > BINARY_SNIFF_BYTES ? bytes.subarray(0, BINARY_SNIFF_BYTES) : bytes;
  if (sniff.includes(0)) return { status: 'binary', bytes: bytes.length };

  const body = b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  // isUtf8 validates without decoding or throwing; only invalid input takes the slower
  // WHATWG decoder, whose U+FFFD replacement is standard.
  if (isUtf8(body)) return { status: 'ok', text: body.toString('utf8'), encoding: 'utf-8', bytes: bytes.length, replaced: false };
  // A UTF-8 BOM settles the encoding; without one, bytes that are not UTF-8 may be GB18030.
  const gb = body === bytes ? decodeGb18030(bytes) : undefined;
  if (gb !== undefined) return { status: 'ok', text: gb, encoding: 'gb18030', bytes: bytes.length, replaced: false };
  return { status: 'ok', text: utf8Lenient.decode(body), encoding: 'utf-8', bytes: bytes.length, replaced: true };
}

/** Private-use code points: GB18030's user-defined areas, which real text hardly uses. */
const PRIVATE_USE = /[\ue000-\uf8ff]/;

/**
 * The text if `bytes` decode as GB18030 without a single invalid sequence and without
 * private-use characters (mostly what Latin-1 or random bytes decode to), else undefined.
 * Chinese label files are often GBK/GB18030 without a BOM. `stream` leaves an incomplete
 * sequence at the end undecoded instead of failing on it (for a file's first chunk).
 */
export function decodeGb18030(bytes: Uint8Array, stream = false): string | undefined {
  let text: string;
  try {
    // Constructed here: a Node build without full ICU has no GB18030 and throws, and then
    // such files are read as UTF-8 with replacement.
    text = new TextDecoder('gb18030', { fatal: true }).decode(bytes, { stream });
  } catch {
    return undefined;
  }
  return PRIVATE_USE.test(text) ? undefined : text;
}

function decodeUtf16(body: Buffer, encoding: 'utf-16le' | 'utf-16be', size: number): ReadResult {
  let le = body;
  if (encoding === 'utf-16be') {
    // Swapped by hand: TextDecoder knows utf-16be only in Node builds with full ICU.
    le = Buffer.from(body);
    le.subarray(0, le.length - (le.length % 2)).swap16();
  }
  try {
    return { status: 'ok', text: utf16leFatal.decode(le), encoding, bytes: size, replaced: false };
  } catch {
    return { status: 'ok', text: utf16le.decode(le), encoding, bytes: size, replaced: true };
  }
}

function unreadable(error: unknown): { status: 'unreadable'; message: string } {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  // O_NOFOLLOW on a symlink fails with ELOOP (EMLINK on some BSDs).
  const message = code === 'ELOOP' || code === 'EMLINK' ? 'symbolic link, not followed' : describeFsError(error);
  return { status: 'unreadable', message };
}
