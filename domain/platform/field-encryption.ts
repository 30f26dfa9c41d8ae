import { type AggregationCursor, type Collection, type Document, type FindCursor, ObjectId } from 'mongodb';
import type { Schema } from 'mongoose';
import { blindIndex, isHashed, isSealed, type Keyring, keyring, open, seal } from './crypto.js';

/**
 * Customers' personal fields encrypted at rest, without the domain code noticing: every model whose
 * schema is marked with `protectFields` talks to MongoDB through a wrapper of its driver collection that
 * encrypts what is written, rewrites what is looked up and decrypts what is read. The domain keeps
 * writing `{ chatId }` and reading plain values; the database holds:
 *
 * - `lookup` (phone numbers, chat ids, WhatsApp message ids): the field holds the blind index
 *   (`h1:…`, HMAC-SHA256), so equality filters, unique keys and grouping keep working, and a sibling
 *   `<field>Enc` holds the encrypted value to read back.
 * - `keyed` (dedupe keys such as `reply:<message id>:1`): every chat id inside the value is replaced by
 *   its blind index; the rest stays readable, so keys keep their meaning and prefix searches work.
 * - `secret` (addresses, message bodies, file names): the encrypted value; not searchable.
 * - `deep` (free-form records: drafts, audit snapshots): every string under a key named in
 *   SENSITIVE_KEYS is encrypted, the rest stays searchable.
 *
 * Filters on a `secret` or sensitive `deep` path other than existence checks throw: a query that cannot
 * work on encrypted data must fail loudly, not match nothing. Raw access through `connection.db` (backups,
 * restore, the privacy check, migrations) sees the stored form.
 */

export type FieldKind = 'lookup' | 'keyed' | 'secret' | 'deep';
/** Dotted paths (arrays are walked through) and how each is protected. */
export type FieldSpec = Readonly<Record<string, FieldKind>>;

/** Keys whose values are personal wherever they appear in a free-form record. */
export const SENSITIVE_KEYS: ReadonlySet<string> = new Set([
  'chatId',
  'chatIds',
  'otherChatIds',
  'phone',
  'recipientPhone',
  'whatsapp',
  'shopWhatsApp',
  'address',
  'addresses',
  'waId',
  'quotedWaId',
  'messageId',
  'body',
  'caption',
  'filename',
  // A search typed into the console (kept with an export's filters) may be a phone number.
  'q',
]);

export const ENC_SUFFIX = 'Enc';

/** A query the encrypted fields cannot answer; a bug in the caller, never a user's error. */
export class EncryptedQueryError extends Error {
  override name = 'EncryptedQueryError';
}

type Doc = Record<string, unknown>;

const SPECS = new WeakMap<Schema, FieldSpec>();

/** Mark a schema's personal fields; `defineModel` wraps the collection of every model built from it. */
export function protectFields(schema: Schema, spec: FieldSpec): void {
  SPECS.set(schema, spec);
}

export function fieldSpecOf(schema: Schema): FieldSpec | undefined {
  return SPECS.get(schema);
}

