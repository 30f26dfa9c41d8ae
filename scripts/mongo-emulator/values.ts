import { BSONValue, Double, Int32, Long, ObjectId } from 'bson';

// Documents are decoded with `promoteValues: false` so that we can tell an integral double (2.0)
// from an int (2): plain JS numbers re-encode as int32 when integral, which would silently turn
// doubles into ints. We keep only integral doubles and int64s wrapped; everything else is plain.
// Matching, sorting and arithmetic happen on an unwrapped "view", because mingo compares numbers
// by `typeof` and would not see Double(2) and 2 as equal.

/** A plain object as bson decodes it (not an array, not a bson/Date/RegExp class instance). */
export type Doc = Record<string, unknown>;

/** True for objects decoded from a BSON sub-document. */
export function isPlainObject(value: unknown): value is Doc {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Normalizes a value decoded with `promoteValues: false` into the stored form. */
export function fromWire(value: unknown): unknown {
  if (value instanceof Int32) return value.value;
  if (value instanceof Double) return Number.isInteger(value.value) ? value : value.value;
  if (Array.isArray(value)) return value.map(fromWire);
  if (isPlainObject(value)) {
    const out: Doc = {};
    for (const key of Object.keys(value)) out[key] = fromWire(value[key]);
    return out;
  }
  return value;
}

/** Replaces numeric wrappers by plain numbers; returns the same reference when nothing changes. */
export function unwrap(value: unknown): unknown {
  if (value instanceof Double || value instanceof Int32) return value.value;
  if (value instanceof Long) return Number.isSafeInteger(value.toNumber()) ? value.toNumber() : value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    value.forEach((item, i) => {
      const next = unwrap(item);
      if (next !== item) {
        out ??= value.slice();
        out[i] = next;
      }
    });
    return out ?? value;
  }
  if (isPlainObject(value)) {
    let out: Doc | undefined;
    for (const key of Object.keys(value)) {
      const next = unwrap(value[key]);
      if (next !== value[key]) {
        out ??= { ...value };
        out[key] = next;
      }
    }
    return out ?? value;
  }
  return value;
}

/** Unwraps a whole document (see {@link unwrap}). */
export function unwrapDoc(doc: Doc): Doc {
  return unwrap(doc) as Doc;
}

/**
 * After an update computed on the unwrapped view, puts back the Double/Long wrappers of
 * fields that still hold a number, so `$inc` on a double stays a double. Paths the update
 * assigned explicitly (`$set`) keep the type the client sent.
 */
export function rewrap(next: unknown, prev: unknown, assigned: ReadonlySet<string>, path = ''): unknown {
  if (assigned.has(path)) return next;
  if (typeof next === 'number') {
    if (prev instanceof Double) return new Double(next);
    if (prev instanceof Long && Number.isInteger(next)) return Long.fromNumber(next);
    return next;
  }
  const child = (key: string) => (path ? `${path}.${key}` : key);
  if (Array.isArray(next) && Array.isArray(prev)) {
    return next.map((item, i) => rewrap(item, prev[i], assigned, child(String(i))));
  }
  if (isPlainObject(next) && isPlainObject(prev)) {
    const out: Doc = {};
    for (const key of Object.keys(next)) out[key] = rewrap(next[key], prev[key], assigned, child(key));
    return out;
  }
  return next;
}

/** Numeric value of a command argument (limit, batchSize, …) whatever its bson type. */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (value instanceof Double || value instanceof Int32) return value.value;
  if (value instanceof Long) return value.toNumber();
  return undefined;
}

/** A numeric wrapper as a number; containers and other values unchanged (callers recurse themselves). */
function scalar(value: unknown): unknown {
  return Array.isArray(value) || isPlainObject(value) ? value : unwrap(value);
}

/**
 * A string that is equal for values MongoDB considers equal (1, 1.0 and Long(1) alike;
 * ObjectIds by hex). Used for index keys and the equality fast path.
 */
export function keyOf(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (value instanceof ObjectId) return `o:${value.toHexString()}`;
  const plain = scalar(value);
  if (typeof plain === 'number') return `n:${plain === 0 ? 0 : plain}`;
  if (typeof plain === 'string') return `s:${JSON.stringify(plain)}`;
  if (typeof plain === 'boolean') return `b:${plain}`;
  if (plain instanceof Date) return `d:${plain.getTime()}`;
  if (plain instanceof RegExp) return `r:${plain}`;
  if (Array.isArray(plain)) return `[${plain.map(keyOf).join(',')}]`;
  if (isPlainObject(plain)) {
    return `{${Object.keys(plain)
      .map((k) => `${JSON.stringify(k)}:${keyOf(plain[k])}`)
      .join(',')}}`;
  }
  if (plain instanceof BSONValue) return `${plain._bsontype}:${plain.inspect()}`;
  return `?:${String(plain)}`;
}

/** Values found at a dotted path, descending into arrays the way MongoDB does for queries. */
export function valuesAtPath(value: unknown, path: readonly string[]): unknown[] {
  if (path.length === 0) return [value];
  if (Array.isArray(value)) {
    const [head] = path;
    if (head !== undefined && /^\d+$/.test(head)) return valuesAtPath(value[Number(head)], path.slice(1));
    return value.flatMap((item) => (isPlainObject(item) ? valuesAtPath(item, path) : []));
  }
  if (!isPlainObject(value)) return [];
  const [head, ...rest] = path;
  return head === undefined || !(head in value) ? [] : valuesAtPath(value[head], rest);
}

/** Renders a key value the way mongod prints it in duplicate key messages. */
export function renderValue(value: unknown): string {
  const plain = scalar(value);
  if (plain === undefined || plain === null) return 'null';
  if (plain instanceof ObjectId) return `ObjectId('${plain.toHexString()}')`;
  if (typeof plain === 'string') return JSON.stringify(plain);
  if (plain instanceof Date) return `new Date(${plain.getTime()})`;
  if (Array.isArray(plain)) return `[ ${plain.map(renderValue).join(', ')} ]`;
  if (isPlainObject(plain)) {
    return `{ ${Object.entries(plain)
      .map(([k, v]) => `${k}: ${renderValue(v)}`)
      .join(', ')} }`;
  }
  if (plain instanceof BSONValue) return plain.inspect();
  return String(plain);
}

/** Deep copy of a stored value; bson class instances are immutable and shared. */
export function clone<T>(value: T): T {
  if (Array.isArray(value)) return value.map(clone) as T;
  if (isPlainObject(value)) {
    const out: Doc = {};
    for (const key of Object.keys(value)) out[key] = clone(value[key]);
    return out as T;
  }
  if (value instanceof Date) return new Date(value.getTime()) as T;
  return value;
}
