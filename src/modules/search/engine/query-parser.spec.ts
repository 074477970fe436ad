import { describe, expect, it } from 'vitest';
import { MAX_QUERY_WORDS, parseQuery, parseQueryCached } from './query-parser.js';

const units = (query: string) => parseQuery(query).units.map((u) => `${u.text}${u.allowPrefix ? '*' : ''}/${u.typoBudget}`);

describe('parseQuery', () => {
  it('lets only the last word complete as a prefix, unless a space follows it', () => {
    expect(units('berkshire hath')).toEqual(['berkshire/2', 'hath*/0', 'berkshirehath*/1']);
    expect(units('berkshire hath ')).toEqual(['berkshire/2', 'hath/0', 'berkshirehath/1']);
  });

  it('gives each word its typo budget, and glued forms one typo less per extra word', () => {
    expect(units('jp morgan')).toEqual(['jp/0', 'morgan*/1', 'jpmorgan*/0']);
  });

  it('glues hyphenated words once, not as both a compound and a neighbour pair', () => {
    expect(units('coca-cola')).toEqual(['coca/0', 'cola*/0', 'cocacola*/0']);
  });

  it('makes low-value words optional, unless the query has nothing else', () => {
    const nvidiaCorp = parseQuery('nvidia corp');
    expect(nvidiaCorp.requiredWords).toBe(0b01);
    expect(nvidiaCorp.optionalWords).toBe(0b10);
    expect(parseQuery('the company').requiredWords).toBe(0b11);
  });

  it('lets one unit stand for a word typed twice: johnson & johnson', () => {
    const parsed = parseQuery('johnson & johnson ');
    expect(parsed.units.find((u) => u.text === 'johnson')!.words).toBe(0b101);
  });

  it('reads ticker keys from the raw text', () => {
    expect(parseQuery('BRK-B')).toMatchObject({ tickerLiteral: 'brk.b', tickerCompact: 'brkb', singleToken: true, tickerPrefix: true });
    expect(parseQuery('brk b')).toMatchObject({ tickerLiteral: 'brk.b', singleToken: false, tickerPrefix: false });
  });

  it(`looks at the first ${MAX_QUERY_WORDS} words only`, () => {
    expect(parseQuery('a b c d e f g h i j k l m').wordCount).toBe(MAX_QUERY_WORDS);
  });

  it('parses nothing from punctuation alone', () => {
    expect(parseQuery('—…!?').units).toEqual([]);
  });
});

describe('parseQueryCached', () => {
  it('returns the cached parse for a repeated query', () => {
    expect(parseQueryCached('micros')).toBe(parseQueryCached('micros'));
    expect(parseQueryCached('micros')).toEqual(parseQuery('micros'));
  });
});
