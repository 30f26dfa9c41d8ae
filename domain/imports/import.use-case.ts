/**
 * Importing contacts or products from a sheet, previewed or applied the same way: rows in file order,
 * a chunk at a time, each compared with the record its key names (after the file's earlier rows, so a
 * person listed twice is created once and then updated or unchanged). A preview writes nothing. An
 * applied import runs as a job that records its progress every chunk; each row is its own idempotent
 * write through the domain's use cases (no transactions), so importing the same file again, or again
 * after an interruption, changes nothing that was already applied. Rows with errors are skipped and
 * reported; the other rows are applied.
 */
import { type Connection, isValidObjectId } from 'mongoose';
import type { Actor } from '../audit/audit.model.js';
import { audit } from '../audit/audit.use-case.js';
import type { Clock } from '../platform/clock.js';
import { describeError } from '../platform/errors.js';
import type { Logger } from '../platform/logger.js';
import type { CellInput } from './cells.js';
import { type ColumnMap, mapColumns } from './columns.js';
import type { FieldChange, ImportContext, ImportDefinition } from './import.definition.js';
import { type ImportJob, importModel, MAX_KEPT_ERRORS, type RowError } from './import.model.js';
import type { Sheet } from './sheet.js';

/** Rows compared (and applied) per round trip; also how often an applied import records its progress. */
export const CHUNK_ROWS = 200;
/** Row results a preview lists (its counts and errors cover every row). */
export const PREVIEW_ROWS = 200;
/** A running import whose progress has not moved for this long was interrupted (its process stopped). */
export const STALE_IMPORT_MS = 5 * 60_000;

export type RowAction = 'create' | 'update' | 'unchanged' | 'error';

/** What importing one row does (or would do). */
export interface RowResult {
  row: number;
  /** The row's key (E.164 phone, sku), when it has a valid one. */
  key?: string;
  action: RowAction;
  /** For create and update: each field set, before → after (before is null on create). */
  changes?: Record<string, FieldChange>;
  errors?: RowError[];
}

export interface ImportCounts {
  create: number;
  update: number;
  unchanged: number;
  error: number;
}

export interface ImportPreview {
  kind: ImportDefinition<unknown, unknown>['kind'];
  filename: string;
  /** Data rows in the file. */
  total: number;
  counts: ImportCounts;
  /** Which header was read as which field. */
  columns: { field: string; header: string }[];
  /** Headers that matched no field (or repeated one), not read. */
  ignoredColumns: string[];
  /** The first PREVIEW_ROWS rows' results. */
  rows: RowResult[];
  /** Every error of every row. */
  errors: RowError[];
}

export type ImportFailure = { ok: false; code: 'IMPORT.INVALID'; details: string; missing: string[] };

/** The fields of the sheet's columns, or a refusal naming the required columns it lacks. */
function columnsOf<Row, State>(
  definition: ImportDefinition<Row, State>,
  sheet: Sheet,
): { ok: true; map: ColumnMap<string> } | ImportFailure {
  const map = mapColumns(sheet.headers, definition.columns);
  if (map.missing.length === 0) return { ok: true, map };
  return {
    ok: false,
    code: 'IMPORT.INVALID',
    details: map.missing
      .map(
        (spec) =>
          `no ${spec.field} column: name one of ${spec.aliases.map((alias) => `"${alias}"`).join(', ')} ` +
          `(the headers are ${sheet.headers.map((header) => `"${header}"`).join(', ') || 'empty'})`,
      )
      .join('; '),
    missing: map.missing.map((spec) => spec.field),
  };
}

type ParsedRow<Row> =
  | { ok: true; row: number; value: Row; key: string }
  | { ok: false; row: number; errors: RowError[] };

function parseRow<Row, State>(
  definition: ImportDefinition<Row, State>,
  map: ColumnMap<string>,
  row: { row: number; cells: CellInput[] },
): ParsedRow<Row> {
  // A field without a column reads as a blank cell.
  const record: Record<string, CellInput> = {};
  for (const { field } of definition.columns) {
    const column = map.columns.get(field);
    record[field] = column ? (row.cells[column.index] ?? null) : null;
  }
  const parsed = definition.schema.safeParse(record);
  if (parsed.success)
    return { ok: true, row: row.row, value: parsed.data, key: definition.keyOf(parsed.data) };
  return {
    ok: false,
    row: row.row,
    errors: parsed.error.issues.map((issue) =>
      rowError(map, row.row, String(issue.path[0] ?? 'row'), issue.message),
    ),
  };
}

