import { calculateObjectSize } from 'bson';
import { type CommandContext, docArg, docsArg, type Handler, nameArg, numberArg } from './args.js';
import { crudCommands } from './crud.js';
import { CommandError, clientError, namespaceNotFound } from './errors.js';
import { compileFilter } from './query.js';
import type { Collection, IndexSpec } from './store.js';
import { type Doc, isPlainObject, keyOf, unwrapDoc } from './values.js';
import { MAX_MESSAGE_SIZE } from './wire.js';

const VERSION = '7.0.14';
const MAX_WIRE_VERSION = 21; // MongoDB 7.0; driver 7 needs at least 9.

function existing(ctx: CommandContext, name: string): Collection {
  const collection = ctx.store.get(ctx.db, name);
  if (!collection) throw namespaceNotFound(`${ctx.db}.${name}`);
  return collection;
}

function dataSize(collection: Collection): number {
  let size = 0;
  for (const entry of collection.entries.values()) size += calculateObjectSize(entry.doc);
  return size;
}

/** A standalone, writable server; no `topologyVersion`, so the driver polls instead of streaming. */
const hello: Handler = (cmd, ctx) => ({
  [Object.keys(cmd)[0] === 'hello' ? 'isWritablePrimary' : 'ismaster']: true,
  helloOk: true,
  maxBsonObjectSize: 16 * 1024 * 1024,
  maxMessageSizeBytes: MAX_MESSAGE_SIZE,
  maxWriteBatchSize: 100_000,
  localTime: new Date(),
  // Without it the driver assumes the server has no sessions.
  logicalSessionTimeoutMinutes: 30,
  connectionId: ctx.connectionId,
  minWireVersion: 0,
  maxWireVersion: MAX_WIRE_VERSION,
  readOnly: false,
});

const buildInfo: Handler = () => ({
  version: VERSION,
  gitVersion: 'mongo-emulator',
  versionArray: VERSION.split('.').map(Number).concat(0),
  bits: 64,
  debug: false,
  maxBsonObjectSize: 16 * 1024 * 1024,
  modules: [],
  storageEngines: ['memory'],
});

const getParameter: Handler = (cmd) =>
  cmd.featureCompatibilityVersion !== undefined || cmd.getParameter === '*'
    ? { featureCompatibilityVersion: { version: VERSION.slice(0, 3) } }
    : {};

const listDatabases: Handler = (cmd, ctx) => {
  const matches = compileFilter(unwrapDoc(docArg(cmd, 'filter')));
  const databases = ctx.store
    .databaseNames()
    .map((name) => {
      const sizeOnDisk = [...ctx.store.collections(name).values()].reduce((sum, c) => sum + dataSize(c), 0);
      return { name, sizeOnDisk, empty: sizeOnDisk === 0 };
    })
    .filter((db) => matches(db));
  return {
    databases: cmd.nameOnly === true ? databases.map(({ name }) => ({ name })) : databases,
    totalSize: databases.reduce((sum, db) => sum + db.sizeOnDisk, 0),
  };
};

const listCollections: Handler = (cmd, ctx) => {
  const matches = compileFilter(unwrapDoc(docArg(cmd, 'filter')));
  const infos = [...ctx.store.collections(ctx.db)].map(([name, collection]) => ({
    name,
    type: 'collection',
    options: collection.options,
    info: { readOnly: false, uuid: collection.uuid },
    idIndex: collection.indexes[0]?.spec,
  }));
  const selected = infos.filter((info) => matches(info));
  const docs = cmd.nameOnly === true ? selected.map(({ name, type }) => ({ name, type })) : selected;
  const batchSize = numberArg(docArg(cmd, 'cursor'), 'batchSize');
  return { cursor: ctx.cursors.first(`${ctx.db}.$cmd.listCollections`, docs, batchSize) };
};

// Options `create` keeps and listCollections reports; validators and capping are recorded, not enforced.
const COLLECTION_OPTIONS = (
  'capped size max validator validationLevel validationAction timeseries expireAfterSeconds collation ' +
  'clusteredIndex changeStreamPreAndPostImages'
).split(' ');

