import { ObjectId } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import { Context, evalExpr, ProcessingMode } from 'mingo/core';
import type { Iterator } from 'mingo/lazy';
import * as accumulatorOps from 'mingo/operators/accumulator';
import * as expressionOps from 'mingo/operators/expression';
import * as pipelineOps from 'mingo/operators/pipeline';
import * as projectionOps from 'mingo/operators/projection';
import * as queryOps from 'mingo/operators/query';
import * as windowOps from 'mingo/operators/window';
import { Query } from 'mingo/query';
import type { AnyObject, Options } from 'mingo/types';
import { update as mingoUpdate } from 'mingo/updater';
import { CommandError } from './errors.js';
import { clone, type Doc, isPlainObject, keyOf, rewrap, unwrap, valuesAtPath } from './values.js';

// mingo 7 differs from mongod in a few places the product hits. Its built-in operators cannot be
// overridden through `mingo`'s entry points, so we build our own operator context.

/** `$count` on empty input yields no document in MongoDB (mingo yields `{n: 0}`). */
function $count(coll: Iterator, expr: string, options: Options): Iterator {
  return pipelineOps.$count(coll, expr, options).filter((doc: AnyObject) => doc[expr] !== 0);
}

/** `$bucket` as MongoDB documents it: `[lower, upper)` buckets, via `$group` + `$sort` (mingo puts boundaries in the lower bucket). */
function $bucket(coll: Iterator, expr: AnyObject, options: Options): Iterator {
  const { groupBy, boundaries, output } = expr;
  if (!Array.isArray(boundaries) || boundaries.length < 2) {
    throw new CommandError(
      40192,
      'Location40192',
      "The $bucket 'boundaries' field must be an array of at least 2 values",
    );
  }
  const branches = boundaries.slice(0, -1).map((lower: unknown, i) => ({
    case: {
      $and: [{ $gte: [groupBy, { $literal: lower }] }, { $lt: [groupBy, { $literal: boundaries[i + 1] }] }],
    },
    // biome-ignore lint/suspicious/noThenProperty: MongoDB names $switch branches {case, then}.
    then: { $literal: lower },
  }));
  const id = { $switch: { branches, ...('default' in expr ? { default: { $literal: expr.default } } : {}) } };
  const grouped = pipelineOps.$group(
    coll,
    { _id: id, ...(isPlainObject(output) ? output : { count: { $sum: 1 } }) },
    options,
  );
  return pipelineOps.$sort(grouped, { _id: 1 }, options);
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** UTC offset of a time zone (Olson name or ±HH:MM) at an instant, in milliseconds. */
function zoneOffset(zone: string, at: Date): number {
  const fixed = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  let match = fixed;
  if (!fixed) {
    let format = zoneFormats.get(zone);
    if (!format) {
      format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
      zoneFormats.set(zone, format);
    }
    const name = format.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? '';
    match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  }
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return (match[1] === '-' ? -minutes : minutes) * 60_000;
}

/** `$dateTrunc` with a `timezone`: mingo truncates in UTC and is a day off; truncate the local wall time instead. */
function $dateTrunc(obj: AnyObject, expr: unknown, options: Options): unknown {
  const args = evalExpr(obj, expr, options);
  if (!isPlainObject(args) || !(args.date instanceof Date) || typeof args.timezone !== 'string') {
    return expressionOps.$dateTrunc(obj, expr, options);
  }
  const offset = zoneOffset(args.timezone, args.date);
  const local = { ...args, date: new Date(args.date.getTime() + offset), timezone: undefined };
  const truncated = expressionOps.$dateTrunc(obj, local, options);
  if (!(truncated instanceof Date)) return truncated;
  const guess = new Date(truncated.getTime() - offset);
  return new Date(truncated.getTime() - zoneOffset(args.timezone, guess));
}

const TYPE_ALIASES: Record<string, string> = {
  1: 'double',
  2: 'string',
  3: 'object',
  4: 'array',
  5: 'binData',
  7: 'objectId',
  8: 'bool',
  9: 'date',
  10: 'null',
  11: 'regex',
  16: 'int',
  17: 'timestamp',
  18: 'long',
  19: 'decimal',
  [-1]: 'minKey',
  127: 'maxKey',
};

/** Whether a value has a BSON type by its `$type` alias (numbers are seen unwrapped, by value). */
function hasType(value: unknown, type: string): boolean {
  const bsonType =
    isPlainObject(value) || value === null ? undefined : (value as { _bsontype?: unknown })?._bsontype;
  switch (type) {
    case 'double':
      return typeof value === 'number' && !Number.isInteger(value);
    case 'int':
      return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= 2 ** 31;
    case 'long':
      return (
        bsonType === 'Long' ||
        (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) > 2 ** 31)
      );
    case 'number':
      return typeof value === 'number' || bsonType === 'Long' || bsonType === 'Decimal128';
    case 'string':
      return typeof value === 'string';
    case 'object':
      return isPlainObject(value);
    case 'array':
      return Array.isArray(value);
    case 'bool':
      return typeof value === 'boolean';
    case 'date':
      return value instanceof Date;
    case 'null':
      return value === null;
    case 'regex':
      return value instanceof RegExp;
    default:
      return (
        typeof bsonType === 'string' &&
        bsonType.toLowerCase() === type.toLowerCase().replace('bindata', 'binary')
      );
  }
}

