import type { Span } from './types.js';

/**
 * Blank out spans that an extractor already read, keeping every other offset where it was, so a later
 * extractor never reads the same characters again (the 20 of "tgl 20" is not a quantity).
 */
export function maskSpans(text: string, spans: readonly Span[]): string {
  let out = '';
  let offset = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const start = Math.max(offset, span.start);
    if (span.end <= start) continue;
    out += text.slice(offset, start) + ' '.repeat(span.end - start);
    offset = span.end;
  }
  return out + text.slice(offset);
}
