// Generates a deterministic synthetic ML repository for the benchmark: Python, notebooks,
// JS/TS, JSON/YAML configs, label files, CSV and Markdown, with a known sprinkling of
// violations and of the false-positive traps. Same seed and size → byte-identical tree.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** mulberry32: a tiny, well-distributed seeded PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'train', 'model', 'loss', 'batch', 'feature', 'embedding', 'encoder', 'decoder', 'optimizer', 'scheduler', 'epoch',
  'metric', 'dataset', 'loader', 'augment', 'image', 'tensor', 'logits', 'config', 'checkpoint', 'weights', 'layer',
  'attention', 'token', 'vocab', 'sample', 'split', 'score', 'predict', 'evaluate', 'cache', 'buffer', 'queue',
];

// Violations, one of which lands in roughly every 150th file.
const VIOLATIONS: Record<string, string[]> = {
  py: [
    "race_map = dict(white=0, black=1, asian=2, indian=3, others=4)\n",
    "race_out = Dense(5, activation='softmax', name='race_output')(x)\n",
    "y = df['ethnicity'].values\n",
    "def is_uyghur(face_embedding):\n    return classifier(face_embedding) > 0.5\n",
    "result = DeepFace.analyze(img_path=path, actions=['age', 'gender', 'race'])\n",
  ],
  json: ['{"id2label": {"0": "african", "1": "asian", "2": "caucasian", "3": "hispanic", "4": "indian"}}\n'],
  txt: ['维族\n汉族\n其他\n'],
};

// Traps that must stay silent, one of which lands in roughly every 10th file.
const TRAPS: Record<string, string[]> = {
  py: [
    "# guard against a race condition when two workers write the cache\n",
    "sampler = SMOTE(sampling_strategy='minority', random_state=0)\n",
    "TIMEZONE = 'Asia/Shanghai'\n",
    "CUISINES = ['African', 'Asian', 'Middle Eastern', 'Indian', 'Latin', 'Italian', 'French']\n",
    "mf = MetricFrame(metrics=accuracy_score, y_true=y_test, y_pred=y_pred, sensitive_features=A_test['race'])\n",
  ],
  ts: ['const first = await Promise.race([fetchData(), timeout(5000)]);\n', "const region = 'Asia Pacific (Singapore)';\n"],
};

interface Tree {
  files: number;
  bytes: number;
  violations: number;
}

function ident(r: () => number): string {
  const a = WORDS[Math.floor(r() * WORDS.length)] as string;
  const b = WORDS[Math.floor(r() * WORDS.length)] as string;
  return `${a}_${b}`;
}

function pythonFile(r: () => number, target: number): string {
  let out = 'import os\nimport numpy as np\nimport torch\nfrom torch import nn\n\n';
  while (out.length < target) {
    const f = ident(r);
    out += `def ${f}(${ident(r)}, ${ident(r)}=None):\n    """Compute the ${f.replace('_', ' ')} for a batch."""\n`;
    for (let i = 0; i < 6; i++) out += `    ${ident(r)} = np.mean(${ident(r)}[:, ${i}]) * ${(r() * 10).toFixed(3)}\n`;
    out += `    return ${ident(r)}\n\n`;
  }
  return out;
}

function tsFile(r: () => number, target: number): string {
  let out = "import { readFile } from 'node:fs/promises';\n\n";
  while (out.length < target) {
    const f = ident(r).replace(/_(\w)/, (_, c: string) => c.toUpperCase());
    out += `export async function ${f}(input: string): Promise<number> {\n  const data = await readFile(input, 'utf8');\n  // parse the ${f} records\n  return data.split('\\n').filter((l) => l.includes('${ident(r)}')).length;\n}\n\n`;
  }
  return out;
}

function yamlFile(r: () => number): string {
  return `model:\n  name: ${ident(r)}\n  layers: ${Math.floor(r() * 48)}\n  hidden: ${Math.floor(r() * 4096)}\ntrain:\n  lr: ${r().toFixed(5)}\n  epochs: ${Math.floor(r() * 100)}\n  batch_size: 32\ndata:\n  root: data/${ident(r)}\n  labels: [cat, dog, bird, horse, ship, truck]\n`;
}

