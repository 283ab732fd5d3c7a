#!/usr/bin/env node
// Entry point: everything lives in the compiled CLI; this file only hands over argv. A lone
// `--version` (what scripts and CI call to check the tool is there) is answered without loading
// the command-line parser, in the same format.
import module from 'node:module';

// Node 22.1+ keeps compiled code between runs (the parsers are large); older Node has no such cache.
module.enableCompileCache?.();

if (process.argv.length === 3 && process.argv[2] === '--version') {
  const { VERSION } = await import('../dist/src/package-info.js');
  process.stdout.write(`${VERSION}\n`);
} else {
  const { main } = await import('../dist/bundle/cli.js');
  process.exitCode = await main(process.argv.slice(2));
}