export const isPlainObject = (value: unknown): value is Doc => {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

interface Serialisable {
  toBSON(): unknown;
}
const isSerialisable = (value: unknown): value is Serialisable =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  typeof (value as Partial<Serialisable>).toBSON === 'function';

/**
 * What the driver would send for a value: mongoose puts subdocuments (instances with `toBSON`) into the
 * updates it casts, and the driver serialises them through that method; so does this wrapper, to see
 * their fields.
 */
const asSent = (value: unknown): unknown => (isSerialisable(value) ? value.toBSON() : value);

/** A path's segments without array positions (`addresses.0.text`, `addresses.$.text` → `addresses.text`). */
const normalise = (path: string): string =>
  path
    .split('.')
    .filter((segment) => !/^(\d+|\$|\$\[\w*\])$/.test(segment))
    .join('.');

/** The spec below a path, its paths made relative. */
function below(spec: FieldSpec, prefix: string): FieldSpec {
  const out: Record<string, FieldKind> = {};
  for (const [path, kind] of Object.entries(spec)) {
    if (path.startsWith(`${prefix}.`)) out[path.slice(prefix.length + 1)] = kind;
  }
  return out;
}

/** The deep path a path lies inside, and whether the part below it is personal. */
function insideDeep(spec: FieldSpec, path: string): { sensitive: boolean } | undefined {
  for (const [deepPath, kind] of Object.entries(spec)) {
    if (kind !== 'deep' || !path.startsWith(`${deepPath}.`)) continue;
    const rest = path.slice(deepPath.length + 1).split('.');
    return { sensitive: rest.some((segment) => SENSITIVE_KEYS.has(segment)) };
  }
  return undefined;
}

// ---------------------------------------------------------------- values

export const mapStrings = (value: unknown, fn: (text: string) => string): unknown =>
  typeof value === 'string'
    ? fn(value)
    : Array.isArray(value)
      ? value.map((item) => mapStrings(item, fn))
      : value;

/** Seal every string in a value (objects and arrays walked). */
function sealAll(ring: Keyring, sent: unknown): unknown {
  const value = asSent(sent);
  if (typeof value === 'string') return isSealed(value) ? value : seal(ring, value);
  if (Array.isArray(value)) return value.map((item) => sealAll(ring, item));
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, sealAll(ring, item)]));
  }
  return value;
}

/** Seal the strings under sensitive keys of a free-form value. */
function sealDeep(ring: Keyring, sent: unknown, sensitive: boolean): unknown {
  const value = asSent(sent);
  if (sensitive) return sealAll(ring, value);
  if (Array.isArray(value)) return value.map((item) => sealDeep(ring, item, false));
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, sealDeep(ring, item, SENSITIVE_KEYS.has(key))]),
    );
  }
  return value;
}

/** Open every sealed string in a value. */
function openAll(ring: Keyring, value: unknown): unknown {
  if (typeof value === 'string') return isSealed(value) ? open(ring, value) : value;
  if (Array.isArray(value)) return value.map((item) => openAll(ring, item));
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, openAll(ring, item)]));
  }
  return value;
}

const lookupIndex = (ring: Keyring, value: unknown) => mapStrings(value, (text) => blindIndex(ring, text));

/** A WhatsApp chat id inside any text: `628…@c.us`, `…@lid`, `…@g.us` (message ids embed one). */
const CHAT_ID_INSIDE = /[\d-]{5,40}@(?:c\.us|lid|g\.us|s\.whatsapp\.net)/g;
const pseudonymise = (ring: Keyring, value: unknown) =>
  mapStrings(value, (text) => text.replace(CHAT_ID_INSIDE, (chatId) => blindIndex(ring, chatId)));

/** A `keyed` value as stored and read back (e.g. `reply:<message id>:1` with the chat id indexed). */
export const keyedForm = (value: string): string => pseudonymise(keyring(), value) as string;
const lookupSealed = (ring: Keyring, value: unknown) =>
  mapStrings(value, (text) => (isHashed(text) ? text : seal(ring, text)));

/** Write one field of a (copied) parent object in its stored form. */
function storeField(ring: Keyring, parent: Doc, key: string, kind: FieldKind): void {
  const value = parent[key];
  if (value === undefined) return;
  switch (kind) {
    case 'lookup': {
      // An index already (a stored document written back): its encrypted sibling travels with it.
      const alreadyStored = typeof value === 'string' ? isHashed(value) : false;
      if (alreadyStored) return;
      parent[key] = lookupIndex(ring, value);
      parent[`${key}${ENC_SUFFIX}`] = value === null ? null : lookupSealed(ring, value);
      return;
    }
    case 'keyed':
      parent[key] = pseudonymise(ring, value);
      return;
    case 'secret':
      parent[key] = mapStrings(value, (text) => (isSealed(text) ? text : seal(ring, text)));
      return;
    case 'deep':
      parent[key] = sealDeep(ring, value, false);
      return;
  }
}

