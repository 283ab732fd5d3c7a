import { describe, expect, it } from 'vitest';
import { classify } from '../src/classify.js';

type Row = [path: string, kind: string | undefined, language?: string];

const byName: Row[] = [
  ['train.py', 'python', 'python'],
  ['gui.pyw', 'python', 'python'],
  ['stubs/types.pyi', 'python', 'python'],
  ['app.js', 'javascript', 'javascript'],
  ['lib/a.mjs', 'javascript', 'javascript'],
  ['lib/a.cjs', 'javascript', 'javascript'],
  ['vendor/jquery.min.js', 'javascript', 'javascript'],
  ['View.jsx', 'javascript', 'jsx'],
  ['index.ts', 'javascript', 'typescript'],
  ['types.d.ts', 'javascript', 'typescript'],
  ['a.mts', 'javascript', 'typescript'],
  ['a.cts', 'javascript', 'typescript'],
  ['Form.tsx', 'javascript', 'tsx'],
  ['analysis.ipynb', 'notebook', 'python'],
  ['config.json', 'json', 'json'],
  ['tsconfig.jsonc', 'json', 'jsonc'],
  ['data.json5', undefined],
  ['map.geojson', undefined],
  ['model.yaml', 'yaml', 'yaml'],
  ['.github/workflows/ci.yml', 'yaml', 'yaml'],
  ['coco.names', 'labels', 'labels'],
  ['darknet/obj.names', 'labels', 'labels'],
  ['races.labels', 'labels', 'labels'],
  ['labels.txt', 'labels', 'labels'],
  ['classes.txt', 'labels', 'labels'],
  ['class_names.txt', 'labels', 'labels'],
  ['imagenet_labels.txt', 'labels', 'labels'],
  ['fairface_classes.txt', 'labels', 'labels'],
  ['label_map.txt', 'labels', 'labels'],
  ['labelmap.txt', 'labels', 'labels'],
  ['synset_words.txt', 'labels', 'labels'],
  ['Labels.TXT', 'labels', 'labels'],
  ['notes.txt', 'text', 'text'],
  ['mislabels.txt', 'text', 'text'],
  ['requirements.txt', 'source', 'requirements'],
  ['requirements-dev.txt', 'source', 'requirements'],
  ['dev-requirements.txt', 'source', 'requirements'],
  ['requirements/prod.txt', 'source', 'requirements'],
  ['requirements.in', 'source', 'requirements'],
  ['requirements/base.in', 'source', 'requirements'],
  ['notes.in', undefined],
  ['requirement.txt', 'text', 'text'],
  ['CMakeLists.txt', 'source', 'cmake'],
  ['faces.csv', 'csv', 'csv'],
  ['faces.tsv', 'csv', 'tsv'],
  ['faces.tab', 'csv', 'tsv'],
  ['label_map.pbtxt', 'pbtxt', 'pbtxt'],
  ['deploy.prototxt', 'pbtxt', 'pbtxt'],
  ['README.md', 'markdown', 'markdown'],
  ['docs/index.rst', 'markdown', 'rst'],
  ['README', 'text', 'text'],
  ['main.go', 'source', 'go'],
  ['Main.java', 'source', 'java'],
  ['App.kt', 'source', 'kotlin'],
  ['build.gradle.kts', 'source', 'kotlin'],
  ['x.c', 'source', 'c'],
  ['x.h', 'source', 'c'],
  ['x.cc', 'source', 'cpp'],
  ['x.cpp', 'source', 'cpp'],
  ['x.hpp', 'source', 'cpp'],
  ['Program.cs', 'source', 'csharp'],
  ['App.swift', 'source', 'swift'],
  ['lib.rs', 'source', 'rust'],
  ['app.rb', 'source', 'ruby'],
  ['analysis.R', 'source', 'r'],
  ['analysis.r', 'source', 'r'],
  ['Job.scala', 'source', 'scala'],
  ['index.php', 'source', 'php'],
  ['run.sh', 'source', 'shell'],
  ['run.bash', 'source', 'shell'],
  ['run.zsh', 'source', 'shell'],
  ['Setup.ps1', 'source', 'powershell'],
  ['schema.sql', 'source', 'sql'],
  ['init.lua', 'source', 'lua'],
  ['Module.vb', 'source', 'vb'],
  ['train.m', 'source', 'matlab'],
  ['pyproject.toml', 'source', 'ini'],
  ['setup.cfg', 'source', 'ini'],
  ['tox.ini', 'source', 'ini'],
  ['.env', 'source', 'ini'],
  ['.env.production', 'source', 'ini'],
  ['Makefile', 'source', 'shell'],
  ['Dockerfile', 'source', 'shell'],
  ['Dockerfile.gpu', 'source', 'shell'],
  ['app.dockerfile', 'source', 'shell'],
  ['annotations.jsonl', 'text', 'jsonl'],
];

