/**
 * Text normalization shared by index and query time, so both sides always agree on what a word is.
 *
 * - Case is folded, accents are stripped (NFKD, then combining marks dropped), compatibility forms are
 *   unfolded (`ﬁ` → `fi`, full-width `Ａ` → `a`) and a few letters that Unicode does not decompose are
 *   spelled out (`ß` → `ss`, `ø` → `o`).
 * - A word is a run of letters and digits: `3M` → `3m`, `L3Harris` → `l3harris`.
 * - `&` becomes the word `and`, so `procter & gamble` and `procter and gamble` tokenize alike.
 * - Any other punctuation (hyphens, dashes, dots, apostrophes, `!`, emoji, lone surrogates) splits words
 *   but keeps them in one *compound* until whitespace. A compound of two or more words is also emitted
 *   glued together, which makes `coca-cola`, `coca cola` and `cocacola` meet (`AT&T` → `at`, `and`, `t`,
 *   `att`; `O’Reilly` → `o`, `reilly`, `oreilly`). A clitic after an apostrophe (`'s`) only joins the
 *   compound: `McDonald's` → `mcdonald`, `mcdonalds`.
 *
 * Every token keeps, for each normalized character, the UTF-16 offset in the ORIGINAL string just after
 * the character that produced it, so highlights can be mapped back through the folding.
 */

/** A token with its place in the original text. */
export interface TextToken {
  /** Normalized text: lower case letters and digits only (or `and` for an ampersand). */
  text: string;
  /** Offset of the first original UTF-16 code unit. */
  start: number;
  /** Offset just after the last original UTF-16 code unit. */
  end: number;
  /** `charEnds[i]`: original offset just after the character that produced normalized character i. */
  charEnds: number[];
}

export interface TokenizedText {
  /** Words in reading order, including `and` for each `&`. */
  words: TextToken[];
  /** Glued compounds (`cocacola`), each with the index range of the words it joins. */
  compounds: { token: TextToken; firstWord: number; lastWord: number }[];
}

/**
 * Words longer than this are cut, the same way at index and query time. Why: it bounds the trie depth and
 * the typo automaton's rows; no company name has a 64-letter word, and junk input gains nothing from more.
 * @default 64
 */
export const MAX_WORD_LENGTH = 64;

const enum CharClass {
  Word,
  Mark,
  Space,
  Ampersand,
  Punctuation,
}

interface FoldedChar {
  kind: CharClass;
  /** The normalized letters for Word, '' otherwise. */
  text: string;
}

/** Letters Unicode does not decompose but people type without their stroke or ligature. */
const SPELLED_OUT: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
};

const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]/gu;
const COMBINING_MARK = /^\p{M}+$/u;
const WHITESPACE = /^[\s\p{Z}]+$/u;

/**
 * Folding non-ASCII characters is the slow part; names repeat the same few, so results are memoized.
 * Bounded because query text is arbitrary: past the bound the memo starts over instead of growing.
 */
const FOLD_MEMO_LIMIT = 4096;
const foldMemo = new Map<string, FoldedChar>();

function foldNonAscii(char: string): FoldedChar {
  const memo = foldMemo.get(char);
  if (memo) return memo;
  let folded: FoldedChar;
  if (COMBINING_MARK.test(char)) folded = { kind: CharClass.Mark, text: '' };
  else if (WHITESPACE.test(char)) folded = { kind: CharClass.Space, text: '' };
  else {
    const decomposed = char.normalize('NFKD');
    if (decomposed === '&') folded = { kind: CharClass.Ampersand, text: '' };
    else {
      // Lower-casing can itself produce combining marks (`İ` → `i̇`), so marks are removed afterwards.
      let text = decomposed.toLowerCase().normalize('NFKD').replace(NOT_LETTER_OR_DIGIT, '');
      text = Array.from(text, (c) => SPELLED_OUT[c] ?? c).join('');
      folded = text ? { kind: CharClass.Word, text } : { kind: CharClass.Punctuation, text: '' };
    }
  }
  if (foldMemo.size >= FOLD_MEMO_LIMIT) foldMemo.clear();
  foldMemo.set(char, folded);
  return folded;
}

