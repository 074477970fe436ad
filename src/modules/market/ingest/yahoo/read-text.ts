/**
 * Reads a response body with a ceiling. `response.text()` would buffer whatever a misbehaving server
 * streams at us; a chart is at most a few hundred kilobytes, so anything far larger is refused after
 * the first bytes past the limit instead of after it has filled the heap.
 */

export interface BodyText {
  /** The body decoded as UTF-8, up to the limit. */
  text: string;
  /** False when the body was longer than the limit and reading stopped there. */
  complete: boolean;
}

/** Stream errors (a reset mid-body) and aborts reject, as they would from `response.text()`. */
export async function readText(response: Response, maxBytes: number): Promise<BodyText> {
  if (!response.body) return { text: '', complete: true };
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text: text + decoder.decode(), complete: true };
    const room = maxBytes - bytes;
    bytes += value.byteLength;
    if (value.byteLength > room) {
      text += decoder.decode(value.subarray(0, room));
      // Cancelling tells undici we are done, so the connection is dropped rather than drained.
      await reader.cancel().catch(() => undefined);
      return { text, complete: false };
    }
    text += decoder.decode(value, { stream: true });
  }
}
