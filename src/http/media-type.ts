/**
 * Media types of request headers, parsed as the WHATWG "parse a MIME type" algorithm does (Apollo uses
 * it, through whatwg-mimetype, for its CSRF rule), and remembered: clients send a handful of distinct
 * Content-Type values, again and again.
 */
/** HTTP token code points (RFC 9110 §5.6.2), which the type and subtype of a MIME type must consist of. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * The essence (`type/subtype`, lower-cased) of a MIME type, or null where the WHATWG "parse a MIME type"
 * algorithm that Apollo uses (via whatwg-mimetype) fails. Parameters never make that algorithm fail.
 */
function parseEssence(contentType: string): string | null {
  const trimmed = contentType.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
  const slash = trimmed.indexOf('/');
  if (slash === -1) return null;
  const type = trimmed.slice(0, slash);
  const semicolon = trimmed.indexOf(';', slash);
  const subtype = trimmed.slice(slash + 1, semicolon === -1 ? undefined : semicolon).replace(/[\t\n\r ]+$/, '');
  if (!TOKEN.test(type) || !TOKEN.test(subtype)) return null;
  return `${type}/${subtype}`.toLowerCase();
}

/** Clients send a handful of distinct content types; parsing each once keeps the hit path cheap. */
const essences = new Map<string, string | null>();
const MAX_REMEMBERED_TYPES = 64;

/**
 * The essence (`type/subtype`, lower-cased) of a Content-Type header, or null when it does not parse.
 */
export function mediaTypeEssence(contentType: string): string | null {
  let essence = essences.get(contentType);
  if (essence === undefined) {
    essence = parseEssence(contentType);
    if (essences.size < MAX_REMEMBERED_TYPES) essences.set(contentType, essence);
  }
  return essence;
}
