import { describe, expect, it } from 'vitest';
import { parseNotebook } from '../src/parsers/notebook.js';
import { computeLineStarts, positionAt } from '../src/positions.js';

// Laid out as Jupyter writes it: indent 1, one JSON string per source line.
const notebook = [
  '{',
  ' "cells": [',
  '  {',
  '   "cell_type": "markdown",',
  '   "metadata": {},',
  '   "source": [',
  '    "# Ethnicity classifier\\n",',
  '    "\\n",',
  '    "Predicts \\"race\\" labels"',
  '   ]',
  '  },',
  '  {',
  '   "cell_type": "code",',
  '   "execution_count": 1,',
  '   "metadata": {},',
  '   "outputs": [',
  '    {"name": "stdout", "output_type": "stream", "text": ["[\'asian\', \'white\']\\n"]}',
  '   ],',
  '   "source": [',
  '    "import numpy as np\\n",',
  '    "labels = [\'asian\', \'white\']\\n",',
  '    "print(\\"race\\",\\tlabels)  # ethnicity\\n",',
  '    "doc = \\"\\"\\"first\\n",',
  '    "second\\"\\"\\""',
  '   ]',
  '  }',
  ' ],',
  ' "metadata": {"kernelspec": {"language": "python", "name": "python3"}},',
  ' "nbformat": 4,',
  ' "nbformat_minor": 5',
  '}',
  '',
].join('\n');

const lineStarts = computeLineStarts(notebook);
const where = (offset: number) => positionAt(lineStarts, offset);

describe('parseNotebook', () => {
  const r = parseNotebook(notebook);

  it("maps a code cell's string token to its line and column in the .ipynb", () => {
    const asian = r.tokens.filter((t) => t.type === 'string' && t.value === 'asian');
    expect(asian).toHaveLength(1); // the copy in the outputs is not scanned
    const tok = asian[0]!;
    expect(notebook.slice(tok.start, tok.end)).toBe("'asian'");
    const line = '    "labels = [\'asian\', \'white\']\\n",';
    expect(where(tok.start)).toEqual({ line: 21, column: line.indexOf("'asian'") + 1 });
    expect(notebook.split('\n')[20]).toBe(line);
  });

  it('remaps collections, members and calls', () => {
    const labels = r.collections.find((c) => c.name === 'labels')!;
    expect(labels.members.map((m) => m.value)).toEqual(['asian', 'white']);
    expect(labels.members.map((m) => notebook.slice(m.start, m.end))).toEqual(["'asian'", "'white'"]);
    expect(notebook.slice(labels.start, labels.end)).toBe("['asian', 'white']");
    const print = r.calls.find((c) => c.callee === 'print')!;
    expect(notebook.slice(print.start, print.end)).toBe('print(\\"race\\",\\tlabels)');
  });

  it('maps escaped characters and tokens spanning source strings', () => {
    const race = r.tokens.find((t) => t.type === 'string' && t.value === 'race')!;
    expect(notebook.slice(race.start, race.end)).toBe('\\"race\\"');
    const comment = r.tokens.find((t) => t.type === 'comment')!;
    expect(notebook.slice(comment.start, comment.end)).toBe('# ethnicity');
    const doc = r.tokens.find((t) => t.type === 'string' && t.value.startsWith('first'))!;
    expect(doc.value).toBe('first\nsecond');
    // Starts at the first string's triple quote, ends at the second string's, across the JSON quotes.
    expect(notebook.slice(doc.start, doc.end)).toBe('\\"\\"\\"first\\n",\n    "second\\"\\"\\"');
  });

  it('turns markdown lines into text tokens with raw ranges', () => {
    const text = r.tokens.filter((t) => t.type === 'text');
    expect(text.map((t) => t.value)).toEqual(['# Ethnicity classifier', 'Predicts "race" labels']);
    expect(text.map((t) => notebook.slice(t.start, t.end))).toEqual(['# Ethnicity classifier', 'Predicts \\"race\\" labels']);
  });

  it('keeps tokens in document order and omits the tree', () => {
    for (let i = 1; i < r.tokens.length; i++) expect(r.tokens[i]!.start).toBeGreaterThanOrEqual(r.tokens[i - 1]!.start);
    expect(r.tree).toBeUndefined();
    expect(r.tokens.some((t) => t.value === 'nbformat' || t.value === 'kernelspec')).toBe(false);
  });

  it('accepts a source given as one string and nbformat 3 worksheets', () => {
    const one = '{"cells": [{"cell_type": "code", "source": "x = 1\\nraces = [\\"asian\\"]"}]}';
    const tok = parseNotebook(one).tokens.find((t) => t.value === 'asian')!;
    expect(one.slice(tok.start, tok.end)).toBe('\\"asian\\"');
    const v3 = '{"worksheets": [{"cells": [{"cell_type": "code", "input": ["y = \'white\'"]}]}]}';
    const w = parseNotebook(v3).tokens.find((t) => t.value === 'white')!;
    expect(v3.slice(w.start, w.end)).toBe("'white'");
  });

  it('ends a token that ends a source string at that string, not at the next one', () => {
    const nb = '{"cells": [{"cell_type": "code", "source": ["race = \'asian\'", "\\n", "y = 2"]}]}';
    const tok = parseNotebook(nb).tokens.find((t) => t.value === 'asian')!;
    expect(nb.slice(tok.start, tok.end)).toBe("'asian'");
  });

  it('throws on invalid JSON', () => {
    expect(() => parseNotebook('{"cells": [')).toThrow(/JSON syntax error at 1:12/);
    expect(() => parseNotebook('[]')).toThrow(/not an object/);
  });
});