function rowError(map: ColumnMap<string>, row: number, field: string, message: string): RowError {
  const header = map.columns.get(field)?.header;
  return { row, field, ...(header !== undefined && { column: header }), message };
}

/**
 * Every row's result, a chunk at a time. Without `apply` nothing is written and each planned record is
 * carried forward in memory; with it, each create or update goes through the definition's use cases
 * and the record as written is carried forward. `context` gives the actor and, per chunk, the time.
 */
async function* walk<Row, State>(
  connection: Connection,
  definition: ImportDefinition<Row, State>,
  sheet: Sheet,
  map: ColumnMap<string>,
  apply?: { actor: Actor; clock: Clock },
): AsyncGenerator<RowResult[]> {
  // Each key's record as the rows so far left it; null: loaded, and there is none.
  const known = new Map<string, State | null>();
  for (let start = 0; start < sheet.rows.length; start += CHUNK_ROWS) {
    const parsed = sheet.rows.slice(start, start + CHUNK_ROWS).map((row) => parseRow(definition, map, row));
    const keys = [...new Set(parsed.flatMap((row) => (row.ok && !known.has(row.key) ? [row.key] : [])))];
    if (keys.length > 0) {
      const loaded = await definition.load(connection, keys);
      for (const key of keys) known.set(key, loaded.get(key) ?? null);
    }
    const context: ImportContext | undefined = apply && { actor: apply.actor, at: apply.clock.now() };
    const results: RowResult[] = [];
    for (const row of parsed) {
      if (!row.ok) {
        results.push({ row: row.row, action: 'error', errors: row.errors });
        continue;
      }
      const current = known.get(row.key) ?? undefined;
      const planned = definition.plan(row.value, current);
      if (planned.action === 'error') {
        const errors = planned.problems.map((problem) =>
          rowError(map, row.row, problem.field, problem.message),
        );
        results.push({ row: row.row, key: row.key, action: 'error', errors });
        continue;
      }
      const result: RowResult = { row: row.row, key: row.key, action: planned.action };
      if (planned.action !== 'unchanged') result.changes = planned.changes;
      if (!context || planned.action === 'unchanged') {
        if (!context) known.set(row.key, planned.next);
        results.push(result);
        continue;
      }
      const applied = await definition.apply(connection, row.value, current, planned, context);
      if (!applied.ok) {
        const errors = [rowError(map, row.row, applied.field, applied.message)];
        results.push({ row: row.row, key: row.key, action: 'error', errors });
        continue;
      }
      known.set(row.key, applied.state);
      results.push(result);
    }
    yield results;
  }
}

const countsOf = (): ImportCounts => ({ create: 0, update: 0, unchanged: 0, error: 0 });

/** What importing the sheet would do, row by row; writes nothing. */
export async function previewImport<Row, State>(
  connection: Connection,
  definition: ImportDefinition<Row, State>,
  input: { filename: string; sheet: Sheet },
): Promise<({ ok: true } & ImportPreview) | ImportFailure> {
  const columns = columnsOf(definition, input.sheet);
  if (!columns.ok) return columns;
  const counts = countsOf();
  const rows: RowResult[] = [];
  const errors: RowError[] = [];
  for await (const results of walk(connection, definition, input.sheet, columns.map)) {
    for (const result of results) {
      counts[result.action] += 1;
      if (rows.length < PREVIEW_ROWS) rows.push(result);
      if (result.errors) errors.push(...result.errors);
    }
  }
  return {
    ok: true,
    kind: definition.kind,
    filename: input.filename,
    total: input.sheet.rows.length,
    counts,
    columns: [...columns.map.columns].map(([field, { header }]) => ({ field, header })),
    ignoredColumns: columns.map.ignored,
    rows,
    errors,
  };
}

export interface StartImportOptions {
  actor: Actor;
  clock: Clock;
  log: Logger;
}

/**
 * Start applying a sheet: the job is recorded (status running) before this returns, and `finished`
 * settles once every row was handled, the job then done, or failed with why. `finished` never rejects.
 */
