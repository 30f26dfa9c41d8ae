import { UUID } from 'bson';
import { CommandError, namespaceNotFound } from './errors.js';
import { compileFilter, type Predicate } from './query.js';
import { type Doc, isPlainObject, keyOf, renderValue, unwrapDoc, valuesAtPath } from './values.js';

// Stored documents are never mutated in place: an update builds a new object and swaps it in.
// That is what lets open cursors keep plain references to the documents they will return.

/** One stored document: `doc` as the client sent it, `view` with numbers unwrapped for matching. */
export interface Entry {
  readonly seq: number;
  doc: Doc;
  view: Doc;
}

/** An index definition as listIndexes reports it. */
export interface IndexSpec extends Doc {
  v: number;
  key: Doc;
  name: string;
}

const ID_INDEX: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

class Index {
  readonly fields: string[];
  readonly unique: boolean;
  /** key → owning entry, kept for unique indexes only. */
  readonly owners = new Map<string, Entry>();
  private readonly partial: Predicate | undefined;

  constructor(readonly spec: IndexSpec) {
    this.fields = Object.keys(spec.key);
    this.unique = spec.unique === true || spec.name === '_id_';
    const filter = spec.partialFilterExpression;
    this.partial = isPlainObject(filter) ? compileFilter(unwrapDoc(filter)) : undefined;
  }

  /** The index keys of a document (several when a field is an array), none when sparse/partial skip it. */
  keys(view: Doc): Map<string, Doc> {
    const keys = new Map<string, Doc>();
    if (this.partial && !this.partial(view)) return keys;
    const perField = this.fields.map((field) =>
      valuesAtPath(view, field.split('.')).flatMap((v) => (Array.isArray(v) && v.length > 0 ? v : [v])),
    );
    if (this.spec.sparse === true && perField.every((values) => values.length === 0)) return keys;
    let combos: unknown[][] = [[]];
    for (const values of perField) {
      const options = values.length > 0 ? values : [null];
      combos = combos.flatMap((combo) => options.map((v) => [...combo, v]));
    }
    for (const combo of combos) {
      const value: Doc = {};
      this.fields.forEach((field, i) => {
        value[field] = combo[i] ?? null;
      });
      keys.set(combo.map(keyOf).join('|'), value);
    }
    return keys;
  }
}

/** mongod's E11000 error, with the `keyPattern`/`keyValue` fields mongoose reads. */
function duplicateKey(ns: string, index: Index, keyValue: Doc, prefix = ''): CommandError {
  const rendered = Object.entries(keyValue)
    .map(([field, value]) => `${field}: ${renderValue(value)}`)
    .join(', ');
  return new CommandError(
    11000,
    'DuplicateKey',
    `${prefix}E11000 duplicate key error collection: ${ns} index: ${index.spec.name} dup key: { ${rendered} }`,
    { keyPattern: index.spec.key, keyValue },
  );
}

/** What makes two index definitions the same for mongod (options like `background` do not count). */
function indexIdentity(spec: IndexSpec): string {
  const { key, unique, sparse, partialFilterExpression, expireAfterSeconds, collation } = spec;
  return keyOf({
    key,
    unique: unique === true,
    sparse: sparse === true,
    partialFilterExpression,
    expireAfterSeconds,
    collation,
  });
}

/**
 * The field whose equality lookups an index can answer: its leading field (a compound index's prefix
 * narrows the candidates like a single-field one; the filter still decides).
 */
function lookupField(spec: IndexSpec): string | undefined {
  const [first] = Object.entries(spec.key);
  if (first === undefined) return undefined;
  return typeof first[1] === 'number' || first[1] === 'hashed' ? first[0] : undefined;
}

/** Equality lookup on one field: each value's key (and each array element's) → the entries holding it. */
class Lookup {
  private readonly byKey = new Map<string, Set<Entry>>();

  constructor(
    readonly field: string,
    entries: Iterable<Entry>,
  ) {
    for (const entry of entries) this.add(entry);
  }

  get(key: string): Iterable<Entry> {
    return this.byKey.get(key) ?? [];
  }

  add(entry: Entry): void {
    for (const key of this.keys(entry)) {
      const set = this.byKey.get(key);
      if (set) set.add(entry);
      else this.byKey.set(key, new Set([entry]));
    }
  }

  remove(entry: Entry): void {
    for (const key of this.keys(entry)) {
      const set = this.byKey.get(key);
      set?.delete(entry);
      if (set?.size === 0) this.byKey.delete(key);
    }
  }

  private keys(entry: Entry): Set<string> {
    const keys = new Set<string>();
    for (const value of valuesAtPath(entry.view, this.field.split('.'))) {
      keys.add(keyOf(value));
      if (Array.isArray(value)) for (const item of value) keys.add(keyOf(item));
    }
    return keys;
  }
}

