// Training sets read from a folder tree whose sub-folder names are the classes: torchvision
// ImageFolder/DatasetFolder, Keras flow_from_directory and image_dataset_from_directory, fastai
// from_folder, sklearn load_files, and class lists taken from os.listdir. Which classes a model
// learns is then told by the folder's path: `data/race/train`, `RFW/test/data`.
import type { Call, Document, Token } from '../../src/types.js';
import { tokensIn } from './doc-words.js';

const LOADER = /^(?:ImageFolder|DatasetFolder|flow_from_directory|image_dataset_from_directory|from_folder|load_files)$/;
// The keyword that names the root folder, where the loader takes one.
const ROOT_ARGS = new Set(['root', 'directory', 'path', 'data_dir', 'folder', 'container_path']);
const LISTING = /^(?:listdir|scandir)$/;
// Names bound to a folder listing that makes it the class list: `class_names = sorted(os.listdir(d))`.
const CLASS_LIST_NAME = /^(?:class_?names|classes|labels|label_names|categories|class_list|target_names|idx_to_class)$/i;

export interface FolderLoad {
  /** The loader's name: `ImageFolder`, `flow_from_directory`, `listdir`. */
  loader: string;
  /** The folder as far as the file spells it, its parts joined by '/'. */
  path: string;
  start: number;
  end: number;
}

/** The string a name was last bound to before `at`: `DATA_DIR = "datasets/ethnicity"`. */
function boundString(doc: Document, name: string, at: number): string | undefined {
  let found: string | undefined;
  for (const p of doc.pairs) {
    if (p.start >= at) break;
    if (p.key === name && p.path.length <= 1 && p.value !== undefined && !p.values) found = p.value;
  }
  return found;
}

/** The path an argument spells: its string literals and the strings its names are bound to. */
function pathOf(doc: Document, start: number, end: number, at: number): string {
  const parts: string[] = [];
  const tokens = tokensIn(doc, start, end);
  tokens.forEach((t: Token, i) => {
    if (t.type === 'string') parts.push(t.value);
    else if (t.type === 'identifier' && tokens[i + 1]?.value !== '(' && tokens[i - 1]?.value !== '.') {
      const bound = boundString(doc, t.value, at);
      if (bound !== undefined) parts.push(bound);
    }
  });
  return parts.join('/');
}

function rootArg(call: Call): Call['args'][number] | undefined {
  return call.args.find((a) => a.name !== undefined && ROOT_ARGS.has(a.name)) ?? call.args.find((a) => a.name === undefined);
}

/** Whether a listing call's result is bound to a class-list name on its line. */
function listsClasses(doc: Document, call: Call): boolean {
  const lineStart = doc.text.lastIndexOf('\n', call.start - 1) + 1;
  const m = /^\s*(?:self\.)?([A-Za-z_]\w*)\s*=/.exec(doc.text.slice(lineStart, call.start));
  return m !== null && CLASS_LIST_NAME.test(m[1] as string);
}

/** Every folder-tree training set in the file, with the folder it reads. */
export function folderLoads(doc: Document): FolderLoad[] {
  const out: FolderLoad[] = [];
  for (const call of doc.calls) {
    const loader = call.callee.split('.').pop() ?? '';
    const listing = LISTING.test(loader);
    if (!LOADER.test(loader) && !(listing && listsClasses(doc, call))) continue;
    const arg = rootArg(call);
    if (!arg) continue;
    const path = pathOf(doc, arg.start, arg.end, call.start);
    if (path) out.push({ loader, path, start: call.start, end: call.end });
  }
  return out;
}
