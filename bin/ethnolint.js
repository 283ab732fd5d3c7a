#!/usr/bin/env node
'use strict';
// Entry point: everything lives in the bundle of the compiled CLI (dist/bundle, CommonJS, which
// Node loads without the ES module loader's start-up cost); this file only hands over argv. A
// lone `--version` (what scripts and CI call to check the tool is there) is answered from
// package.json, without loading the CLI.
const module_ = require('node:module');

// Node 22.1+ keeps compiled code between runs; older Node gets the bundle's own code cache.
module_.enableCompileCache?.();

if (process.argv.length === 3 && process.argv[2] === '--version') {
  process.stdout.write(`${require('../package.json').version}\n`);
} else {
  require('../dist/bundle/start.js')
    .start(process.argv.slice(2))
    .then((code) => {
      process.exitCode = code;
    });
}
