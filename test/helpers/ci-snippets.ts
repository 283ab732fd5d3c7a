// Reading the command lines in the shipped CI files and README snippets: split them as a shell
// would (plain words and quotes, which is all they use), find the ethnolint invocations, and
// check their flags against `ethnolint --help`.
import { runCli } from './run-cli.js';

/** Splits a command line into words: white space separates, '…' and "…" group (no escapes, no expansions). */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (const ch of line) {
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      word ??= '';
    } else if (/\s/.test(ch)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + ch;
    }
  }
  if (quote !== undefined) throw new Error(`unbalanced quote in: ${line}`);
  if (word !== undefined) words.push(word);
  return words;
}

const LAUNCHERS = [['npx', '--yes', 'ethnolint'], ['npx', 'ethnolint'], ['ethnolint']];

/** The ethnolint arguments of a command line that runs ethnolint, or undefined for any other command. */
export function ethnolintArgs(line: string): string[] | undefined {
  const words = shellWords(line.trim());
  for (const launcher of LAUNCHERS) {
    if (launcher.every((w, i) => words[i] === w)) return words.slice(launcher.length);
  }
  return undefined;
}

/** Option names among arguments: `--flag`, `--flag=value` → `--flag`, `-f`; not `--` itself. */
export function flagsOf(args: readonly string[]): string[] {
  return args.filter((a) => /^--?[A-Za-z]/.test(a)).map((a) => a.split('=')[0] as string);
}

let cached: Set<string> | undefined;

/** Every option name `ethnolint --help` and `ethnolint init --help` list. */
export function helpFlags(): Set<string> {
  if (cached) return cached;
  const text = runCli(['--help']).stdout + runCli(['init', '--help']).stdout;
  cached = new Set([...text.matchAll(/(?:^|[\s,])(--?[A-Za-z][\w-]*)/g)].map((m) => m[1] as string));
  return cached;
}
