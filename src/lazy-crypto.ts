// node:crypto on first use: loading it (with its streams) is a noticeable part of a scan's
// start-up, and a scan that finds nothing and writes no file never needs it.
import { createRequire } from 'node:module';

type Crypto = typeof import('node:crypto');
let crypto: Crypto | undefined;
const load = (): Crypto => (crypto ??= createRequire(import.meta.url)('node:crypto') as Crypto);

/** The SHA-256 of `text`, in hex. */
export function sha256Hex(text: string): string {
  return load().createHash('sha256').update(text).digest('hex');
}

/** `bytes` random bytes, in hex. */
export function randomHex(bytes: number): string {
  return load().randomBytes(bytes).toString('hex');
}
