/**
 * Picks the content coding for a response from the client's Accept-Encoding header (RFC 9110 §12.5.3).
 *
 * The edge keeps each cached body in three forms (br, gzip, identity), so this only has to choose among
 * those: the coding with the highest q wins, br before gzip when they tie because it is smaller for JSON.
 */

export type ContentEncoding = 'br' | 'gzip' | 'identity';

/** The q of each listed coding (lower-cased); a coding absent from the map was not listed. */
function parseQualities(acceptEncoding: string): Map<string, number> {
  const qualities = new Map<string, number>();
  for (const element of acceptEncoding.split(',')) {
    const [rawCoding = '', ...params] = element.split(';');
    const coding = rawCoding.trim().toLowerCase();
    if (coding === '') continue;
    let q = 1;
    for (const param of params) {
      const [name = '', value = ''] = param.split('=');
      if (name.trim().toLowerCase() !== 'q') continue;
      // A q outside the grammar (not a number, above 1) makes the whole element unreadable: skip it
      // rather than guess, so a garbled element never enables a coding the client did not ask for.
      q = /^\s*(0(\.\d{0,3})?|1(\.0{0,3})?)\s*$/.test(value) ? Number(value) : Number.NaN;
    }
    if (Number.isNaN(q)) continue;
    // `x-gzip` is gzip under its old name (RFC 9110 §8.4.1.3).
    const name = coding === 'x-gzip' ? 'gzip' : coding;
    if (!qualities.has(name)) qualities.set(name, q);
  }
  return qualities;
}

/** Clients send a few distinct Accept-Encoding values, again and again: each is parsed once. */
const negotiated = new Map<string, ContentEncoding>();
const MAX_REMEMBERED_HEADERS = 64;

export function negotiateEncoding(acceptEncoding: string | undefined): ContentEncoding {
  // No header means "anything", but a client that says nothing may also not cope with a compressed body
  // (curl without --compressed): identity is the answer that always works.
  if (acceptEncoding === undefined) return 'identity';
  let encoding = negotiated.get(acceptEncoding);
  if (encoding === undefined) {
    encoding = negotiate(acceptEncoding);
    if (negotiated.size < MAX_REMEMBERED_HEADERS) negotiated.set(acceptEncoding, encoding);
  }
  return encoding;
}

function negotiate(acceptEncoding: string): ContentEncoding {
  const qualities = parseQualities(acceptEncoding);
  const wildcard = qualities.get('*');
  const qualityOf = (coding: ContentEncoding) => qualities.get(coding) ?? wildcard;

  const br = qualityOf('br') ?? 0;
  const gzip = qualityOf('gzip') ?? 0;
  const best: ContentEncoding = br >= gzip ? 'br' : 'gzip';
  const bestQ = Math.max(br, gzip);
  if (bestQ <= 0) return 'identity';
  // Only a client that ranks identity itself above every compression gets it uncompressed; an unranked
  // identity is merely "acceptable" and does not beat an explicit wish for br or gzip.
  const identity = qualityOf('identity');
  return identity !== undefined && identity > bestQ ? 'identity' : best;
}
