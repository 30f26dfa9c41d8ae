import type { Connection } from 'mongoose';
import type { z } from 'zod';
import type { Actor } from '../audit/audit.model.js';
import type { ColumnSpec } from './columns.js';
import type { ImportKind } from './import.model.js';

/** A field a row changes, as the preview shows it. */
export interface FieldChange {
  before: unknown;
  after: unknown;
}

/** A problem with one field of a row, before the row number is attached. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** A row that creates or changes its record: the fields it sets, and the record after it. */
export interface PlannedChange<State> {
  action: 'create' | 'update';
  changes: Record<string, FieldChange>;
  next: State;
}

/** What importing one valid row would do to the record with its key. */
export type Planned<State> =
  | PlannedChange<State>
  | { action: 'unchanged'; changes: Record<string, FieldChange>; next: State }
  | { action: 'error'; problems: FieldProblem[] };

export type Applied<State> = { ok: true; state: State } | ({ ok: false } & FieldProblem);

export interface ImportContext {
  actor: Actor;
  at: Date;
}

/**
 * One kind of import (contacts, products): its columns, the zod schema of a row, the key that makes
 * re-importing idempotent, how the records behind a chunk of keys are loaded, how a row compares with
 * its record (the plan), and how the plan is carried out through the domain's use cases.
 */
export interface ImportDefinition<Row, State> {
  kind: ImportKind;
  columns: readonly ColumnSpec[];
  /** Parses a row given as `{field: cell}` (fields without a column are absent). */
  schema: z.ZodType<Row>;
  /** The unique key of a valid row (E.164 phone, sku). */
  keyOf(row: Row): string;
  /** The current records of these keys; keys without one are absent from the map. */
  load(connection: Connection, keys: readonly string[]): Promise<Map<string, State>>;
  /** Compare a row with the record it would change (after earlier rows of the same file). */
  plan(row: Row, current: State | undefined): Planned<State>;
  /** Carry out a create or update plan; the returned state is the record afterwards. */
  apply(
    connection: Connection,
    row: Row,
    current: State | undefined,
    planned: PlannedChange<State>,
    context: ImportContext,
  ): Promise<Applied<State>>;
}

/** `{field: after}` of a plan's changes: the patch an update use case takes. */
export function patchOf(changes: Record<string, FieldChange>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(changes).map(([field, change]) => [field, change.after]));
}

/** Items of `added` that `list` lacks, appended: lists (tags, aliases) are merged, never replaced. */
export function mergeList(list: readonly string[], added: readonly string[] | undefined): string[] {
  if (!added) return [...list];
  const seen = new Set(list.map((item) => item.toLowerCase()));
  const merged = [...list];
  for (const item of added) {
    if (seen.has(item.toLowerCase())) continue;
    seen.add(item.toLowerCase());
    merged.push(item);
  }
  return merged;
}
