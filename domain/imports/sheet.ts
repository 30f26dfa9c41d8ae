/**
 * An uploaded sheet (.xlsx or .csv) read into a header row and data rows, numbered as the spreadsheet
 * shows them (the header is row 1 when it is the first line), with limits checked before anything is
 * parsed in full: the row count, and for .xlsx the unzipped size (a small zip can hold gigabytes).
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { type CellInput, cellText } from './cells.js';
import { unzippedSize } from './zip.js';

/** Most data rows an import takes; a longer file is refused up front (split it). */
export const MAX_IMPORT_ROWS = 20_000;
/** Largest unzipped .xlsx content read: far above 20,000 rows of contacts or products. */
export const MAX_UNZIPPED_BYTES = 64 * 1024 * 1024;

export type SheetFormat = 'xlsx' | 'csv';

export interface SheetRow {
  /** As the spreadsheet numbers it: the header row is usually 1, the first data row 2. */
  row: number;
  cells: CellInput[];
}

export interface Sheet {
  headers: string[];
  rows: SheetRow[];
}

export type SheetFailure =
  | { ok: false; code: 'IMPORT.INVALID'; details: string }
  | { ok: false; code: 'IMPORT.TOO_MANY_ROWS'; details: string; maxRows: number };

export type SheetResult = { ok: true; sheet: Sheet } | SheetFailure;

const invalid = (details: string): SheetFailure => ({ ok: false, code: 'IMPORT.INVALID', details });
const tooMany = (rows: number, maxRows: number): SheetFailure => ({
  ok: false,
  code: 'IMPORT.TOO_MANY_ROWS',
  details: `the file has ${rows} data rows; at most ${maxRows} are imported at once (split the file)`,
  maxRows,
});

// ── CSV ───────────────────────────────────────────────────────────────────────────────────────────────

const DELIMITERS = [';', ',', '\t'] as const;

/**
 * The delimiter of a CSV: an Excel `sep=;` first line says it; otherwise whichever of `;`, `,` and tab
 * appears most often outside quotes in the first line (Indonesian Excel writes `;`, since `,` is the
 * decimal comma there). A tie or none is `,`.
 */
export function detectDelimiter(firstLine: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((delimiter) => [delimiter, 0]));
  let quoted = false;
  for (const char of firstLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  const [best] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  return best && best[1] > 0 && best[1] > (counts.get(',') ?? 0) ? best[0] : ',';
}

export type CsvResult = { ok: true; records: string[][] } | { ok: false; details: string };

/**
 * Parse CSV text (RFC 4180): fields split by `delimiter`, records by CRLF, LF or CR; a field in double
 * quotes may hold the delimiter, line breaks and `""` for a quote. A quote inside an unquoted field is
 * taken literally, as Excel does. A UTF-8 BOM and a `sep=` line are dropped.
 */
export function parseCsv(input: string, delimiter?: string): CsvResult {
  let text = input.replace(/^\ufeff/, '');
  const sep = /^sep=(.)\r?\n/i.exec(text);
  if (sep) text = text.slice(sep[0].length);
  const firstLine = text.slice(0, Math.max(0, text.search(/\r|\n/)) || text.length);
  const split = delimiter ?? sep?.[1] ?? detectDelimiter(firstLine);

  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char !== '"') field += char;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
      continue;
    }
    if (char === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
    } else if (char === split) {
      record.push(field);
      field = '';
      fieldStart = true;
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      fieldStart = true;
    } else {
      field += char;
      fieldStart = false;
    }
  }
  if (quoted) return { ok: false, details: `row ${records.length + 1}: a quoted field is never closed` };
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return { ok: true, records };
}

const isBlank = (cells: readonly CellInput[]) => cells.every((value) => cellText(value) === '');

/** Header and data rows from records: the first non-blank record is the header; blank rows are skipped. */
function fromRecords(records: readonly { row: number; cells: CellInput[] }[], maxRows: number): SheetResult {
  const headerIndex = records.findIndex((record) => !isBlank(record.cells));
  if (headerIndex < 0) return invalid('the file is empty: no header row');
  const headers = records[headerIndex]!.cells.map((value) => cellText(value));
  const rows = records.slice(headerIndex + 1).filter((record) => !isBlank(record.cells));
  if (rows.length > maxRows) return tooMany(rows.length, maxRows);
  return { ok: true, sheet: { headers, rows } };
}

function readCsv(data: Buffer, maxRows: number): SheetResult {
  const parsed = parseCsv(data.toString('utf8'));
  if (!parsed.ok) return invalid(`not a readable CSV: ${parsed.details}`);
  return fromRecords(
    parsed.records.map((cells, index) => ({ row: index + 1, cells })),
    maxRows,
  );
}

// ── XLSX ──────────────────────────────────────────────────────────────────────────────────────────────

/** One exceljs cell value as a plain value: rich text and links as their text, formulas as their result. */
function plainValue(value: ExcelJS.CellValue): CellInput {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : null;
  if ('result' in value) return value.result === undefined ? null : plainValue(value.result);
  // An error cell (#N/A, #REF!) or a formula without a cached result holds no value.
  return null;
}

/** Sheets that explain the template rather than hold data. */
const HELP_SHEETS = /^(petunjuk|instructions?|help|bantuan)$/i;

async function readXlsx(data: Buffer, maxRows: number, maxUnzipped: number): Promise<SheetResult> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch {
    // Not a zip at all, though the bytes started like one: the upload is broken, nothing of ours.
    return invalid('not a readable .xlsx file (save it again from Excel, or as CSV UTF-8)');
  }
  if ((await unzippedSize(zip, maxUnzipped)) > maxUnzipped)
    return invalid(`the .xlsx unpacks to more than ${maxUnzipped / 2 ** 20} MB; split the file`);
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own global `Buffer extends ArrayBuffer`, which node's Buffer no longer fits;
    // it hands the bytes to JSZip, which takes a plain ArrayBuffer just as well.
    await workbook.xlsx.load(new Uint8Array(data).buffer);
  } catch (error) {
    return invalid(`not a readable .xlsx file: ${error instanceof Error ? error.message : String(error)}`);
  }
  const worksheet =
    workbook.worksheets.find((candidate) => !HELP_SHEETS.test(candidate.name.trim())) ??
    workbook.worksheets[0];
  if (!worksheet) return invalid('the workbook has no sheet');
  // Rows holding a value, the header among them: refused before a single row is read.
  if (worksheet.actualRowCount - 1 > maxRows) return tooMany(worksheet.actualRowCount - 1, maxRows);
  const records: { row: number; cells: CellInput[] }[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellInput[] = [];
    for (let column = 1; column <= row.cellCount; column++) cells.push(plainValue(row.getCell(column).value));
    records.push({ row: rowNumber, cells });
  });
  return fromRecords(records, maxRows);
}

/** Read an uploaded sheet: its header row and its non-blank data rows, at most `maxRows`. */
export async function readSheet(
  data: Buffer,
  format: SheetFormat,
  options: { maxRows?: number; maxUnzippedBytes?: number } = {},
): Promise<SheetResult> {
  const maxRows = options.maxRows ?? MAX_IMPORT_ROWS;
  return format === 'csv'
    ? readCsv(data, maxRows)
    : readXlsx(data, maxRows, options.maxUnzippedBytes ?? MAX_UNZIPPED_BYTES);
}