/** Read one field of a (copied) parent object back to its plain form. */
function readField(ring: Keyring, parent: Doc, key: string, kind: FieldKind): void {
  switch (kind) {
    case 'lookup': {
      const encKey = `${key}${ENC_SUFFIX}`;
      const sealed = parent[encKey];
      if (sealed === undefined) return;
      delete parent[encKey];
      if (sealed === null) return;
      if (Array.isArray(sealed)) {
        // An array's index part is the truth ($pull and $addToSet act on it); keep the values it holds, once.
        const present = new Set(Array.isArray(parent[key]) ? (parent[key] as unknown[]) : []);
        const seen = new Set<string>();
        const values: string[] = [];
        for (const item of sealed) {
          if (typeof item !== 'string') continue;
          const plain = isSealed(item) ? open(ring, item) : item;
          const index = blindIndex(ring, plain);
          if (!present.has(index) || seen.has(index)) continue;
          seen.add(index);
          values.push(plain);
        }
        parent[key] = values;
        return;
      }
      parent[key] = openAll(ring, sealed);
      return;
    }
    case 'keyed':
      return;
    case 'secret':
    case 'deep':
      if (parent[key] !== undefined) parent[key] = openAll(ring, parent[key]);
      return;
  }
}

/** Copy a document along a path, applying `leaf` to the parent of its last segment; arrays walked. */
function atPath(
  sent: unknown,
  segments: readonly string[],
  leaf: (parent: Doc, key: string) => void,
): unknown {
  const node = asSent(sent);
  if (Array.isArray(node)) return node.map((item) => atPath(item, segments, leaf));
  if (!isPlainObject(node)) return node;
  const [head, ...rest] = segments;
  if (head === undefined || !(head in node)) return node;
  const copy: Doc = { ...node };
  if (rest.length === 0) leaf(copy, head);
  else copy[head] = atPath(node[head], rest, leaf);
  return copy;
}

/** A document as stored: every protected path encrypted or indexed. Never changes its argument. */
export function storeDocument<T>(ring: Keyring, spec: FieldSpec, doc: T): T {
  let out: unknown = doc;
  for (const [path, kind] of Object.entries(spec)) {
    out = atPath(out, path.split('.'), (parent, key) => storeField(ring, parent, key, kind));
  }
  return out as T;
}

/** A stored document read back: every protected path decrypted, the encrypted siblings removed. */
export function readDocument<T>(ring: Keyring, spec: FieldSpec, doc: T): T {
  let out: unknown = doc;
  for (const [path, kind] of Object.entries(spec)) {
    out = atPath(out, path.split('.'), (parent, key) => readField(ring, parent, key, kind));
  }
  return out as T;
}

// ---------------------------------------------------------------- filters

const OPERATORS_ON_INDEX = new Set(['$eq', '$ne', '$in', '$nin', '$all']);
const OPERATORS_ANY = new Set(['$exists', '$type']);

function indexCondition(ring: Keyring, path: string, condition: unknown): unknown {
  if (condition === null || typeof condition === 'string') return lookupIndex(ring, condition);
  if (condition instanceof RegExp)
    throw new EncryptedQueryError(`${path} is encrypted: it cannot be searched with a pattern`);
  if (!isPlainObject(condition)) return condition;
  const out: Doc = {};
  for (const [operator, operand] of Object.entries(condition)) {
    if (OPERATORS_ON_INDEX.has(operator)) out[operator] = lookupIndex(ring, operand);
    else if (OPERATORS_ANY.has(operator)) out[operator] = operand;
    else throw new EncryptedQueryError(`${path} is encrypted: ${operator} cannot be used on it`);
  }
  return out;
}

