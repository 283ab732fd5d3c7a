// Reference data that names groups without classifying anyone: tables of the 56 PRC
// nationalities (HR systems, ID-card parsers) and tabular datasets with image files.
import type { Document } from '../../src/types.js';
import { hasContext, tokenWords } from './doc-words.js';

const NATIONALITY = /^[\p{Script=Han}]{1,5}族$/u;
/** A file naming this many distinct nationalities is a reference table, not a class list. */
const TABLE_SIZE = 10;

const nationalityCache = new WeakMap<Document, boolean>();

/** A file that lists ten or more PRC nationalities (…族) and has no model, camera or face context. */
export function isNationalityReference(doc: Document): boolean {
  let result = nationalityCache.get(doc);
  if (result === undefined) {
    const names = new Set<string>();
    for (const tw of tokenWords(doc)) for (const w of tw.words) if (w.script && NATIONALITY.test(w.text)) names.add(w.text);
    result = names.size >= TABLE_SIZE && !hasContext(doc, 'ml') && !hasContext(doc, 'face');
    nationalityCache.set(doc, result);
  }
  return result;
}

/**
 * Files about languages or texts name groups as languages and topics, not as classes of people:
 * language technology and news without faces, and locale, script or font code without any model.
 */
export function aboutLanguageOrText(doc: Document): boolean {
  if (hasContext(doc, 'face')) return false;
  return hasContext(doc, 'language-tech') || hasContext(doc, 'text-content') || (hasContext(doc, 'locale') && !hasContext(doc, 'ml'));
}

const IMAGE_FILE = /\.(?:jpe?g|png|bmp|gif|webp|tiff?)$/i;

const NUMERIC = /^\s*-?[\d.]*\s*$/;

/** A CSV that is a class list: one column, or one text column beside numbers (ethnicolr's label files). */
export function tableIsLabelList(doc: Document): boolean {
  const table = doc.table;
  if (!table) return false;
  if (table.header.length === 1) return true;
  const rows = table.rows.slice(0, 20);
  const textColumns = table.header.filter((_, i) => rows.some((row) => !NUMERIC.test(row[i]?.value ?? '')));
  return rows.length > 0 && textColumns.length === 1;
}

/** A CSV whose rows point at image files: every other column is a label of that image. */
export function tableHasImages(doc: Document): boolean {
  const rows = doc.table?.rows ?? [];
  return rows.slice(0, 50).some((row) => row.some((cell) => IMAGE_FILE.test(cell.value.trim())));
}