/** The values a filter condition is an equality on (`v`, `{$eq: v}`, `{$in: [...]}`), if any. */
function equalityValues(condition: unknown): unknown[] | undefined {
  const usable = (v: unknown) => v !== null && v !== undefined && !(v instanceof RegExp);
  if (!isPlainObject(condition)) return usable(condition) ? [condition] : undefined;
  if ('$eq' in condition) return usable(condition.$eq) ? [condition.$eq] : undefined;
  if (Array.isArray(condition.$in) && condition.$in.every(usable)) return condition.$in;
  return Object.keys(condition).some((k) => k.startsWith('$')) ? undefined : [condition];
}

/** A condition that is only an equality (`v`, `{$eq: v}` or `{$in: [...]}` alone), fully answered by a lookup. */
function pureEquality(condition: unknown): boolean {
  if (equalityValues(condition) === undefined) return false;
  if (!isPlainObject(condition)) return true;
  const keys = Object.keys(condition);
  return (
    keys.every((key) => !key.startsWith('$')) ||
    (keys.length === 1 && (keys[0] === '$eq' || keys[0] === '$in'))
  );
}

/** Top-level (and `$and`) field conditions of a filter. */
function fieldConditions(filter: Doc): [string, unknown][] {
  return Object.entries(filter).flatMap(([key, value]): [string, unknown][] => {
    if (key === '$and' && Array.isArray(value)) return value.filter(isPlainObject).flatMap(fieldConditions);
    return key.startsWith('$') ? [] : [[key, value]];
  });
}

/** A collection: documents in insertion order, its indexes, unique checks and equality lookups. */
export class Collection {
  readonly entries = new Map<number, Entry>();
  readonly indexes: Index[] = [new Index(ID_INDEX)];
  readonly uuid = new UUID();
  private lookups = new Map<string, Lookup>();
  private nextSeq = 1;

  constructor(
    public ns: string,
    readonly options: Doc = {},
  ) {
    this.rebuildLookups();
  }

  /** Entries matching an (unwrapped) filter, in natural order, stopping after `max` matches. */
  match(filter: Doc, max = Number.POSITIVE_INFINITY): Entry[] {
    const candidates = this.candidates(filter);
    // A filter that is nothing but the looked-up equality is answered by the lookup itself: no need to
    // test each candidate again (a long `$in` list would cost a comparison per value per document).
    const [only, ...more] = Object.keys(filter);
    const single = only !== undefined && more.length === 0 && !only.startsWith('$');
    if (candidates && single && pureEquality(filter[only])) return candidates.slice(0, max);
    const test = compileFilter(filter);
    const found: Entry[] = [];
    for (const entry of candidates ?? this.entries.values()) {
      if (found.length >= max) break;
      if (test(entry.view)) found.push(entry);
    }
    return found;
  }

  /** Adds a document; throws E11000 when a unique index already holds its key. */
  insert(doc: Doc): Entry {
    const entry: Entry = { seq: this.nextSeq++, doc, view: unwrapDoc(doc) };
    this.checkUnique(entry, entry.view);
    this.entries.set(entry.seq, entry);
    this.addKeys(entry);
    return entry;
  }

  /** Swaps in the updated document; throws E11000 (leaving the old one) on a unique conflict. */
  replace(entry: Entry, doc: Doc): void {
    const view = unwrapDoc(doc);
    this.checkUnique(entry, view);
    this.removeKeys(entry);
    entry.doc = doc;
    entry.view = view;
    this.addKeys(entry);
  }

  remove(entry: Entry): void {
    this.removeKeys(entry);
    this.entries.delete(entry.seq);
  }

  /** Creates an index unless an identical one exists; fails like mongod on conflicts and duplicates. */
  createIndex(spec: IndexSpec): void {
    const sameName = this.indexes.find((index) => index.spec.name === spec.name);
    const sameKey = this.indexes.find((index) => keyOf(index.spec.key) === keyOf(spec.key));
    if (sameName && indexIdentity(sameName.spec) === indexIdentity(spec)) return;
    if (sameName) {
      throw new CommandError(
        86,
        'IndexKeySpecsConflict',
        `An existing index has the same name as the requested index. Requested index: ${renderValue(spec)}, existing index: ${renderValue(sameName.spec)}`,
      );
    }
    if (sameKey && !sameKey.spec.partialFilterExpression && !spec.partialFilterExpression) {
      throw new CommandError(
        85,
        'IndexOptionsConflict',
        `Index already exists with a different name: ${sameKey.spec.name}`,
      );
    }
    const index = new Index(spec);
    if (index.unique) {
      for (const entry of this.entries.values()) {
        for (const [key, keyValue] of index.keys(entry.view)) {
          if (index.owners.has(key)) throw duplicateKey(this.ns, index, keyValue, 'Index build failed: ');
          index.owners.set(key, entry);
        }
      }
    }
    this.indexes.push(index);
    this.rebuildLookups();
  }