/** Keys compare on their stored form; a pattern (a prefix search) never matches inside a chat id. */
function keyedCondition(ring: Keyring, condition: unknown): unknown {
  if (!isPlainObject(condition))
    return condition instanceof RegExp ? condition : pseudonymise(ring, condition);
  return Object.fromEntries(
    Object.entries(condition).map(([operator, operand]) => [
      operator,
      OPERATORS_ON_INDEX.has(operator) ? pseudonymise(ring, operand) : operand,
    ]),
  );
}

/** A free-form record compares as stored when nothing personal (so nothing encrypted) is in the condition. */
function deepCondition(path: string, condition: unknown): unknown {
  const hasOperators = isPlainObject(condition) && Object.keys(condition).some((key) => key.startsWith('$'));
  if (hasOperators || !mentionsSensitive(condition))
    return hasOperators ? existenceOnly(path, condition) : condition;
  throw new EncryptedQueryError(`${path} holds encrypted values: it cannot be compared whole`);
}

const mentionsSensitive = (value: unknown): boolean =>
  Array.isArray(value)
    ? value.some(mentionsSensitive)
    : isPlainObject(value) &&
      Object.entries(value).some(([key, item]) => SENSITIVE_KEYS.has(key) || mentionsSensitive(item));

function existenceOnly(path: string, condition: unknown): unknown {
  const ok =
    condition === null ||
    (isPlainObject(condition) && Object.keys(condition).every((operator) => OPERATORS_ANY.has(operator)));
  if (!ok) throw new EncryptedQueryError(`${path} is encrypted: only its existence can be queried`);
  return condition;
}

/** A filter in terms of the stored form: look-ups by blind index, nothing else on encrypted paths. */
export function storeFilter(ring: Keyring, spec: FieldSpec, filter: Doc): Doc {
  const out: Doc = {};
  for (const [key, condition] of Object.entries(filter)) {
    if (key === '$and' || key === '$or' || key === '$nor') {
      out[key] = (condition as Doc[]).map((part) => storeFilter(ring, spec, part));
      continue;
    }
    if (key.startsWith('$')) {
      out[key] = condition;
      continue;
    }
    const path = normalise(key);
    const kind = spec[path];
    if (kind === 'lookup') out[key] = indexCondition(ring, key, condition);
    else if (kind === 'keyed') out[key] = keyedCondition(ring, condition);
    else if (kind === 'secret') out[key] = existenceOnly(key, condition);
    else if (kind === 'deep') out[key] = deepCondition(key, condition);
    else if (insideDeep(spec, path)?.sensitive) out[key] = existenceOnly(key, condition);
    else if (isPlainObject(condition) && isPlainObject(condition.$elemMatch)) {
      out[key] = { ...condition, $elemMatch: storeFilter(ring, below(spec, path), condition.$elemMatch) };
    } else out[key] = condition;
  }
  return out;
}

/** A projection that still fetches what decrypting a projected look-up field needs. */
function storeProjection(spec: FieldSpec, projection: unknown): unknown {
  if (!isPlainObject(projection)) return projection;
  const out: Doc = { ...projection };
  for (const [key, value] of Object.entries(projection)) {
    if (spec[normalise(key)] === 'lookup' && (typeof value === 'number' || typeof value === 'boolean')) {
      out[`${key}${ENC_SUFFIX}`] = value;
    }
  }
  return out;
}

// ---------------------------------------------------------------- updates

/** `$set`-like: each assigned path in stored form, plus the encrypted sibling of a look-up field. */
function storeAssignments(ring: Keyring, spec: FieldSpec, fields: Doc): Doc {
  const out: Doc = {};
  for (const [key, value] of Object.entries(fields)) {
    const path = normalise(key);
    const kind = spec[path];
    if (kind) {
      const holder: Doc = { value };
      storeField(ring, holder, 'value', kind);
      out[key] = holder.value;
      if (`value${ENC_SUFFIX}` in holder) out[`${key}${ENC_SUFFIX}`] = holder[`value${ENC_SUFFIX}`];
      continue;
    }
    const deep = insideDeep(spec, path);
    if (deep) {
      out[key] = sealDeep(ring, value, deep.sensitive);
      continue;
    }
    const nested = below(spec, path);
    out[key] = Object.keys(nested).length > 0 ? storeDocument(ring, nested, value) : value;
  }
  return out;
}

