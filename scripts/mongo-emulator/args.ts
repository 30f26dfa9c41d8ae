import type { Cursors } from './cursors.js';
import { CommandError } from './errors.js';
import type { Store } from './store.js';
import { type Doc, isPlainObject, toNumber } from './values.js';

/** What every command handler can reach: the data, the cursors, and the request's database. */
export interface CommandContext {
  readonly store: Store;
  readonly cursors: Cursors;
  readonly db: string;
  readonly connectionId: number;
}

/** A command handler returns the reply without `ok`, or throws a {@link CommandError}. */
export type Handler = (cmd: Doc, ctx: CommandContext) => Doc;

function typeMismatch(field: string, expected: string): CommandError {
  return new CommandError(
    14,
    'TypeMismatch',
    `BSON field '${field}' is the wrong type, expected type '${expected}'`,
  );
}

/** The collection named by the command's first field (the command name). */
export function nameArg(cmd: Doc): string {
  const name = cmd[Object.keys(cmd)[0] ?? ''];
  if (typeof name !== 'string' || name.length === 0) {
    throw new CommandError(73, 'InvalidNamespace', `collection name has invalid type ${typeof name}`);
  }
  return name;
}

/** An optional sub-document argument (filter, sort, …), `{}` when absent. */
export function docArg(cmd: Doc, field: string): Doc {
  const value = cmd[field];
  if (value === undefined || value === null) return {};
  if (!isPlainObject(value)) throw typeMismatch(field, 'object');
  return value;
}

/** An optional array-of-documents argument (documents, updates, pipeline, …). */
export function docsArg(cmd: Doc, field: string): Doc[] {
  const value = cmd[field] ?? [];
  if (!Array.isArray(value) || !value.every(isPlainObject)) throw typeMismatch(field, 'array');
  return value;
}

/** An optional numeric argument (limit, skip, batchSize), whatever numeric BSON type it came as. */
export function numberArg(cmd: Doc, field: string): number | undefined {
  const value = cmd[field];
  if (value === undefined || value === null) return undefined;
  const number = toNumber(value);
  if (number === undefined) throw typeMismatch(field, 'number');
  return number;
}
