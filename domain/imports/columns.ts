/**
 * Which column of a sheet is which field: headers are matched case-, space- and punctuation-insensitively
 * against Indonesian and English aliases ("No. HP", "no hp" and "NoHP" are one header).
 */

/** One field an import reads, and the headers it is known by. */
export interface ColumnSpec<Field extends string = string> {
  field: Field;
  /** The header the template writes (Indonesian). */
  label: string;
  /** Every header accepted for the field, the label among them. */
  aliases: readonly string[];
  /** The column must be there for the file to be read at all. */
  required?: boolean;
  /** What the template's help sheet says about it (Indonesian). */
  help: string;
  /** The template's example value. */
  example: string | number;
}

/** A header reduced to lower-case letters and digits: "No. HP" → "nohp", "Nama lain" → "namalain". */
export function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

export interface ColumnMap<Field extends string> {
  /** Field → index of its column, and the header as the file wrote it. */
  columns: Map<Field, { index: number; header: string }>;
  /** Headers that name no field, or a field an earlier column already gave (the first one wins). */
  ignored: string[];
  /** Required fields without a column. */
  missing: ColumnSpec<Field>[];
}

/** Match a sheet's headers to the fields of an import. */
export function mapColumns<Field extends string>(
  headers: readonly string[],
  specs: readonly ColumnSpec<Field>[],
): ColumnMap<Field> {
  const byAlias = new Map<string, Field>();
  for (const spec of specs) for (const alias of spec.aliases) byAlias.set(headerKey(alias), spec.field);
  const columns = new Map<Field, { index: number; header: string }>();
  const ignored: string[] = [];
  headers.forEach((header, index) => {
    if (!header) return;
    const field = byAlias.get(headerKey(header));
    if (field && !columns.has(field)) columns.set(field, { index, header });
    else ignored.push(header);
  });
  const missing = specs.filter((spec) => spec.required && !columns.has(spec.field));
  return { columns, ignored, missing };
}