/** `$push`/`$addToSet`: added elements in stored form; a look-up array's encrypted values pushed beside it. */
function storeAdditions(ring: Keyring, spec: FieldSpec, fields: Doc, push: Doc): Doc {
  const out: Doc = {};
  for (const [key, value] of Object.entries(fields)) {
    const path = normalise(key);
    const kind = spec[path];
    const each = isPlainObject(value) && Array.isArray(value.$each);
    const items = each ? (value.$each as unknown[]) : [value];
    const wrap = (list: unknown[]) => (each ? { ...(value as Doc), $each: list } : list[0]);
    if (kind === 'lookup') {
      out[key] = wrap(items.map((item) => lookupIndex(ring, item)));
      push[`${key}${ENC_SUFFIX}`] = { $each: items.map((item) => lookupSealed(ring, item)) };
    } else if (kind === 'keyed') out[key] = wrap(items.map((item) => pseudonymise(ring, item)));
    else if (kind) out[key] = wrap(items.map((item) => sealAll(ring, item)));
    else if (insideDeep(spec, path)) out[key] = wrap(items.map((item) => sealDeep(ring, item, true)));
    else {
      const nested = below(spec, path);
      out[key] =
        Object.keys(nested).length > 0 ? wrap(items.map((item) => storeDocument(ring, nested, item))) : value;
    }
  }
  return out;
}

/** An update in terms of the stored form. */
export function storeUpdate(ring: Keyring, spec: FieldSpec, update: unknown): unknown {
  if (Array.isArray(update) || !isPlainObject(update)) return update;
  if (!Object.keys(update).some((key) => key.startsWith('$'))) return storeDocument(ring, spec, update);
  const out: Doc = {};
  const pushed: Doc = {};
  for (const [operator, fields] of Object.entries(update)) {
    if (!isPlainObject(fields)) {
      out[operator] = fields;
      continue;
    }
    switch (operator) {
      case '$set':
      case '$setOnInsert':
        out[operator] = storeAssignments(ring, spec, fields);
        break;
      case '$unset': {
        const unset: Doc = { ...fields };
        for (const key of Object.keys(fields)) {
          if (spec[normalise(key)] === 'lookup') unset[`${key}${ENC_SUFFIX}`] = '';
        }
        out[operator] = unset;
        break;
      }
      case '$push':
      case '$addToSet':
        out[operator] = {
          ...(out[operator] as Doc | undefined),
          ...storeAdditions(ring, spec, fields, pushed),
        };
        break;
      case '$pull':
      case '$pullAll':
        out[operator] = Object.fromEntries(
          Object.entries(fields).map(([key, value]) => {
            const kind = spec[normalise(key)];
            if (kind === 'lookup') return [key, lookupIndex(ring, value)];
            if (kind === 'keyed') return [key, pseudonymise(ring, value)];
            if (kind || Object.keys(below(spec, normalise(key))).length > 0) {
              throw new EncryptedQueryError(`${key} is encrypted: elements cannot be pulled by value`);
            }
            return [key, value];
          }),
        );
        break;
      default:
        out[operator] = fields;
    }
  }
  if (Object.keys(pushed).length > 0) out.$push = { ...(out.$push as Doc | undefined), ...pushed };
  return out;
}

/**
 * An upsert copies the filter's equalities into the document it inserts: a look-up field's blind index
 * arrives that way, so its encrypted value is added on insert (unless the update writes the field).
 */
