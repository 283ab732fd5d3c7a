// Errors the CLI reports as a one-line message and a non-zero exit code rather than a stack
// trace: bad arguments (UsageError) and bad configuration files (ConfigError).

/** A command-line argument is wrong, e.g. a path that does not exist. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * A configuration file is unreadable or invalid. `line` and `column` are 1-based and absent
 * when the problem concerns the whole file (too large, unreadable). The message already
 * carries the location: `file:line:column: detail`.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  /** The message without the location prefix. */
  readonly detail: string;

  constructor(file: string, line: number | undefined, column: number | undefined, detail: string) {
    super(line === undefined ? `${file}: ${detail}` : `${file}:${line}:${column ?? 1}: ${detail}`);
    this.file = file;
    this.line = line;
    this.column = line === undefined ? undefined : (column ?? 1);
    this.detail = detail;
  }
}

/** A short, path-free description of a file-system error, for skip notices. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'no such file or directory (removed during the scan?)';
    case 'ENOTDIR':
      return 'a parent is not a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EISDIR':
      return 'is a directory';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
