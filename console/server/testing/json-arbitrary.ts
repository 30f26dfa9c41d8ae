/**
 * fast-check arbitraries for request bodies, from a route's zod schema: values of the schema's shape
 * (through its JSON Schema), the same mutated (a key dropped, added or given a value of another kind),
 * and arbitrary JSON. For the console routes' property test; tests only.
 */
import fc from 'fast-check';
import { z } from 'zod';

type JsonSchema = {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  $defs?: Record<string, JsonSchema>;
};

/** Keys tried on bodies the schema does not describe (records checked deeper, in the use case). */
export const FIELD_NAMES = [
  'name',
  'text',
  'items',
  'sku',
  'qty',
  'price',
  'amount',
  'discount',
  'shippingFee',
  'fulfilment',
  'method',
  'date',
  'time',
  'address',
  'notes',
  'customerNotes',
  'internalNotes',
  'paymentMethod',
  'status',
  'stage',
  'to',
  'reason',
  'note',
  'phone',
  'email',
  'channel',
  'interest',
  'value',
  'tags',
  'active',
  'aliases',
  'category',
  'stock',
  'unit',
  'minStock',
  'shopName',
  'locale',
  'timeZone',
  'businessHours',
  'bot',
  'invoices',
  'reminders',
  'assigneeId',
  'contactId',
  'dueAt',
  'brief',
  'description',
  'deadline',
  'budget',
  '__proto__',
  'constructor',
  'prototype',
  'a.b',
  '',
  ' ',
];

const MAX_STRING = 80;
const EDGE_DAYS = [
  '0000-00-00',
  '0000-01-01',
  '0001-01-01',
  '9999-12-31',
  '2026-02-29',
  '2024-02-29',
  '2026-13-01',
];

const json = fc.jsonValue({ maxDepth: 3 });

function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === 'date-time')
    return fc
      .date({
        min: new Date('1970-01-01T00:00:00Z'),
        max: new Date('2200-01-01T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((date) => date.toISOString());
  if (schema.format === 'email') return fc.emailAddress();
  if (schema.pattern) {
    try {
      const matching = fc.stringMatching(new RegExp(schema.pattern));
      // Days at the calendar's edges, where day arithmetic breaks.
      if (schema.pattern.includes('\\d{4}-')) return fc.oneof(matching, fc.constantFrom(...EDGE_DAYS));
      return matching;
    } catch {
      // A pattern JavaScript cannot compile is read as any string.
    }
  }
  const minLength = schema.minLength ?? 0;
  return fc.string({
    minLength,
    maxLength: Math.max(minLength, Math.min(schema.maxLength ?? MAX_STRING, MAX_STRING)),
  });
}

function numberOf(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const low =
    schema.minimum ?? (schema.exclusiveMinimum === undefined ? -1_000_000 : schema.exclusiveMinimum + 1);
  const high =
    schema.maximum ?? (schema.exclusiveMaximum === undefined ? 1_000_000_000 : schema.exclusiveMaximum - 1);
  const min = Math.max(low, Number.MIN_SAFE_INTEGER);
  const max = Math.min(high, Number.MAX_SAFE_INTEGER);
  if (max < min) return fc.constant(min);
  // Mostly small values, where the business rules are; the edges now and then.
  const edges = fc.constantFrom(min, max, 0, 1).filter((value) => value >= min && value <= max);
  const small = fc.integer({
    min: Math.max(min, -1000),
    max: Math.max(Math.min(max, 1_000_000), Math.max(min, -1000)),
  });
  const any = integer
    ? fc.integer({ min, max })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  return fc.oneof(small, any, edges);
}

/** Values of a JSON Schema's shape; `root` resolves `$ref`s. */
function shaped(
  schema: JsonSchema | boolean | undefined,
  root: JsonSchema,
  depth: number,
): fc.Arbitrary<unknown> {
  if (schema === undefined || typeof schema === 'boolean' || depth > 6) return json;
  if (schema.$ref) {
    const name = schema.$ref.replace(/^#\/\$defs\//, '');
    return schema.$ref === '#' ? shaped(root, root, depth + 1) : shaped(root.$defs?.[name], root, depth + 1);
  }
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const options = schema.anyOf ?? schema.oneOf;
  if (options && options.length > 0)
    return fc.oneof(...options.map((option) => shaped(option, root, depth + 1)));
  if (schema.allOf?.[0]) return shaped(schema.allOf[0], root, depth + 1);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((type) => shaped({ ...schema, type }, root, depth)));
  switch (types[0]) {
    case 'string':
      return stringOf(schema);
    case 'integer':
      return numberOf(schema, true);
    case 'number':
      return numberOf(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minLength = schema.minItems ?? 0;
      return fc.array(shaped(schema.items, root, depth + 1), {
        minLength,
        maxLength: Math.max(minLength, Math.min(schema.maxItems ?? 4, 4)),
      });
    }
    case 'object': {
      const properties = schema.properties ?? {};
      if (Object.keys(properties).length === 0)
        return fc.dictionary(fc.constantFrom(...FIELD_NAMES), json, { maxKeys: 4 });
      const model = Object.fromEntries(
        Object.entries(properties).map(([key, inner]) => [key, shaped(inner, root, depth + 1)]),
      );
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((key) => key in model) });
    }
    default:
      return json;
  }
}