export async function startImport<Row, State>(
  connection: Connection,
  definition: ImportDefinition<Row, State>,
  input: { filename: string; sheet: Sheet },
  options: StartImportOptions,
): Promise<{ ok: true; job: ImportJob; finished: Promise<ImportJob> } | ImportFailure> {
  const columns = columnsOf(definition, input.sheet);
  if (!columns.ok) return columns;
  const at = options.clock.now();
  const job = (
    await importModel(connection).create({
      kind: definition.kind,
      filename: input.filename,
      total: input.sheet.rows.length,
      status: 'running',
      startedBy: options.actor,
      startedAt: at,
      heartbeatAt: at,
    })
  ).toObject() as ImportJob;
  await audit(
    connection,
    {
      entity: 'import',
      entityId: job._id,
      action: 'started',
      actor: options.actor,
      after: { kind: job.kind, filename: job.filename, total: job.total },
    },
    at,
  );
  const finished = runImport(connection, definition, job, input.sheet, columns.map, options);
  return { ok: true, job, finished };
}

async function runImport<Row, State>(
  connection: Connection,
  definition: ImportDefinition<Row, State>,
  job: ImportJob,
  sheet: Sheet,
  map: ColumnMap<string>,
  options: StartImportOptions,
): Promise<ImportJob> {
  const jobs = importModel(connection);
  const progress = { done: 0, created: 0, updated: 0, unchanged: 0, errorRows: 0 };
  const rowErrors: RowError[] = [];
  try {
    for await (const results of walk(connection, definition, sheet, map, options)) {
      for (const result of results) {
        progress.done += 1;
        if (result.action === 'create') progress.created += 1;
        else if (result.action === 'update') progress.updated += 1;
        else if (result.action === 'unchanged') progress.unchanged += 1;
        else {
          progress.errorRows += 1;
          for (const error of result.errors ?? [])
            if (rowErrors.length < MAX_KEPT_ERRORS) rowErrors.push(error);
        }
      }
      await jobs.updateOne(
        { _id: job._id },
        { $set: { ...progress, rowErrors, heartbeatAt: options.clock.now() } },
      );
    }
    const finishedAt = options.clock.now();
    await jobs.updateOne({ _id: job._id }, { $set: { status: 'done', finishedAt, heartbeatAt: finishedAt } });
    await audit(
      connection,
      {
        entity: 'import',
        entityId: job._id,
        action: 'finished',
        actor: options.actor,
        after: { kind: job.kind, filename: job.filename, total: job.total, ...progress },
      },
      finishedAt,
    );
  } catch (error) {
    // A bug or a lost database mid-import: the rows applied so far stay applied (each is idempotent),
    // and the job says it stopped, so the shop imports the same file again.
    options.log.error({ err: error, importId: String(job._id) }, 'import failed');
    const finishedAt = options.clock.now();
    await jobs
      .updateOne(
        { _id: job._id },
        { $set: { status: 'failed', failure: describeError(error), finishedAt, heartbeatAt: finishedAt } },
      )
      .catch((updateError: unknown) =>
        options.log.error({ err: updateError, importId: String(job._id) }, 'import failure not recorded'),
      );
  }
  const final = await jobs
    .findById(job._id)
    .lean<ImportJob>()
    .catch((error: unknown) => {
      // The outcome is on the job (or logged above); the caller only gets a copy of it.
      options.log.warn({ err: error, importId: String(job._id) }, 'import outcome not read back');
      return null;
    });
  return final ?? { ...job, ...progress, rowErrors };
}

export type GetImportResult =
  | { ok: true; job: ImportJob }
  | { ok: false; code: 'IMPORT.NOT_FOUND'; details: string };

/**
 * An import job as it stands. One still marked running whose progress has not moved for
 * STALE_IMPORT_MS was cut off (the console restarted): it is marked failed, saying so.
 */
export async function getImport(connection: Connection, id: string, now: Date): Promise<GetImportResult> {
  const notFound = { ok: false, code: 'IMPORT.NOT_FOUND', details: `no import with id ${id}` } as const;
  if (!isValidObjectId(id)) return notFound;
  const jobs = importModel(connection);
  const job = await jobs.findById(id).lean<ImportJob>();
  if (!job) return notFound;
  if (job.status !== 'running' || now.getTime() - job.heartbeatAt.getTime() < STALE_IMPORT_MS)
    return { ok: true, job };
  const stopped = await jobs
    .findOneAndUpdate(
      { _id: job._id, status: 'running', heartbeatAt: job.heartbeatAt },
      {
        $set: {
          status: 'failed',
          failure:
            'interrupted (the console stopped while importing); import the same file again: ' +
            'rows already imported stay unchanged',
          finishedAt: now,
        },
      },
      { returnDocument: 'after' },
    )
    .lean<ImportJob>();
  return { ok: true, job: stopped ?? ((await jobs.findById(id).lean<ImportJob>()) as ImportJob) };
}