export function storeUpsert(ring: Keyring, spec: FieldSpec, filter: unknown, update: unknown): unknown {
  if (
    !isPlainObject(filter) ||
    !isPlainObject(update) ||
    !Object.keys(update).some((key) => key.startsWith('$'))
  ) {
    return update;
  }
  const written = new Set(
    Object.values(update).flatMap((fields) => (isPlainObject(fields) ? Object.keys(fields) : [])),
  );
  const onInsert: Doc = {};
  for (const [key, condition] of Object.entries(filter)) {
    if (spec[key] !== 'lookup' || written.has(key)) continue;
    const value = isPlainObject(condition) ? condition.$eq : condition;
    if (typeof value === 'string' && !isHashed(value)) onInsert[`${key}${ENC_SUFFIX}`] = seal(ring, value);
  }
  if (Object.keys(onInsert).length === 0) return update;
  return { ...update, $setOnInsert: { ...(update.$setOnInsert as Doc | undefined), ...onInsert } };
}

// ---------------------------------------------------------------- the collection wrapper

type AnyFunction = (...args: unknown[]) => unknown;

interface ModifyResult {
  value: unknown;
  ok: unknown;
}
const isModifyResult = (value: unknown): value is ModifyResult =>
  isPlainObject(value) && 'value' in value && 'ok' in value;

/** A driver collection whose reads and writes go through the field encryption. */
export function encryptedCollection<T extends Document>(raw: Collection<T>, spec: FieldSpec): Collection<T> {
  const read = (doc: unknown) => (isPlainObject(doc) ? readDocument(keyring(), spec, doc) : doc);
  const filter = (value: unknown) => (isPlainObject(value) ? storeFilter(keyring(), spec, value) : value);
  const update = (value: unknown, query?: unknown, opts?: unknown) => {
    const upsert = isPlainObject(opts) && opts.upsert === true;
    return storeUpdate(keyring(), spec, upsert ? storeUpsert(keyring(), spec, query, value) : value);
  };
  const doc = (value: unknown) => (isPlainObject(value) ? storeDocument(keyring(), spec, value) : value);
  // The driver gives an inserted document without `_id` one by setting it on the caller's object; the
  // stored copy is a new object, so the id is set on the caller's first.
  const inserted = (value: unknown) => {
    if (isPlainObject(value) && value._id === undefined) value._id = new ObjectId();
    return doc(value);
  };
  const options = (value: unknown) =>
    isPlainObject(value) && 'projection' in value
      ? { ...value, projection: storeProjection(spec, value.projection) }
      : value;
  const readResult = (result: unknown) =>
    isModifyResult(result) ? { ...result, value: read(result.value) } : read(result);
  const call = (name: string, args: unknown[]) => (Reflect.get(raw, name) as AnyFunction).apply(raw, args);

  const wrapped: Record<string, AnyFunction> = {
    find: (query, opts, ...rest) =>
      (call('find', [filter(query), options(opts), ...rest]) as FindCursor).map(read),
    findOne: async (query, opts, ...rest) =>
      read(await call('findOne', [filter(query), options(opts), ...rest])),
    countDocuments: (query, ...rest) => call('countDocuments', [filter(query), ...rest]),
    deleteOne: (query, ...rest) => call('deleteOne', [filter(query), ...rest]),
    deleteMany: (query, ...rest) => call('deleteMany', [filter(query), ...rest]),
    insertOne: (value, ...rest) => call('insertOne', [inserted(value), ...rest]),
    insertMany: (values, ...rest) => call('insertMany', [(values as unknown[]).map(inserted), ...rest]),
    updateOne: (query, change, opts, ...rest) =>
      call('updateOne', [filter(query), update(change, query, opts), opts, ...rest]),
    updateMany: (query, change, opts, ...rest) =>
      call('updateMany', [filter(query), update(change, query, opts), opts, ...rest]),
    replaceOne: (query, value, ...rest) => call('replaceOne', [filter(query), doc(value), ...rest]),
    findOneAndUpdate: async (query, change, opts, ...rest) =>
      readResult(
        await call('findOneAndUpdate', [filter(query), update(change, query, opts), options(opts), ...rest]),
      ),
    findOneAndReplace: async (query, value, opts, ...rest) =>
      readResult(await call('findOneAndReplace', [filter(query), doc(value), options(opts), ...rest])),
    findOneAndDelete: async (query, opts, ...rest) =>
      readResult(await call('findOneAndDelete', [filter(query), options(opts), ...rest])),
    aggregate: (pipeline, ...rest) =>
      (
        call('aggregate', [
          (pipeline as Doc[]).map((stage) => ('$match' in stage ? { $match: filter(stage.$match) } : stage)),
          ...rest,
        ]) as AggregationCursor
      ).map(read),
    distinct: async (key, query, ...rest) => {
      const kind = spec[normalise(String(key))];
      if (kind === 'secret' || kind === 'deep') {
        throw new EncryptedQueryError(`${String(key)} is encrypted: its distinct values cannot be listed`);
      }
      if (kind !== 'lookup') return call('distinct', [key, filter(query), ...rest]);
      // Encrypted values all differ: fetch index and value, keep one value per index.
      const path = String(key);
      const rows = (await (
        call('find', [
          filter(query ?? {}),
          { projection: { [path]: 1, [`${path}${ENC_SUFFIX}`]: 1 } },
        ]) as FindCursor
      ).toArray()) as Doc[];
      const byIndex = new Map<unknown, unknown>();
      for (const row of rows) {
        const index = row[path];
        if (!byIndex.has(index)) byIndex.set(index, readDocument(keyring(), spec, row)[path]);
      }
      return [...byIndex.values()].flat();
    },
    bulkWrite: (operations, ...rest) =>
      call('bulkWrite', [
        (operations as Doc[]).map((operation) =>
          storeBulkOperation(operation, filter, update, doc, inserted),
        ),
        ...rest,
      ]),
  };

  return new Proxy(raw, {
    get(target, property, receiver) {
      if (typeof property === 'string' && Object.hasOwn(wrapped, property)) return wrapped[property];
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as AnyFunction).bind(target) : value;
    },
  });
}

