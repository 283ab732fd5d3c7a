// The names enclosing a collection (`CONFIG.model.heads`), as the parsers that walk nested
// structures keep them: a persistent list, so entering a scope costs O(1).

export interface PathLink {
  name: string;
  parent: PathLink | undefined;
}

/** At most this many enclosing names are kept, innermost last. */
const MAX_PATH = 64;

/** `path` with `name` entered, or `path` itself when there is no name. */
export function link(path: PathLink | undefined, name: string | undefined): PathLink | undefined {
  return name === undefined ? path : { name, parent: path };
}

/** The names from the outermost in. */
export function materialize(path: PathLink | undefined): string[] {
  const names: string[] = [];
  for (let p = path; p && names.length < MAX_PATH; p = p.parent) names.push(p.name);
  return names.reverse();
}