const create: Handler = (cmd, ctx) => {
  const options = Object.fromEntries(
    COLLECTION_OPTIONS.filter((key) => key in cmd).map((key) => [key, cmd[key]]),
  );
  ctx.store.create(ctx.db, nameArg(cmd), options);
  return {};
};

const drop: Handler = (cmd, ctx) => {
  const name = nameArg(cmd);
  const collection = ctx.store.drop(ctx.db, name);
  return { ns: `${ctx.db}.${name}`, nIndexesWas: collection.indexes.length };
};

const dropDatabase: Handler = (_cmd, ctx) => {
  ctx.store.dropDatabase(ctx.db);
  return { dropped: ctx.db };
};

function splitNamespace(ns: unknown): [string, string] {
  const dot = typeof ns === 'string' ? ns.indexOf('.') : -1;
  if (typeof ns !== 'string' || dot < 1)
    throw new CommandError(73, 'InvalidNamespace', `Invalid namespace specified '${ns}'`);
  return [ns.slice(0, dot), ns.slice(dot + 1)];
}

const renameCollection: Handler = (cmd, ctx) => {
  ctx.store.rename(splitNamespace(cmd.renameCollection), splitNamespace(cmd.to), cmd.dropTarget === true);
  return {};
};

/** Records new collection options; `index` changes may set `expireAfterSeconds` or `hidden`. */
const collMod: Handler = (cmd, ctx) => {
  const collection = existing(ctx, nameArg(cmd));
  for (const key of COLLECTION_OPTIONS) if (key in cmd) collection.options[key] = cmd[key];
  const change = docArg(cmd, 'index');
  if (Object.keys(change).length === 0) return {};
  const pattern = isPlainObject(change.keyPattern) ? keyOf(change.keyPattern) : undefined;
  const index = collection.indexes.find(
    ({ spec }) => spec.name === change.name || keyOf(spec.key) === pattern,
  );
  if (!index) throw new CommandError(27, 'IndexNotFound', 'cannot find index for collMod');
  for (const key of ['expireAfterSeconds', 'hidden']) if (key in change) index.spec[key] = change[key];
  return {};
};

const dbStats: Handler = (_cmd, ctx) => {
  const collections = [...ctx.store.collections(ctx.db).values()];
  const size = collections.reduce((sum, c) => sum + dataSize(c), 0);
  const objects = collections.reduce((sum, c) => sum + c.entries.size, 0);
  return {
    db: ctx.db,
    collections: collections.length,
    views: 0,
    objects,
    avgObjSize: objects ? size / objects : 0,
    dataSize: size,
    storageSize: size,
    indexes: collections.reduce((sum, c) => sum + c.indexes.length, 0),
    indexSize: 0,
    totalSize: size,
    scaleFactor: 1,
  };
};

const collStats: Handler = (cmd, ctx) => {
  const name = nameArg(cmd);
  const collection = existing(ctx, name);
  const size = dataSize(collection);
  const count = collection.entries.size;
  return {
    ns: `${ctx.db}.${name}`,
    count,
    size,
    avgObjSize: count ? size / count : 0,
    storageSize: size,
    nindexes: collection.indexes.length,
    totalIndexSize: 0,
    indexSizes: Object.fromEntries(collection.indexes.map(({ spec }) => [spec.name, 0])),
  };
};

function defaultIndexName(key: Doc): string {
  return Object.entries(key)
    .map(([field, direction]) => `${field}_${direction}`)
    .join('_');
}

