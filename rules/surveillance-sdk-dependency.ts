// surveillance-sdk-dependency: a dependency on the SDK of a vendor on the US Entity List for
// its role in the surveillance of Uyghurs (Hikvision HCNetSDK, Dahua NetSDK, Face++ …), found in
// manifests, imports, #includes, loaded libraries, install commands and vendored headers. The
// vendors and their package names are data: rules/signatures/surveillance-vendors.yaml.
import type { Document, Rule } from '../src/types.js';
import { dependencyRefs } from './lib/dependency-refs.js';
import { once } from './lib/once.js';
import { DEFAULT_VENDOR_FILE, loadVendorFile, vendorTriggers, VendorIndex, type Vendor, type VendorHit } from './lib/surveillance-vendors.js';

function message(shown: string, hit: VendorHit, what: string): string {
  const v: Vendor = hit.vendor;
  return `${what} "${shown}" is ${v.product} of ${v.vendor}, ${v.listing} for its role in the surveillance of Uyghurs; review its use (supply-chain warning, not evidence of ethnicity classification).`;
}

/** The file itself is a vendored SDK header or binding (HCNetSDK.h, dhnetsdk.h, st_mobile_common.h). */
function vendoredFile(doc: Document, index: VendorIndex): VendorHit | undefined {
  const name = doc.path.slice(doc.path.lastIndexOf('/') + 1);
  return /\.(?:h|hpp)$/i.test(name) ? index.find('files', name) : undefined;
}

/** The rule over a vendor list, loaded on first use; the built-in rule reads the packaged data file. */
export function surveillanceSdkRule(loadVendors: () => readonly Vendor[]): Rule {
  const vendors = once(loadVendors);
  const index = once(() => new VendorIndex(vendors()));
  const triggers = once(() => vendorTriggers(vendors()));
  return {
    id: 'surveillance-sdk-dependency',
    meta: {
      name: 'SurveillanceSdkDependency',
      shortDescription: 'Depending on the SDK of a vendor on the US Entity List for surveillance of Uyghurs.',
      fullDescription:
        'A manifest entry, import, #include, loaded native library, install command or vendored header of an SDK made by a vendor that the US Commerce Department added to the Entity List for its role in the high-technology surveillance of Uyghurs (Hikvision, Dahua, Megvii/Face++, SenseTime, iFlytek). A supply-chain warning, not evidence of ethnicity classification.',
      defaultSeverity: 'warning',
      securitySeverity: 5.0,
      precision: 'high',
      tags: ['security', 'supply-chain', 'surveillance'],
      references: [
        'https://federalregister.gov/d/2019-22210 (84 FR 54002, Entity List additions of 9 October 2019)',
        'https://www.bis.gov/entity-list (BIS Entity List, 15 CFR part 744, Supplement No. 4)',
        'https://eur-lex.europa.eu/eli/reg/2024/1689/oj (EU AI Act, Article 5(1)(g))',
      ],
      docs: 'rules/surveillance-sdk-dependency.md',
    },
    get triggers() {
      return triggers();
    },
    kinds: ['python', 'javascript', 'notebook', 'json', 'yaml', 'source', 'markdown', 'text'],
    check(doc, context) {
      const own = vendoredFile(doc, index());
      if (own) {
        const end = doc.text.indexOf('\n');
        context.report({ message: message(own.name, own, 'Vendored SDK file'), start: 0, end: end < 0 ? doc.text.length : end, evidence: `files:${own.name.toLowerCase()}` });
      }
      const seen = new Set<string>();
      for (const ref of dependencyRefs(doc)) {
        const hit = index().find(ref.eco, ref.name);
        const key = `${ref.start}:${hit?.vendor.vendor}`;
        if (!hit || seen.has(key)) continue;
        seen.add(key);
        context.report({ message: message(ref.name, hit, 'Dependency'), start: ref.start, end: ref.end, evidence: `${ref.eco}:${ref.name.toLowerCase()}` });
      }
    },
  };
}

const rule: Rule = surveillanceSdkRule(() => loadVendorFile(DEFAULT_VENDOR_FILE()));

export default rule;
