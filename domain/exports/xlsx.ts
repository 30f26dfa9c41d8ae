import type { Writable } from 'node:stream';
import { tzOffset } from '@date-fns/tz';
import ExcelJS from 'exceljs';

/** How a column's cells are written and shown. */
export type ColumnType = 'text' | 'number' | 'rupiah' | 'date' | 'datetime' | 'percent';

/** What a column's `value` may return for each type; null and undefined leave the cell empty. */
interface ValueOfType {
  text: string;
  number: number;
  /** Integer rupiah. */
  rupiah: number;
  /** An instant (shown as the shop's day), or a shop-local day already written as YYYY-MM-DD. */
  date: Date | string;
  /** An instant, shown as the shop's wall clock. */
  datetime: Date;
  /** A fraction: 0.25 shows as 25.0%. */
  percent: number;
}

/** One column of a sheet: its header, its type and how to read its value from a row. */
export type Column<Row> = {
  [T in ColumnType]: {
    header: string;
    type: T;
    /** In characters; a default per type otherwise. */
    width?: number;
    value: (row: Row) => ValueOfType[T] | null | undefined;
  };
}[ColumnType];

type Cell = ValueOfType[ColumnType] | null | undefined;

/** A sheet ready to write: its columns and its rows as cell values, read lazily. */
export interface Sheet {
  name: string;
  columns: readonly Pick<Column<never>, 'header' | 'type' | 'width'>[];
  rows: AsyncIterable<readonly Cell[]>;
}

/** Build a sheet from typed columns and rows (a mongoose cursor, a generator or an array). */
export function sheet<Row>(
  name: string,
  columns: readonly Column<Row>[],
  rows: AsyncIterable<Row> | Iterable<Row>,
): Sheet {
  async function* cells(): AsyncGenerator<readonly Cell[]> {
    for await (const row of rows) yield columns.map((column) => column.value(row));
  }
  return {
    name,
    columns: columns.map(({ header, type, width }) => ({ header, type, ...(width && { width }) })),
    rows: cells(),
  };
}

/** Excel number formats; a rupiah amount stays a number the shop can sum. */
export const NUMBER_FORMATS: Record<ColumnType, string | undefined> = {
  text: undefined,
  number: undefined,
  rupiah: '"Rp"#,##0',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
  percent: '0.0%',
};

const WIDTHS: Record<ColumnType, number> = {
  text: 22,
  number: 10,
  rupiah: 15,
  date: 12,
  datetime: 17,
  percent: 9,
};

/**
 * One style object per type, shared by every cell of that type: exceljs looks a style up by object
 * identity first, so 100k rows cost one style each rather than one per cell.
 */
const CELL_STYLES: Record<ColumnType, Partial<ExcelJS.Style>> = Object.fromEntries(
  Object.entries(NUMBER_FORMATS).map(([type, numFmt]) => [type, numFmt ? { numFmt } : {}]),
) as Record<ColumnType, Partial<ExcelJS.Style>>;
const HEADER_STYLE: Partial<ExcelJS.Style> = { font: { bold: true } };

/** Rows written between checks of what is waiting to be compressed or sent. */
const CHECK_EVERY = 200;
/** Bytes of sheet XML allowed to wait for the zip's deflate before rows are read again. */
const MAX_BACKLOG = 1 << 20;

const cutOffError = () => new Error('the export was cut off: its destination closed');

/** Excel refuses sheet names over 31 characters or with any of []:*?/\ in them. */
const sheetName = (name: string, index: number): string =>
  name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || `Sheet${index + 1}`;

/**
 * exceljs writes a Date as its UTC wall clock, and Excel has no zones: move the instant by the zone's
 * offset at that instant so the cell shows the shop's wall clock (00:30 WIB, not 17:30 the day before).
 */
function wallClock(at: Date, timeZone: string): Date {
  return new Date(at.getTime() + tzOffset(timeZone, at) * 60_000);
}

function cellValue(type: ColumnType, value: Cell, timeZone: string): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (type === 'date') {
    if (typeof value === 'string') {
      const [y, m, d] = value.split('-').map(Number) as [number, number, number];
      return new Date(Date.UTC(y, m - 1, d));
    }
    if (value instanceof Date) {
      const local = wallClock(value, timeZone);
      return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
    }
  }
  if (type === 'datetime' && value instanceof Date) return wallClock(value, timeZone);
  return value;
}

