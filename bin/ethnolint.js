#!/usr/bin/env node
// Entry point: everything lives in the compiled CLI; this file only hands over argv.
import { main } from '../dist/src/cli.js';

process.exitCode = await main(process.argv.slice(2));