function storeBulkOperation(
  operation: Doc,
  filter: (value: unknown) => unknown,
  update: (value: unknown, query?: unknown, opts?: unknown) => unknown,
  doc: (value: unknown) => unknown,
  inserted: (value: unknown) => unknown,
): Doc {
  const [[name, body] = ['', undefined]] = Object.entries(operation);
  if (!isPlainObject(body)) return operation;
  const out: Doc = { ...body };
  if ('filter' in body) out.filter = filter(body.filter);
  if ('update' in body) out.update = update(body.update, body.filter, body);
  if ('document' in body) out.document = inserted(body.document);
  if ('replacement' in body) out.replacement = doc(body.replacement);
  return { [name]: out };
}

interface MongooseNativeCollection {
  _getCollection(): Collection | null;
}

const PROTECTED = new WeakSet<object>();

/**
 * Route a mongoose collection's traffic through the field encryption. Mongoose reaches the driver
 * through `_getCollection()` for every operation (documents, queries, cursors, aggregations, bulk
 * writes); the wrapper is rebuilt if the driver collection behind it is replaced.
 */
export function protectCollection(collection: object, spec: FieldSpec): void {
  if (PROTECTED.has(collection)) return;
  PROTECTED.add(collection);
  const native = collection as MongooseNativeCollection;
  const original = native._getCollection.bind(native);
  let raw: Collection | null = null;
  let wrapped: Collection | null = null;
  native._getCollection = () => {
    const current = original();
    if (current !== raw) {
      raw = current;
      wrapped = current && encryptedCollection(current, spec);
    }
    return wrapped;
  };
}