/** `$type` with every BSON alias (mingo lacks `objectId`, `binData`, …) and matching array elements. */
function $type(selector: string, value: unknown, _options: Options): (obj: AnyObject) => boolean {
  const wanted = (Array.isArray(value) ? value : [value]).map((t) => TYPE_ALIASES[String(t)] ?? String(t));
  const path = selector.split('.');
  return (obj) =>
    valuesAtPath(obj, path).some((v) =>
      wanted.some(
        (t) => hasType(v, t) || (Array.isArray(v) && t !== 'array' && v.some((item) => hasType(item, t))),
      ),
    );
}

const CONTEXT = Context.init({
  accumulator: accumulatorOps,
  expression: { ...expressionOps, $dateTrunc },
  pipeline: { ...pipelineOps, $count, $bucket },
  projection: projectionOps,
  query: { ...queryOps, $type },
  window: windowOps,
});
const OPTIONS: Partial<Options> = { context: CONTEXT };

/** A compiled filter. */
export type Predicate = (doc: Doc) => boolean;

/** Compiles an (unwrapped) MongoDB filter. */
export function compileFilter(filter: Doc): Predicate {
  if (Object.keys(filter).length === 0) return () => true;
  const query = new Query(filter, OPTIONS);
  return (doc) => query.test(doc);
}

/** Sorts items by a MongoDB sort spec applied to their unwrapped views. */
export function sortBy<T>(items: T[], sort: Doc, viewOf: (item: T) => Doc): T[] {
  const { $natural, ...spec } = sort;
  const ordered = $natural === -1 ? [...items].reverse() : items;
  if (Object.keys(spec).length === 0) return ordered;
  const byView = new Map(ordered.map((item) => [viewOf(item), item]));
  const sorted = new Query({}, OPTIONS)
    .find<Doc>([...byView.keys()])
    .sort(spec)
    .all();
  return sorted.map((view) => {
    const item = byView.get(view);
    if (item === undefined) throw new Error('mingo sort returned a document it was not given');
    return item;
  });
}

/** Applies a find projection; documents keep their stored (wrapped) numbers. */
export function project(docs: Doc[], projection: unknown): Doc[] {
  if (!isPlainObject(projection) || Object.keys(projection).length === 0) return docs;
  return new Query({}, OPTIONS).find<Doc>(docs, unwrap(projection) as Doc).all();
}

/** Runs an aggregation pipeline; `resolve` gives other collections of the database to `$lookup`. */
export function aggregate(
  docs: Doc[],
  pipeline: Doc[],
  resolve: (name: string) => Doc[],
  variables?: Doc,
): Doc[] {
  for (const stage of pipeline) {
    if ('$out' in stage || '$merge' in stage) {
      throw new CommandError(2, 'BadValue', '$out and $merge are not supported by the test server');
    }
  }
  const aggregator = new Aggregator(pipeline, {
    ...OPTIONS,
    // Stages such as $addFields may write into their input; stored documents must stay untouched.
    processingMode: ProcessingMode.CLONE_INPUT,
    collectionResolver: (name) => resolve(name).map(clone),
    ...(variables ? { variables } : {}),
  });
  return aggregator.run<Doc>(docs);
}

const UPDATE_OPERATORS = new Set(
  '$addToSet $bit $currentDate $inc $max $min $mul $pop $pull $pullAll $push $rename $set $setOnInsert $unset'.split(
    ' ',
  ),
);
// Values of these operators are stored as sent; the others do arithmetic or comparisons on views.
const VERBATIM_OPERATORS = new Set(['$set', '$setOnInsert', '$push', '$addToSet']);
// mingo refuses any update touching its `idKey`; we check `_id` ourselves because upserts may set it.
const UPDATE_OPTIONS: Partial<Options> = { ...OPTIONS, idKey: '\u0000' };

/** One update statement as the client sent it (filter still wrapped, for upsert seeding). */
export interface UpdateSpec {
  query: Doc;
  update: unknown;
  arrayFilters?: Doc[] | undefined;
}

function immutableId(): CommandError {
  return new CommandError(
    66,
    'ImmutableField',
    "Performing an update on the path '_id' would modify the immutable field '_id'",
  );
}

/** True when the update is a replacement document rather than `$` operators. */
export function isReplacement(update: unknown): update is Doc {
  return isPlainObject(update) && Object.keys(update).every((key) => !key.startsWith('$'));
}