const ASCII_SPACE = new Set([0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d]);
/** ' ` ´ ‘ ’ ʼ */
const APOSTROPHES = new Set([0x27, 0x60, 0xb4, 0x2018, 0x2019, 0x2bc]);
const CLITICS: ReadonlySet<string> = new Set(['s', 't', 'd', 'm', 'll', 're', 've']);

/** Splits `text` into normalized words and compounds with original offsets. Never throws. */
export function tokenizeText(text: string): TokenizedText {
  const words: TextToken[] = [];
  const compounds: TokenizedText['compounds'] = [];
  // Pieces of the current whitespace-delimited run, glued into its compound (`and` from `&` is not a
  // piece), and the index in `words` of the run's first word.
  let runParts: TextToken[] = [];
  let runFirstWord = -1;
  // Typed through a cast: the closures below assign it, which control-flow narrowing cannot see.
  let current = null as TextToken | null;
  let currentFollowsApostrophe = false;
  let afterApostrophe = false;

  const finishWord = () => {
    if (!current) return;
    runParts.push(current);
    // An English clitic (`'s`, `'t`, `'ll`) is part of the compound (`mcdonalds`) but no word of its own:
    // otherwise every possessive name would match the query `s` exactly, ahead of names starting with s.
    const clitic = currentFollowsApostrophe && runParts.length > 1 && CLITICS.has(current.text);
    if (!clitic) {
      if (runFirstWord === -1) runFirstWord = words.length;
      words.push(current);
    }
    current = null;
  };
  const finishRun = () => {
    finishWord();
    if (runParts.length >= 2) {
      const charEnds = runParts.flatMap((p) => p.charEnds).slice(0, MAX_WORD_LENGTH);
      compounds.push({
        token: { text: runParts.map((p) => p.text).join('').slice(0, MAX_WORD_LENGTH), start: runParts[0]!.start, end: charEnds[charEnds.length - 1]!, charEnds },
        firstWord: runFirstWord,
        lastWord: words.length - 1,
      });
    }
    runParts = [];
    runFirstWord = -1;
    afterApostrophe = false;
  };
  const appendToWord = (letters: string, start: number, end: number) => {
    if (!current) {
      current = { text: '', start, end, charEnds: [] };
      currentFollowsApostrophe = afterApostrophe;
    }
    afterApostrophe = false;
    for (const letter of letters) {
      if (current.text.length >= MAX_WORD_LENGTH) break;
      current.text += letter;
      current.charEnds.push(end);
      current.end = end;
    }
  };

  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i);
    const width = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    const end = i + width;
    if (APOSTROPHES.has(code)) {
      finishWord();
      afterApostrophe = true;
    } else if (code < 0x80) {
      if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) appendToWord(text[i]!, i, end);
      else if (code >= 0x41 && code <= 0x5a) appendToWord(String.fromCharCode(code + 0x20), i, end);
      else if (ASCII_SPACE.has(code)) finishRun();
      else if (code === 0x26) {
        finishWord();
        words.push({ text: 'and', start: i, end, charEnds: [end, end, end] });
      } else finishWord();
    } else {
      const folded = foldNonAscii(text.slice(i, end));
      switch (folded.kind) {
        case CharClass.Word:
          appendToWord(folded.text, i, end);
          break;
        case CharClass.Mark:
          // A decomposed accent belongs to the letter before it: widen that letter's original span.
          if (current) {
            current.charEnds[current.charEnds.length - 1] = end;
            current.end = end;
          }
          break;
        case CharClass.Space:
          finishRun();
          break;
        case CharClass.Ampersand:
          finishWord();
          words.push({ text: 'and', start: i, end, charEnds: [end, end, end] });
          break;
        default:
          finishWord();
      }
    }
    i = end;
  }
  finishRun();
  return { words, compounds };
}

/**
 * The form of a ticker used for exact matching: lower case, every run of non-alphanumerics turned into
 * one dot and trimmed, so `BRK.B`, `brk-b`, `brk b` and `$brk.b` all read `brk.b`.
 */
export function tickerLiteralKey(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '');
}

/** The ticker without separators (`brkb`), for class shares typed glued together and for prefixes. */
export function tickerCompactKey(literalKey: string): string {
  return literalKey.replaceAll('.', '');
}
