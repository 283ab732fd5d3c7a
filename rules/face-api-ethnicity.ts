// face-api-ethnicity: a call or request that asks a face-analysis service or library for race or
// ethnicity, or reads it from the response. The vendors' mechanisms are data
// (rules/signatures/face-api.yaml); this rule only reports what the generic matcher finds.
import { join } from 'node:path';
import type { Rule } from '../src/types.js';
import { isProseDocument, lineAt } from './lib/doc-words.js';
import { loadSignatures, matchSignatures, signaturesDir, signatureTriggers, type Signature, type SignatureHit } from './lib/signatures.js';

const SIGNATURE_FILE = join(signaturesDir(), 'face-api.yaml');

const signatures = (): Signature[] => loadSignatures(SIGNATURE_FILE);

let triggers: string[] | undefined;

function messageOf(hit: SignatureHit): string {
  const sig = hit.signature;
  const template = sig.message ?? '{vendor}: "{value}" asks a face-analysis service for race or ethnicity';
  const text = template.replace(/\{value\}/g, hit.value).replace(/\{vendor\}/g, sig.vendor);
  return hit.note ? `${text} (${hit.note})` : text;
}

const rule: Rule = {
  id: 'face-api-ethnicity',
  meta: {
    name: 'FaceApiEthnicity',
    shortDescription: 'A face-analysis API or library asked for race or ethnicity.',
    fullDescription:
      'A call or request that asks a face-analysis service or library for ethnicity, race or skin colour, or reads it from the response: Face++ return_attributes=ethnicity, Baidu face_field=race, Tencent FaceAttributesType=Skin, Clarifai demographics, Kairos, DeepFace.analyze(actions=[…"race"…]), InspireFace, @vladmandic/human, SkyBiometry, VisionLabs LUNA, Sophgo TDL, Dahua NetSDK and GA/T 1400 fields.',
    defaultSeverity: 'error',
    securitySeverity: 8.5,
    precision: 'high',
    tags: ['security', 'ethnicity', 'biometric-categorisation', 'face-api'],
    references: [
      'https://eur-lex.europa.eu/eli/reg/2024/1689/oj (EU AI Act, Article 5(1)(g))',
      'https://console.faceplusplus.com/documents/5679127 (Face++ Detect API)',
      'https://github.com/serengil/deepface (DeepFace)',
      'https://www.rubydoc.info/gems/tencentcloud-sdk-iai/TencentCloud/Iai/V20180301/FaceDetailAttributesInfo (Tencent Cloud IAI)',
      'https://ipvm.com/reports/dahua-uyghur-warning',
    ],
    docs: 'rules/face-api-ethnicity.md',
  },
  kinds: ['python', 'javascript', 'notebook', 'json', 'yaml', 'source', 'markdown'],
  // Derived from the signatures: every way a signature can match needs one of these words.
  get triggers(): string[] {
    triggers ??= [...new Set(signatures().flatMap(signatureTriggers))].sort();
    return triggers;
  },
  check(doc, context) {
    const proseDoc = isProseDocument(doc);
    // Code before comments, so that a line reports its code evidence; then by position.
    const hits = matchSignatures(doc, signatures()).sort((a, b) => Number(a.prose) - Number(b.prose) || a.start - b.start);
    const perSignature = new Set<string>();
    const ranges: { start: number; end: number }[] = [];
    const lines = new Set<number>();
    for (const hit of hits) {
      if (hit.compared && lines.has(lineAt(doc, hit.start))) continue;
      // One finding per signature per line (per file for an identifier, which recurs in every
      // use), and no second finding for a range already reported.
      const line = `${hit.signature.id}:${lineAt(doc, hit.start)}`;
      const name = hit.identifier ? `${hit.signature.id}=${hit.value}` : line;
      if (perSignature.has(line) || perSignature.has(name) || ranges.some((r) => hit.start < r.end && hit.end > r.start)) continue;
      perSignature.add(line).add(name);
      ranges.push(hit);
      lines.add(lineAt(doc, hit.start));
      const prose = proseDoc || hit.prose;
      context.report({
        message: `${messageOf(hit)}${prose ? ' (evidence only in a comment or prose)' : ''}.`,
        start: hit.start,
        end: hit.end,
        evidence: `${hit.signature.id}:${hit.evidence.toLowerCase()}`,
        downgrade: prose,
      });
    }
  },
};

export default rule;
