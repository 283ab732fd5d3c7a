// Format names, the default first. Kept apart from the formatters so the CLI can list them
// without loading any formatter.
export const FORMATS = ['text', 'json', 'sarif', 'github', 'junit', 'gitlab'] as const;
export type FormatName = (typeof FORMATS)[number];

export function isFormatName(name: string): name is FormatName {
  return (FORMATS as readonly string[]).includes(name);
}
