/** Quantities (stock, bill of materials, adjustments) are kept to this many decimals: 0.125 kg, 1.5 m. */
export const QUANTITY_DECIMALS = 3;
const SCALE = 10 ** QUANTITY_DECIMALS;

/** A quantity rounded to QUANTITY_DECIMALS, so 10 − 0.1 − 0.2 shows as 9.7, not 9.700000000000001. */
export function roundQty(value: number): number {
  return Math.round(value * SCALE) / SCALE;
}

/** A case-insensitive, whole-value regex match for a text typed by staff (regex characters escaped). */
export function exactly(text: string): RegExp {
  return new RegExp(`^${escapeRegex(text.trim())}$`, 'i');
}

/** `text` with every regex character escaped, for matching it literally. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
