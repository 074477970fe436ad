/**
 * The final newline of a response body. Apollo's default stringifyResult is `JSON.stringify(x) + '\n'`: a
 * rope that the first read of its length or bytes copies flat again, a second full copy of every large
 * answer (a tenth of a cold chart's garbage). Our stringifyResult (src/graphql/apollo.ts) leaves the newline
 * out and the writers add it here, into the bytes, so clients get exactly the bytes Apollo's default
 * sends. Bodies that already end in one (Apollo's own HTTP-level errors) are left as they are.
 */
const NEWLINE = 0x0a;

const endsWithNewline = (text: string) => text.charCodeAt(text.length - 1) === NEWLINE;

/** The body as text, ending in a newline (for small bodies, which Node writes in one piece with the headers). */
export function bodyText(text: string): string {
  return endsWithNewline(text) ? text : `${text}\n`;
}

/** The body's UTF-8 bytes, ending in a newline, without first joining the newline to the text. */
export function bodyBytes(text: string): Buffer {
  const newline = endsWithNewline(text) ? 0 : 1;
  const length = Buffer.byteLength(text, 'utf8');
  const bytes = Buffer.allocUnsafe(length + newline);
  bytes.write(text, 0, length, 'utf8');
  if (newline === 1) bytes[length] = NEWLINE;
  return bytes;
}
