import { type CommandContext, docArg, docsArg, type Handler, nameArg, numberArg } from './args.js';
import { CommandError, clientError } from './errors.js';
import { aggregate, applyUpdate, project, sortBy, type UpdateSpec, upsertDocument, withId } from './query.js';
import type { Collection, Entry } from './store.js';
import { type Doc, isPlainObject, keyOf, unwrap, unwrapDoc, valuesAtPath } from './values.js';

/** The entries a filter selects, sorted, skipped and limited like a find. */
function select(collection: Collection | undefined, cmd: Doc, filterField: string): Entry[] {
  if (!collection) return [];
  const filter = unwrapDoc(docArg(cmd, filterField));
  const sort = unwrapDoc(docArg(cmd, 'sort'));
  const skip = numberArg(cmd, 'skip') ?? 0;
  const limit = Math.abs(numberArg(cmd, 'limit') ?? 0);
  const sorted = Object.keys(sort).length > 0;
  // Without a sort the scan can stop as soon as enough documents matched.
  const max = !sorted && limit > 0 ? skip + limit : undefined;
  let entries = collection.match(filter, max);
  if (sorted) entries = sortBy(entries, sort, (entry) => entry.view);
  return entries.slice(skip, limit > 0 ? skip + limit : undefined);
}

/** The `writeErrors` element for a failed statement. */
function writeError(index: number, error: CommandError): Doc {
  return { index, code: error.code, errmsg: error.message, ...error.extra };
}

/**
 * Runs write statements one by one; an ordered batch stops at the first failure, an unordered one
 * records it and continues. Failures are reported in `writeErrors` inside an ok:1 reply.
 */
function writeBatch(cmd: Doc, statements: Doc[], run: (statement: Doc, index: number) => void): Doc {
  const ordered = cmd.ordered !== false;
  const writeErrors: Doc[] = [];
  for (const [index, statement] of statements.entries()) {
    try {
      run(statement, index);
    } catch (error) {
      const failure = clientError(error);
      if (!failure) throw error;
      writeErrors.push(writeError(index, failure));
      if (ordered) break;
    }
  }
  return writeErrors.length > 0 ? { writeErrors } : {};
}

function updateSpec(statement: Doc, queryField: string, updateField: string): UpdateSpec {
  const arrayFilters = statement.arrayFilters;
  return {
    query: docArg(statement, queryField),
    update: statement[updateField],
    arrayFilters: Array.isArray(arrayFilters)
      ? arrayFilters.map((filter) => unwrap(filter) as Doc)
      : undefined,
  };
}

function namespace(ctx: CommandContext, name: string): string {
  return `${ctx.db}.${name}`;
}

const find: Handler = (cmd, ctx) => {
  const name = nameArg(cmd);
  const entries = select(ctx.store.get(ctx.db, name), cmd, 'filter');
  const docs = project(
    entries.map((entry) => entry.doc),
    cmd.projection,
  );
  const singleBatch = cmd.singleBatch === true || (numberArg(cmd, 'limit') ?? 0) < 0;
  return { cursor: ctx.cursors.first(namespace(ctx, name), docs, numberArg(cmd, 'batchSize'), singleBatch) };
};

const getMore: Handler = (cmd, ctx) => ({
  cursor: ctx.cursors.more(cmd.getMore, numberArg(cmd, 'batchSize')),
});

const killCursors: Handler = (cmd, ctx) => {
  const { killed, notFound } = ctx.cursors.kill(Array.isArray(cmd.cursors) ? cmd.cursors : []);
  return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [] };
};

const insert: Handler = (cmd, ctx) => {
  const collection = ctx.store.ensure(ctx.db, nameArg(cmd));
  let n = 0;
  const result = writeBatch(cmd, docsArg(cmd, 'documents'), (doc) => {
    collection.insert(withId(doc));
    n += 1;
  });
  return { n, ...result };
};

const update: Handler = (cmd, ctx) => {
  const name = nameArg(cmd);
  let n = 0;
  let nModified = 0;
  const upserted: Doc[] = [];
  const result = writeBatch(cmd, docsArg(cmd, 'updates'), (statement, index) => {
    const spec = updateSpec(statement, 'q', 'u');
    const multi = statement.multi === true;
    const collection = ctx.store.get(ctx.db, name);
    const matched = collection ? collection.match(unwrapDoc(spec.query), multi ? undefined : 1) : [];
    if (matched.length === 0 && statement.upsert === true) {
      const doc = upsertDocument(spec);
      ctx.store.ensure(ctx.db, name).insert(doc);
      upserted.push({ index, _id: doc._id });
      n += 1;
    }
    for (const entry of matched) {
      n += 1;
      const next = applyUpdate(entry.doc, entry.view, spec, false);
      if (!next) continue;
      collection?.replace(entry, next);
      nModified += 1;
    }
  });
  return { n, nModified, ...(upserted.length > 0 ? { upserted } : {}), ...result };
};

