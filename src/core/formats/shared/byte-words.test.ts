import { describe, expect, it } from 'vitest';
import { forgetWords, keyWords, keyWordsMatch, shortKeyMatch, shortKeyWords, wordsOf } from './byte-words';

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

/** `key` placed 3 bytes into a row (words read at an offset, as a field's are), with bytes after it. */
const inRow = (key: string) => ascii(`ab,${key},xyz`);

describe('byte words', () => {
  it('matches a key of any length from 4 bytes on, and no text that differs from it in one byte', () => {
    for (let length = 4; length <= 20; length++) {
      const key = 'PJSIP/carrier-b-peer'.slice(0, length);
      const words = keyWords(ascii(key));
      expect(words.length).toBe(Math.ceil(length / 4));
      expect(keyWordsMatch(wordsOf(inRow(key)), 3, words, length)).toBe(true);
      for (let k = 0; k < length; k++) {
        const other = `${key.slice(0, k)}#${key.slice(k + 1)}`;
        expect(keyWordsMatch(wordsOf(inRow(other)), 3, words, length), `${length} bytes, byte ${k}`).toBe(false);
      }
    }
  });

  it('matches a short key of 4 to 12 bytes by three words, and no text that differs from it in one byte', () => {
    for (let length = 4; length <= 12; length++) {
      const key = 'NO ANSWERED!'.slice(0, length);
      const words = shortKeyWords(ascii(key));
      expect(shortKeyMatch(wordsOf(inRow(key)), 3, words, length)).toBe(true);
      for (let k = 0; k < length; k++) {
        const other = `${key.slice(0, k)}#${key.slice(k + 1)}`;
        expect(shortKeyMatch(wordsOf(inRow(other)), 3, words, length), `${length} bytes, byte ${k}`).toBe(false);
      }
    }
  });

  it('reads the same array through one view, another array through its own, a view of part of a buffer from its offset', () => {
    const bytes = ascii('....ABCD');
    expect(wordsOf(bytes)).toBe(wordsOf(bytes));
    const part = bytes.subarray(4);
    const view = wordsOf(part);
    expect(view).not.toBe(wordsOf(bytes));
    expect(view.getInt32(0, true)).toBe(keyWords(ascii('ABCD'))[0]);
    forgetWords();
    expect(wordsOf(part)).not.toBe(view);
  });
});
