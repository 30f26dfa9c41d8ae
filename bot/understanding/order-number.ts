/**
 * Order numbers as customers paste or retype them: "ORD-202611-0042", "ord 202611 0042", "#ORD202611-42",
 * "ORD2026110042", and "202611-0042" after "pesanan"/"order"/"no"/"#". Always returned as ORD-YYYYMM-NNNN.
 * The year-month must be a real month, and the sequence must end there (an ORD-20240127-001 from
 * another system is not read as ours).
 */
import type { Span } from './types.js';

export interface OrderNumberMatch extends Span {
  orderNumber: string;
}

const WITH_PREFIX =
  /(?<![\p{L}\p{N}])#?ord(?:er)?[\s_#:.-]*(20\d{2})[\s_.-]?(0[1-9]|1[0-2])(?:[\s_./-]+(\d{1,4})|(\d{4}))(?![\p{N}])/gu;
const AFTER_CONTEXT =
  /(?:\b(?:pesanan|order|orderan|nomor|no|invoice)|#)\s*(?:pesanan|order)?\s*[:#.]?\s*(20\d{2})(0[1-9]|1[0-2])[\s/-]?(\d{4})(?![\p{N}])/dgu;
const BARE_WITH_DASH = /(?<![\p{L}\p{N}/.-])(20\d{2})(0[1-9]|1[0-2])-(\d{4})(?![\p{N}-])/gu;

const format = (year: string, month: string, sequence: string) =>
  `ORD-${year}${month}-${sequence.padStart(4, '0')}`;

/** The first order number in a normalised (lowercased) text, or null. */
export function findOrderNumber(text: string): OrderNumberMatch | null {
  if (!/20\d{2}[\s_.-]?[01]\d/.test(text)) return null;
  for (const regex of [WITH_PREFIX, AFTER_CONTEXT, BARE_WITH_DASH]) {
    for (const match of text.matchAll(regex)) {
      const sequence = match[3] ?? match[4];
      if (!sequence || Number(sequence) === 0) continue;
      // After "pesanan"/"no", only the number itself is the order number's text.
      const start = regex === AFTER_CONTEXT ? match.indices![1]![0] : match.index;
      return {
        start,
        end: match.index + match[0].length,
        orderNumber: format(match[1]!, match[2]!, sequence),
      };
    }
  }
  return null;
}
