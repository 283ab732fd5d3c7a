// Offsets to lines and the binary search the engine and the rules share.
import { expect, it } from 'vitest';
import { computeLineStarts, firstIndexAfter, lineOf } from '../src/positions.js';

it('firstIndexAfter gives the first item the predicate no longer holds for', () => {
  const sorted = [1, 3, 3, 7, 9];
  expect(firstIndexAfter(sorted, (n) => n < 3)).toBe(1);
  expect(firstIndexAfter(sorted, (n) => n <= 3)).toBe(3);
  expect(firstIndexAfter(sorted, (n) => n < 0)).toBe(0);
  expect(firstIndexAfter(sorted, (n) => n < 100)).toBe(5);
  expect(firstIndexAfter([], () => true)).toBe(0);
});

it('lineOf finds the line of an offset, with \\n, \\r\\n and lone \\r breaks', () => {
  const text = 'ab\ncd\r\nef\rgh';
  const starts = computeLineStarts(text);
  const lines = [...text].map((_, i) => lineOf(starts, i));
  expect(lines).toEqual([1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 4, 4]);
  expect(lineOf(starts, text.length)).toBe(4);
  expect(lineOf([0], 0)).toBe(1);
});