  /** Drops one index by name; `_id_` cannot be dropped. */
  dropIndex(name: string): void {
    if (name === '_id_') throw new CommandError(72, 'InvalidOptions', 'cannot drop _id index');
    const at = this.indexes.findIndex((index) => index.spec.name === name);
    if (at < 0) throw new CommandError(27, 'IndexNotFound', `index not found with name [${name}]`);
    this.indexes.splice(at, 1);
    this.rebuildLookups();
  }

  /** Candidate entries for an equality on an indexed field, in natural order; undefined = scan all. */
  private candidates(filter: Doc): Entry[] | undefined {
    for (const [field, condition] of fieldConditions(filter)) {
      const lookup = this.lookups.get(field);
      const values = lookup && equalityValues(condition);
      if (!lookup || !values) continue;
      const found = new Set<Entry>();
      for (const value of values) for (const entry of lookup.get(keyOf(value))) found.add(entry);
      return [...found].sort((a, b) => a.seq - b.seq);
    }
    return undefined;
  }

  private checkUnique(entry: Entry, view: Doc): void {
    for (const index of this.indexes) {
      if (!index.unique) continue;
      for (const [key, keyValue] of index.keys(view)) {
        const owner = index.owners.get(key);
        if (owner && owner !== entry) throw duplicateKey(this.ns, index, keyValue);
      }
    }
  }

  private addKeys(entry: Entry): void {
    for (const index of this.indexes) {
      if (index.unique) for (const key of index.keys(entry.view).keys()) index.owners.set(key, entry);
    }
    for (const lookup of this.lookups.values()) lookup.add(entry);
  }

  private removeKeys(entry: Entry): void {
    for (const index of this.indexes) {
      if (!index.unique) continue;
      for (const key of index.keys(entry.view).keys()) {
        if (index.owners.get(key) === entry) index.owners.delete(key);
      }
    }
    for (const lookup of this.lookups.values()) lookup.remove(entry);
  }

  /** Keeps a lookup for `_id` and each index's leading field, building only the new ones. */
  private rebuildLookups(): void {
    const fields = new Set(
      this.indexes.map((index) => lookupField(index.spec)).filter((f) => f !== undefined),
    );
    const previous = this.lookups;
    this.lookups = new Map(
      [...fields].map((field) => [field, previous.get(field) ?? new Lookup(field, this.entries.values())]),
    );
  }
}

/** All databases of one emulator: name → collection name → collection. */
export class Store {
  private readonly dbs = new Map<string, Map<string, Collection>>();

  databaseNames(): string[] {
    return [...this.dbs.keys()];
  }

  collections(db: string): Map<string, Collection> {
    return this.dbs.get(db) ?? new Map();
  }

  get(db: string, name: string): Collection | undefined {
    return this.dbs.get(db)?.get(name);
  }

  /** The collection, created on first write like mongod does implicitly. */
  ensure(db: string, name: string): Collection {
    return this.get(db, name) ?? this.create(db, name);
  }

  /** Explicit `create`; code 48 when the collection exists. */
  create(db: string, name: string, options: Doc = {}): Collection {
    if (this.get(db, name)) {
      throw new CommandError(48, 'NamespaceExists', `Collection ${db}.${name} already exists.`);
    }
    const collections = this.dbs.get(db) ?? new Map<string, Collection>();
    this.dbs.set(db, collections);
    const collection = new Collection(`${db}.${name}`, options);
    collections.set(name, collection);
    return collection;
  }

  drop(db: string, name: string): Collection {
    const collection = this.get(db, name);
    if (!collection) throw namespaceNotFound(`${db}.${name}`);
    this.dbs.get(db)?.delete(name);
    if (this.dbs.get(db)?.size === 0) this.dbs.delete(db);
    return collection;
  }

  dropDatabase(db: string): void {
    this.dbs.delete(db);
  }

  /** `renameCollection`, keeping documents and indexes. */
  rename(from: [string, string], to: [string, string], dropTarget: boolean): void {
    const source = this.get(...from);
    if (!source) throw namespaceNotFound(from.join('.'));
    if (this.get(...to)) {
      if (!dropTarget) throw new CommandError(48, 'NamespaceExists', 'target namespace exists');
      this.drop(...to);
    }
    this.drop(...from);
    const collections = this.dbs.get(to[0]) ?? new Map<string, Collection>();
    this.dbs.set(to[0], collections);
    source.ns = to.join('.');
    collections.set(to[1], source);
  }
}