const createIndexes: Handler = (cmd, ctx) => {
  const name = nameArg(cmd);
  const createdCollectionAutomatically = !ctx.store.get(ctx.db, name);
  const specs = docsArg(cmd, 'indexes').map((raw): IndexSpec => {
    // `background` and `ns` are accepted from old clients and ignored, as mongod 4.2+ does; `v` is always 2.
    const { key, name: indexName, background, ns, v, ...options } = raw;
    if (!isPlainObject(key) || Object.keys(key).length === 0) {
      throw new CommandError(
        67,
        'CannotCreateIndex',
        "Error in specification: the 'key' field must be a non-empty object",
      );
    }
    return { v: 2, key, name: typeof indexName === 'string' ? indexName : defaultIndexName(key), ...options };
  });
  const collection = ctx.store.ensure(ctx.db, name);
  const numIndexesBefore = collection.indexes.length;
  for (const spec of specs) collection.createIndex(spec);
  const numIndexesAfter = collection.indexes.length;
  return {
    numIndexesBefore,
    numIndexesAfter,
    createdCollectionAutomatically,
    ...(numIndexesAfter === numIndexesBefore ? { note: 'all indexes already exist' } : {}),
  };
};

const listIndexes: Handler = (cmd, ctx) => {
  const name = nameArg(cmd);
  const specs = existing(ctx, name).indexes.map((index) => index.spec);
  return {
    cursor: ctx.cursors.first(`${ctx.db}.${name}`, specs, numberArg(docArg(cmd, 'cursor'), 'batchSize')),
  };
};

/** The index names a dropIndexes `index` argument designates: `*`, a name, names, or a key pattern. */
function indexNames(collection: Collection, index: unknown): string[] {
  if (index === '*') return collection.indexes.map(({ spec }) => spec.name).filter((name) => name !== '_id_');
  if (Array.isArray(index)) return index.map(String);
  if (!isPlainObject(index)) return [String(index)];
  const found = collection.indexes.find(({ spec }) => keyOf(spec.key) === keyOf(index));
  return [found?.spec.name ?? defaultIndexName(index)];
}

const dropIndexes: Handler = (cmd, ctx) => {
  const collection = existing(ctx, nameArg(cmd));
  const nIndexesWas = collection.indexes.length;
  for (const name of indexNames(collection, cmd.index)) collection.dropIndex(name);
  return { nIndexesWas };
};

const ok: Handler = () => ({});

const COMMANDS: Record<string, Handler> = {
  hello,
  isMaster: hello,
  ismaster: hello,
  ping: ok,
  buildInfo,
  buildinfo: buildInfo,
  getParameter,
  endSessions: ok,
  listDatabases,
  listCollections,
  create,
  drop,
  dropDatabase,
  renameCollection,
  collMod,
  dbStats,
  collStats,
  createIndexes,
  listIndexes,
  dropIndexes,
  deleteIndexes: dropIndexes,
  ...crudCommands,
};

/** A standalone mongod refuses anything transactional with this error; the driver recognises it. */
function rejectTransactions(name: string, cmd: Doc): void {
  const transactional =
    name === 'commitTransaction' ||
    name === 'abortTransaction' ||
    'txnNumber' in cmd ||
    'startTransaction' in cmd ||
    'autocommit' in cmd;
  if (transactional) {
    throw new CommandError(
      20,
      'IllegalOperation',
      'Transaction numbers are only allowed on a replica set member or mongos',
    );
  }
}

/** Runs one command body (with `$db`) and returns the reply document, `ok: 0` on failure. */
export function runCommand(cmd: Doc, ctx: Omit<CommandContext, 'db'>, onBug: (error: unknown) => void): Doc {
  const name = Object.keys(cmd)[0] ?? '';
  try {
    rejectTransactions(name, cmd);
    const handler = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!handler) throw new CommandError(59, 'CommandNotFound', `no such command: '${name}'`);
    return { ...handler(cmd, { ...ctx, db: typeof cmd.$db === 'string' ? cmd.$db : 'admin' }), ok: 1 };
  } catch (error) {
    const failure = clientError(error);
    if (!failure) onBug(error);
    const { code, codeName, message, extra } =
      failure ?? new CommandError(1, 'InternalError', error instanceof Error ? error.message : String(error));
    return { ok: 0, errmsg: message, code, codeName, ...extra };
  }
}
