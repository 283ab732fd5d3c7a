// The surveillance-vendor signatures (rules/signatures/surveillance-vendors.yaml): loading,
// validation and lookup of a dependency name in any ecosystem.
import { join } from 'node:path';
import { dataDir, readDataFile } from './data-files.js';
import { isCommonWord } from '../../src/prefilter.js';
import { formTrigger, minimalTriggers } from './triggers.js';

export const ECOSYSTEMS = ['pypi', 'npm', 'maven', 'go', 'nuget', 'modules', 'files', 'libraries'] as const;
export type Ecosystem = (typeof ECOSYSTEMS)[number];

export interface Vendor {
  vendor: string;
  entity: string;
  listing: string;
  source: string;
  product: string;
  packages: Partial<Record<Ecosystem, string[]>>;
}

export const DEFAULT_VENDOR_FILE = (): string => join(dataDir('signatures'), 'surveillance-vendors.yaml');

function text(item: Record<string, unknown>, key: string, where: string): string {
  const v = item[key];
  if (typeof v !== 'string' || !v.trim()) throw new Error(`${where}: "${key}" must be a non-empty string`);
  return v.trim();
}

export function loadVendorFile(path: string): Vendor[] {
  const raw: unknown = readDataFile(path);
  if (!Array.isArray(raw)) throw new Error(`${path}: expected a list of vendors`);
  return raw.map((item: Record<string, unknown>, i) => {
    const where = `${path}: vendor ${i + 1}`;
    const packages: Partial<Record<Ecosystem, string[]>> = {};
    const given = (item.packages ?? {}) as Record<string, unknown>;
    for (const [eco, names] of Object.entries(given)) {
      if (!(ECOSYSTEMS as readonly string[]).includes(eco)) throw new Error(`${where}: unknown ecosystem "${eco}"`);
      if (!Array.isArray(names) || names.some((n) => typeof n !== 'string' || !n)) throw new Error(`${where}: ${eco} must be a list of names`);
      packages[eco as Ecosystem] = names as string[];
    }
    if (Object.values(packages).every((l) => l.length === 0)) throw new Error(`${where}: no packages`);
    const v = { vendor: text(item, 'vendor', where), entity: text(item, 'entity', where), listing: text(item, 'listing', where) };
    return { ...v, source: text(item, 'source', where), product: text(item, 'product', where), packages };
  });
}

export interface VendorHit {
  vendor: Vendor;
  /** The signature that matched, as written in the data file. */
  name: string;
}

/** PEP 503 normalisation; also used for npm, NuGet and conda names compared case-insensitively. */
export const normalizePackage = (name: string): string => name.toLowerCase().replace(/[-_.]+/g, '-');

const globRe = (glob: string): RegExp => new RegExp(`^${glob.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');

/** Lookup tables over a vendor list. */
export class VendorIndex {
  private readonly exact = new Map<string, VendorHit>();
  private readonly prefixes: { eco: Ecosystem; prefix: string; sep: string; hit: VendorHit }[] = [];
  private readonly globs: { re: RegExp; hit: VendorHit }[] = [];

  constructor(readonly vendors: readonly Vendor[]) {
    for (const vendor of vendors) {
      for (const eco of ECOSYSTEMS) {
        for (const name of vendor.packages[eco] ?? []) {
          const hit = { vendor, name };
          if (eco === 'files' && name.includes('*')) this.globs.push({ re: globRe(name), hit });
          else if (eco === 'modules') this.prefixes.push({ eco, prefix: name, sep: '.', hit });
          else if (eco === 'go') this.prefixes.push({ eco, prefix: name, sep: '/', hit });
          else if (eco === 'maven' && !name.includes(':')) this.prefixes.push({ eco, prefix: name, sep: '.', hit });
          else this.exact.set(`${eco}\0${this.key(eco, name)}`, hit);
        }
      }
    }
  }

  private key(eco: Ecosystem, name: string): string {
    if (eco === 'pypi' || eco === 'npm' || eco === 'nuget') return normalizePackage(name);
    return name.toLowerCase();
  }

  /** The vendor behind `name` in `eco`: exact names, dotted/slashed prefixes, file globs. */
  find(eco: Ecosystem, name: string): VendorHit | undefined {
    const exact = this.exact.get(`${eco}\0${this.key(eco, name)}`);
    if (exact) return exact;
    if (eco === 'maven') {
      const group = name.split(':')[0] ?? '';
      if (group !== name) return this.find('maven', group);
    }
    if (eco === 'files') return this.globs.find((g) => g.re.test(name))?.hit;
    for (const p of this.prefixes) {
      if (p.eco !== eco) continue;
      // Modules are case-sensitive (Python `NetSDK` is Dahua's, `netsdk` need not be); Go paths and Maven groups are not.
      const [a, b] = eco === 'modules' ? [name, p.prefix] : [name.toLowerCase(), p.prefix.toLowerCase()];
      if (a === b || a.startsWith(b + p.sep)) return p.hit;
    }
    return undefined;
  }
}

/**
 * Prefilter triggers: for each name its most telling run of letters (HCNetSDK-python gives
 * hcnetsdk, com.hikvision.netsdk gives hikvision), found in any case and inside longer words,
 * as the rule compares names whole and case-insensitively (HCnetSDK.dll, HikVision-SDK). A name
 * without such a run (msc, st_mobile) gives its words as a phrase, as written and lower-cased.
 */
export function vendorTriggers(vendors: readonly Vendor[]): string[] {
  const out = new Set<string>();
  for (const v of vendors) {
    for (const names of Object.values(v.packages)) {
      for (const name of names) {
        const telling = name
          .toLowerCase()
          .split(/[^a-z]+/)
          .filter((r) => r.length >= 6 && !isCommonWord(r))
          .sort((a, b) => b.length - a.length);
        const literal = name.split('*').sort((a, b) => b.length - a.length)[0] ?? '';
        if (telling[0]) out.add(`~${telling[0]}`);
        else for (const form of [literal, literal.toLowerCase()]) out.add(formTrigger(form));
      }
    }
  }
  // A run that holds another (libhcnetsdk, hcnetsdk) adds nothing.
  const runs = [...out].filter((t) => t.startsWith('~'));
  const kept = [...out].filter((t) => !t.startsWith('~') || !runs.some((r) => r !== t && t.includes(r.slice(1))));
  return minimalTriggers(kept.filter((t) => t !== '')).sort();
}