function failedToParse(message: string): CommandError {
  return new CommandError(9, 'FailedToParse', message);
}

/** Validates `$` operators and picks what applies: `$setOnInsert` only on insert, merged into `$set`. */
function operatorsToApply(update: unknown, inserting: boolean): Doc {
  if (!isPlainObject(update)) throw failedToParse('Update argument must be an object or an array');
  const modifier: Doc = {};
  for (const [op, fields] of Object.entries(update)) {
    if (!UPDATE_OPERATORS.has(op)) {
      throw failedToParse(
        `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    }
    if (!isPlainObject(fields)) throw failedToParse(`Modifiers operate on fields, not on ${typeof fields}`);
    if (op === '$setOnInsert' && !inserting) continue;
    const target = op === '$setOnInsert' ? '$set' : op;
    const value = VERBATIM_OPERATORS.has(op) ? fields : (unwrap(fields) as Doc);
    modifier[target] = { ...(modifier[target] as Doc | undefined), ...value };
  }
  return modifier;
}

/**
 * Applies an update (operators, replacement or pipeline) to a stored document and returns the new
 * document, or undefined when nothing changes. `inserting` is true for the document an upsert creates,
 * which is when `$setOnInsert` applies.
 */
export function applyUpdate(stored: Doc, view: Doc, spec: UpdateSpec, inserting: boolean): Doc | undefined {
  const { update } = spec;
  if (Array.isArray(update)) {
    const [next] = aggregate(
      [view],
      update.map((stage) => unwrap(stage) as Doc),
      () => [],
    );
    if (!next || (!inserting && keyOf(next._id) !== keyOf(view._id))) throw immutableId();
    return keyOf(next) === keyOf(view) ? undefined : (rewrap(next, stored, new Set()) as Doc);
  }
  if (isReplacement(update)) {
    if ('_id' in update && '_id' in stored && keyOf(update._id) !== keyOf(stored._id)) throw immutableId();
    const next = { _id: stored._id, ...update };
    if (next._id === undefined) delete next._id;
    return keyOf(next) === keyOf(stored) ? undefined : next;
  }
  const modifier = operatorsToApply(update, inserting);
  if (Object.keys(modifier).length === 0) return undefined;
  const positional = Object.values(modifier).some((fields) =>
    Object.keys(fields as Doc).some((path) => /\.\$(\.|$)/.test(path)),
  );
  const work = clone(view);
  const changed = mingoUpdate(
    work,
    modifier,
    spec.arrayFilters,
    positional ? (unwrap(spec.query) as Doc) : undefined,
    {
      cloneMode: 'deep',
      queryOptions: UPDATE_OPTIONS,
    },
  );
  if (changed.length === 0) return undefined;
  if (!inserting && keyOf(work._id) !== keyOf(view._id)) throw immutableId();
  return rewrap(work, stored, new Set(Object.keys(isPlainObject(modifier.$set) ? modifier.$set : {}))) as Doc;
}

function setPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  const last = parts.pop() as string;
  let target = doc;
  for (const part of parts) {
    const next = isPlainObject(target[part]) ? target[part] : {};
    target[part] = next;
    target = next;
  }
  target[last] = clone(value);
}

/** The document an upsert starts from: the filter's equality fields (dotted paths and `$and` included). */
export function seedFromQuery(query: Doc, replacement: boolean): Doc {
  const seed: Doc = {};
  const visit = (filter: Doc) => {
    for (const [key, value] of Object.entries(filter)) {
      if ((key === '$and' || key === '$or') && Array.isArray(value)) {
        // mongod treats a one-clause $or like $and when seeding.
        const clauses = key === '$and' || value.length === 1 ? value : [];
        for (const clause of clauses) if (isPlainObject(clause)) visit(clause);
        continue;
      }
      // A replacement keeps only the filter's _id; other operators and regexes are not equalities.
      if (key.startsWith('$') || (replacement && key !== '_id') || value instanceof RegExp) continue;
      const operators = isPlainObject(value) && Object.keys(value).some((k) => k.startsWith('$'));
      if (!operators) setPath(seed, key, value);
      else if (isPlainObject(value) && '$eq' in value) setPath(seed, key, value.$eq);
    }
  };
  visit(query);
  return seed;
}

/** Builds the document an upsert inserts, `_id` first (a new ObjectId unless the filter or update gives one). */
export function upsertDocument(spec: UpdateSpec): Doc {
  const seed = seedFromQuery(spec.query, isReplacement(spec.update));
  const doc = applyUpdate(seed, unwrap(seed) as Doc, spec, true) ?? seed;
  return withId(doc);
}

/** The document with `_id` as its first field, generating an ObjectId when missing (as mongod does). */
export function withId(doc: Doc): Doc {
  return '_id' in doc ? { _id: doc._id, ...doc } : { _id: new ObjectId(), ...doc };
}
