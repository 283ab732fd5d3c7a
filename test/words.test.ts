// Token-aware matching: identifiers split on camelCase, snake_case, kebab-case, digits and
// SCREAMING_CASE, so that whole words match and substrings do not.
import { describe, expect, it } from 'vitest';
import { lexicon } from '../rules/lib/lexicon.js';
import { splitWords } from '../rules/lib/words.js';

const words = (s: string): string[] => splitWords(s).map((w) => w.text);

describe('splitWords', () => {
  it.each([
    ['emRace', ['em', 'race']],
    ['GemRacer', ['gem', 'racer']],
    ['EM_RACE_TYPE', ['em', 'race', 'type']],
    ['race4', ['race', '4']],
    ['XMLParser', ['xml', 'parser']],
    ['latino_hispanic', ['latino', 'hispanic']],
    ['skin-tone', ['skin', 'tone']],
    ['是否是维族', ['是否是维族']],
    ['uyghurAlert', ['uyghur', 'alert']],
  ])('%s → %j', (input, expected) => {
    expect(words(input)).toEqual(expected);
  });

  it('keeps exact offsets', () => {
    const text = 'x.raceOutput = 1';
    for (const w of splitWords(text)) expect(text.slice(w.start, w.end).toLowerCase()).toBe(w.text);
  });
});

describe('lexicon matching', () => {
  const attr = (s: string): string[] => lexicon().attributes.match(splitWords(s), true).map((h) => h.entry.term);
  const groups = (s: string, identifier = false): string[] => lexicon().groups.match(splitWords(s), identifier).map((h) => h.entry.term);

  it('matches words, not substrings', () => {
    expect(attr('emRace')).toEqual(['race']);
    expect(attr('GemRacer')).toEqual([]);
    expect(attr('semrace')).toEqual([]);
    expect(attr('stackTrace')).toEqual([]);
  });

  it('matches CJK terms inside runs of CJK text', () => {
    expect(groups('是否是维族')).toEqual(['uyghur']);
    expect(groups('维吾尔族人员')).toEqual(['uyghur']);
  });

  it('matches pinyin only inside identifiers', () => {
    expect(groups('weizu_score', true)).toEqual(['uyghur']);
    expect(groups('weizu score', false)).toEqual([]);
  });

  it('knows every spelling and script of Uyghur named in the lexicon', () => {
    for (const form of ['Uyghur', 'Uighur', 'Uigur', 'Uygur', 'ئۇيغۇر', 'ウイグル', '위구르', '维吾尔族', '维族']) expect(groups(form)).toEqual(['uyghur']);
  });
});