const remove: Handler = (cmd, ctx) => {
  const collection = ctx.store.get(ctx.db, nameArg(cmd));
  let n = 0;
  const result = writeBatch(cmd, docsArg(cmd, 'deletes'), (statement) => {
    const limit = numberArg(statement, 'limit') ?? 0;
    for (const entry of collection?.match(unwrapDoc(docArg(statement, 'q')), limit === 1 ? 1 : undefined) ??
      []) {
      collection?.remove(entry);
      n += 1;
    }
  });
  return { n, ...result };
};

/** findAndModify; unlike batch writes, a duplicate key here is a top-level ok:0 error. */
const findAndModify: Handler = (cmd, ctx) => {
  const name = nameArg(cmd);
  const collection = ctx.store.get(ctx.db, name);
  const [target] = select(collection, { ...cmd, limit: 1 }, 'query');
  const shape = (doc: Doc | undefined) => (doc ? (project([doc], cmd.fields)[0] ?? null) : null);
  if (cmd.remove === true) {
    if (target) collection?.remove(target);
    return { lastErrorObject: { n: target ? 1 : 0 }, value: shape(target?.doc) };
  }
  const spec = updateSpec(cmd, 'query', 'update');
  if (target && collection) {
    const before = target.doc;
    const next = applyUpdate(target.doc, target.view, spec, false);
    if (next) collection.replace(target, next);
    return {
      lastErrorObject: { n: 1, updatedExisting: true },
      value: shape(cmd.new === true ? target.doc : before),
    };
  }
  if (cmd.upsert !== true) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null };
  const doc = upsertDocument(spec);
  ctx.store.ensure(ctx.db, name).insert(doc);
  return {
    lastErrorObject: { n: 1, updatedExisting: false, upserted: doc._id },
    value: cmd.new === true ? shape(doc) : null,
  };
};

const count: Handler = (cmd, ctx) => ({
  n: select(ctx.store.get(ctx.db, nameArg(cmd)), cmd, 'query').length,
});

const distinct: Handler = (cmd, ctx) => {
  const key = cmd.key;
  if (typeof key !== 'string')
    throw new CommandError(
      14,
      'TypeMismatch',
      "BSON field 'distinct.key' is the wrong type, expected type 'string'",
    );
  const seen = new Set<string>();
  const values: unknown[] = [];
  for (const entry of select(ctx.store.get(ctx.db, nameArg(cmd)), { query: cmd.query }, 'query')) {
    for (const value of valuesAtPath(entry.view, key.split('.'))) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (seen.has(keyOf(item))) continue;
        seen.add(keyOf(item));
        values.push(item);
      }
    }
  }
  return { values };
};

const aggregateCommand: Handler = (cmd, ctx) => {
  const name = typeof cmd.aggregate === 'string' ? cmd.aggregate : undefined;
  const collection = name === undefined ? undefined : ctx.store.get(ctx.db, name);
  const pipeline = docsArg(cmd, 'pipeline').map(unwrapDoc);
  // A leading $match can use the equality fast path; the stage is then already applied.
  const [first] = pipeline;
  const leadingMatch = first && isPlainObject(first.$match) ? first.$match : undefined;
  const input =
    (leadingMatch ? collection?.match(leadingMatch) : [...(collection?.entries.values() ?? [])]) ?? [];
  const resolve = (other: string) =>
    [...(ctx.store.collections(ctx.db).get(other)?.entries.values() ?? [])].map((e) => e.view);
  const docs = aggregate(
    input.map((entry) => entry.view),
    leadingMatch ? pipeline.slice(1) : pipeline,
    resolve,
    isPlainObject(cmd.let) ? unwrapDoc(cmd.let) : undefined,
  );
  const cursor = docArg(cmd, 'cursor');
  const ns = name === undefined ? `${ctx.db}.$cmd.aggregate` : namespace(ctx, name);
  return { cursor: ctx.cursors.first(ns, docs, numberArg(cursor, 'batchSize')) };
};

/** Reads and writes. */
export const crudCommands: Record<string, Handler> = {
  find,
  getMore,
  killCursors,
  insert,
  update,
  delete: remove,
  findAndModify,
  findandmodify: findAndModify,
  count,
  distinct,
  aggregate: aggregateCommand,
};