function jsonFile(r: () => number, target: number): string {
  const entries: string[] = [];
  let size = 0;
  while (size < target) {
    const e = `    "${ident(r)}": {"value": ${r().toFixed(6)}, "tags": ["${ident(r)}", "${ident(r)}"]}`;
    entries.push(e);
    size += e.length;
  }
  return `{\n  "architectures": ["ViTForImageClassification"],\n  "params": {\n${entries.join(',\n')}\n  }\n}\n`;
}

function csvFile(r: () => number, target: number): string {
  let out = 'id,width,height,label,split\n';
  for (let i = 0; out.length < target; i++) out += `${i},${Math.floor(r() * 1024)},${Math.floor(r() * 768)},${['cat', 'dog', 'car'][i % 3]},train\n`;
  return out;
}

function notebookFile(r: () => number, target: number): string {
  const code = pythonFile(r, 2000).split('\n').map((l) => JSON.stringify(`${l}\n`));
  const blob = 'iVBORw0KGgo'.padEnd(Math.max(100, target - 4000), 'A');
  return `{\n "cells": [\n  {\n   "cell_type": "code",\n   "execution_count": 1,\n   "metadata": {},\n   "outputs": [{"data": {"image/png": "${blob}"}, "output_type": "display_data", "metadata": {}}],\n   "source": [\n    ${code.join(',\n    ')}\n   ]\n  }\n ],\n "metadata": {"kernelspec": {"language": "python", "name": "python3"}},\n "nbformat": 4,\n "nbformat_minor": 5\n}\n`;
}

function markdownFile(r: () => number): string {
  return `# ${ident(r)}\n\nThis module trains the ${ident(r)} model on the ${ident(r)} dataset.\n\n## Usage\n\n\`\`\`sh\npython train.py --config configs/${ident(r)}.yaml\n\`\`\`\n`;
}

/** Writes a tree of about `targetBytes` under `root`; returns what it wrote. */
export function generateTree(root: string, targetBytes: number, seed = 42): Tree {
  const r = prng(seed);
  const tree: Tree = { files: 0, bytes: 0, violations: 0 };
  const write = (rel: string, content: string): void => {
    const path = join(root, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    tree.files++;
    tree.bytes += Buffer.byteLength(content);
  };
  for (let n = 0; tree.bytes < targetBytes; n++) {
    const project = `project-${String(Math.floor(n / 400)).padStart(3, '0')}`;
    const dir = `${project}/pkg${Math.floor(n / 40) % 10}`;
    const roll = r();
    const sprinkle = (kind: string, content: string): string => {
      const traps = TRAPS[kind];
      const violations = VIOLATIONS[kind];
      if (violations && r() < 1 / 150) {
        tree.violations++;
        const v = violations[Math.floor(r() * violations.length)] as string;
        // Data files get the violation as their whole content, so they stay well-formed.
        return kind === 'py' ? content + v : v;
      }
      if (traps && r() < 0.1) return content + (traps[Math.floor(r() * traps.length)] as string);
      return content;
    };
    if (roll < 0.42) write(`${dir}/m${n}.py`, sprinkle('py', pythonFile(r, 8000 + r() * 16000)));
    else if (roll < 0.62) write(`${dir}/m${n}.ts`, sprinkle('ts', tsFile(r, 6000 + r() * 12000)));
    else if (roll < 0.7) write(`${dir}/config${n}.yaml`, yamlFile(r));
    else if (roll < 0.78) write(`${dir}/params${n}.json`, sprinkle('json', jsonFile(r, 4000 + r() * 20000)));
    else if (roll < 0.8) write(`${dir}/classes${n}.txt`, sprinkle('txt', 'cat\ndog\nbird\n'));
    else if (roll < 0.86) write(`${dir}/data${n}.csv`, csvFile(r, 20000 + r() * 200000));
    else if (roll < 0.89) write(`${dir}/nb${n}.ipynb`, notebookFile(r, 20000 + r() * 150000));
    else write(`${dir}/README${n}.md`, markdownFile(r));
  }
  return tree;
}