/**
 * Write sheets as one .xlsx to `stream`, row by row: each row is committed (serialised and let go) as
 * soon as it is written, so memory stays flat however many rows come; the writer waits whenever the
 * destination is backed up (a slow download), and stops reading rows when the destination closes.
 * Dates show the shop's wall clock in `timeZone`, rupiah are numbers formatted "Rp", the header row is
 * bold and frozen with an autofilter. Resolves with the rows written per sheet once the file is complete;
 * rejects if a row source fails or the destination closes first (the caller ends the response).
 */
export async function writeXlsx(
  stream: Writable,
  sheets: readonly Sheet[],
  options: { timeZone: string },
): Promise<{ rows: number[] }> {
  let closed = false;
  // Closed before everything was written: the download was cancelled (or the connection dropped).
  let cutOff: () => void = () => {};
  const cut = new Promise<never>((_, reject) => {
    cutOff = () => {
      closed = true;
      if (!stream.writableFinished) reject(cutOffError());
    };
  });
  cut.catch(() => {});
  stream.once('close', cutOff);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: false,
  });
  const counts: number[] = [];
  try {
    for (const [index, spec] of sheets.entries()) {
      const worksheet = workbook.addWorksheet(sheetName(spec.name, index), {
        views: [{ state: 'frozen', ySplit: 1 }],
      });
      worksheet.columns = spec.columns.map((column) => ({
        width: column.width ?? Math.max(WIDTHS[column.type], column.header.length + 2),
      }));
      const header = worksheet.getRow(1);
      spec.columns.forEach((column, at) => {
        const cell = header.getCell(at + 1);
        cell.value = column.header;
        cell.style = HEADER_STYLE;
      });
      header.commit();
      const backlog = zipBacklog(worksheet);
      let written = 0;
      for await (const values of spec.rows) {
        if (closed) throw cutOffError();
        const row = worksheet.getRow(written + 2);
        spec.columns.forEach((column, at) => {
          const value = cellValue(column.type, values[at], options.timeZone);
          if (value === null) return;
          const cell = row.getCell(at + 1);
          cell.value = value;
          cell.style = CELL_STYLES[column.type];
        });
        row.commit();
        written += 1;
        if (written % CHECK_EVERY === 0) await catchUp(stream, backlog, () => closed);
      }
      worksheet.autoFilter = {
        from: { row: 1, column: 1 },
        to: { row: written + 1, column: Math.max(1, spec.columns.length) },
      };
      worksheet.commit();
      counts.push(written);
    }
    // Committing waits for the zip to flush into the destination, which never happens once it closed.
    await Promise.race([workbook.commit(), cut]);
    return { rows: counts };
  } finally {
    stream.off('close', cutOff);
  }
}

/**
 * Bytes of a sheet's XML that exceljs has handed to its zip and the zip has not compressed yet, or
 * undefined when exceljs is not built as expected. exceljs (4.4) writes committed rows into a buffer
 * piped to archiver without ever waiting for it, so when rows come faster than deflate compresses them
 * (a fast cursor, or a slow download backing the zip up) the whole sheet would pile up in memory. No
 * public API shows that queue; this reads it from the stream between the two (worksheet.stream.pipes[0],
 * a readable-stream PassThrough). xlsx.test.ts checks the probe still finds it.
 */
export function zipBacklog(worksheet: unknown): (() => number) | undefined {
  const sheetStream = (worksheet as { stream?: { pipes?: unknown } } | null)?.stream;
  const pipe = Array.isArray(sheetStream?.pipes) ? (sheetStream.pipes[0] as unknown) : undefined;
  const state = (pipe as { _writableState?: { length?: unknown } } | undefined)?._writableState;
  if (typeof state?.length !== 'number') return undefined;
  return () => (typeof state.length === 'number' ? state.length : 0);
}

/** Wait while the zip or the destination is backed up; give up when the destination closes. */
async function catchUp(stream: Writable, backlog: (() => number) | undefined, isClosed: () => boolean) {
  while (!isClosed() && ((backlog?.() ?? 0) > MAX_BACKLOG || stream.writableNeedDrain))
    await new Promise((resolve) => setTimeout(resolve, 5));
}