/** Values shaped by a zod schema's input, or any JSON when the schema has no JSON Schema form. */
export function shapedBy(schema: z.ZodType): fc.Arbitrary<unknown> {
  let root: JsonSchema;
  try {
    root = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', cycles: 'ref' }) as JsonSchema;
  } catch {
    return fc.dictionary(fc.constantFrom(...FIELD_NAMES), json, { maxKeys: 4 });
  }
  return shaped(root, root, 0);
}

/** One edit of a JSON value, at the `at`-th object or array inside it (taken modulo their number). */
export interface JsonEdit {
  at: number;
  action: 'drop' | 'replace' | 'add' | 'wrap';
  key: string;
  value: unknown;
}

const containers = (value: unknown): (Record<string, unknown> | unknown[])[] => {
  if (value === null || typeof value !== 'object') return [];
  const inner = Object.values(value).flatMap(containers);
  return [value as Record<string, unknown> | unknown[], ...inner];
};

/** Set an own property, even one named `__proto__` or `constructor` (as JSON.parse would). */
const put = (record: object, key: string, value: unknown) =>
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });

/** Apply one edit to a copy of `value` (through JSON, as the body travels). */
export function editJson(value: unknown, edit: JsonEdit): unknown {
  const copy: unknown = JSON.parse(JSON.stringify(value) ?? 'null');
  const all = containers(copy);
  const target = all[edit.at % Math.max(all.length, 1)];
  if (!target) return edit.action === 'wrap' ? [copy] : edit.value;
  const keys = Object.keys(target);
  const key = keys[edit.at % Math.max(keys.length, 1)] ?? edit.key;
  const own = Object.hasOwn(target, key) ? (target as Record<string, unknown>)[key] : null;
  if (edit.action === 'drop') delete (target as Record<string, unknown>)[key];
  else if (edit.action === 'replace') put(target, key, edit.value);
  else if (edit.action === 'add') put(target, edit.key, edit.value);
  else put(target, key, Array.isArray(own) ? own : [own]);
  return copy;
}

const edit: fc.Arbitrary<JsonEdit> = fc.record({
  at: fc.nat(),
  action: fc.constantFrom('drop', 'replace', 'add', 'wrap'),
  key: fc.constantFrom(...FIELD_NAMES),
  value: fc.oneof(
    json,
    fc.string({ unit: 'binary', maxLength: 5000 }),
    fc.constantFrom(-1, 0, 1e308, -0, '', ' ', [], {}),
  ),
});

/** Bodies for a route: its schema's shape, that shape mutated, arbitrary objects and arbitrary JSON. */
export function bodyFor(schema: z.ZodType | undefined): fc.Arbitrary<unknown> {
  const valid = schema ? shapedBy(schema) : fc.constant({});
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    {
      weight: 3,
      arbitrary: fc
        .tuple(valid, fc.array(edit, { minLength: 1, maxLength: 3 }))
        .map(([body, edits]) => edits.reduce(editJson, body)),
    },
    { weight: 1, arbitrary: fc.dictionary(fc.constantFrom(...FIELD_NAMES), json, { maxKeys: 5 }) },
    { weight: 1, arbitrary: json },
  );
}