const skipped: string[] = [
  'photo.jpg', 'photo.JPEG', 'icon.png', 'anim.gif', 'logo.svg', 'clip.mp4', 'voice.wav', 'song.mp3',
  'data.zip', 'data.tar.gz', 'data.7z', 'font.woff2', 'font.ttf', 'lib.so', 'a.o', 'App.class', 'mod.pyc', 'x.wasm',
  'model.pt', 'model.pth', 'model.h5', 'model.onnx', 'saved_model.pb', 'model.tflite', 'weights.bin',
  'model.safetensors', 'model.ckpt', 'embeddings.npy', 'arrays.npz', 'clf.pkl', 'faces.parquet', 'x.arrow',
  'x.feather', 'train.tfrecord', 'app.js.map', 'report.pdf',
  'package-lock.json', 'yarn.lock', 'pnpm-lock.yaml', 'poetry.lock', 'Cargo.lock', 'go.sum', 'Gemfile.lock', 'deps.lock',
  'LICENSE', 'script', '.gitignore', 'file.unknownext',
];

describe('classify', () => {
  it.each(byName)('%s → %s / %s', (path, kind, language) => {
    const result = classify(path);
    if (kind === undefined) expect(result).toBeUndefined();
    else expect(result).toEqual({ kind, language });
  });

  it.each(skipped)('%s is not read', (path) => {
    expect(classify(path)).toBeUndefined();
  });

  it.each([
    ['bin/train', '#!/usr/bin/env python3\nimport torch\n', 'python', 'python'],
    ['bin/train', '#!/usr/bin/python -u\n', 'python', 'python'],
    ['bin/serve', '#!/usr/bin/env node\n', 'javascript', 'javascript'],
    ['bin/serve', '#!/usr/bin/env -S deno run\n', 'javascript', 'typescript'],
    ['bin/setup', '#!/bin/bash\nset -e\n', 'source', 'shell'],
    ['bin/setup', '#! /bin/sh\n', 'source', 'shell'],
    ['bin/report', '#!/usr/bin/env Rscript\n', 'source', 'r'],
  ])('%s with shebang %j → %s / %s', (path, head, kind, language) => {
    expect(classify(path, head)).toEqual({ kind, language });
  });

  it('ignores shebangs it does not know, and text without one', () => {
    expect(classify('bin/x', '#!/usr/bin/env awk -f\n')).toBeUndefined();
    expect(classify('bin/x', 'plain words\n')).toBeUndefined();
    // A shebang does not override an extension.
    expect(classify('x.md', '#!/usr/bin/env python\n')).toEqual({ kind: 'markdown', language: 'markdown' });
  });

  it('reads a TF label map saved as .txt as pbtxt when the head shows it', () => {
    const head = '# COCO label map\nitem {\n  id: 1\n  name: "person"\n}\n';
    expect(classify('mscoco_label_map.txt', head)).toEqual({ kind: 'pbtxt', language: 'pbtxt' });
    expect(classify('label_map.txt', head)).toEqual({ kind: 'pbtxt', language: 'pbtxt' });
    expect(classify('label_map.txt', 'asian\nblack\n')).toEqual({ kind: 'labels', language: 'labels' });
  });

  it('tells Objective-C from MATLAB .m files by their head', () => {
    expect(classify('View.m', '#import <UIKit/UIKit.h>\n')).toEqual({ kind: 'source', language: 'objc' });
    expect(classify('train.m', 'function y = f(x)\n')).toEqual({ kind: 'source', language: 'matlab' });
  });

  it('looks at the base name only, with either separator', () => {
    expect(classify('labels.txt/notes.md')).toEqual({ kind: 'markdown', language: 'markdown' });
    expect(classify('models\\coco.names')).toEqual({ kind: 'labels', language: 'labels' });
  });
});
