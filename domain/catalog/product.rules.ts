/** How long a product's description may be in a chat answer (catalog and price lines). */
export const SHORT_DESCRIPTION_MAX = 80;

/**
 * A product's description as a chat answer shows it: its first non-blank line, spaces collapsed, cut at
 * a word before `max` characters with "…" when longer. Undefined when there is no description.
 */
export function shortDescription(
  description: string | undefined,
  max = SHORT_DESCRIPTION_MAX,
): string | undefined {
  const line = description
    ?.split(/\r?\n/)
    .map((part) => part.replace(/\s+/g, ' ').trim())
    .find((part) => part.length > 0);
  if (!line) return undefined;
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  // Cut at the last word that fits, unless that leaves too little (one very long word).
  const kept = space >= max / 2 ? cut.slice(0, space) : cut;
  return `${kept.replace(/[\s,.;:–—-]+$/, '')}…`;
}
