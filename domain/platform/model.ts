import type { Connection, Model, Schema } from 'mongoose';
import { fieldSpecOf, protectCollection } from './field-encryption.js';

/**
 * Bind a schema to a connection lazily, once per connection: no module-level connection, so each
 * process (and each test file) passes the connection it opened.
 */
export function defineModel<T>(name: string, schema: Schema<T>): (connection: Connection) => Model<T> {
  const spec = fieldSpecOf(schema);
  return (connection) => {
    const existing = connection.models[name] as Model<T> | undefined;
    if (existing) return existing;
    const model = connection.model<T>(name, schema);
    // Personal fields are encrypted below the model (domain/platform/field-encryption.ts).
    if (spec) protectCollection(model.collection, spec);
    return model;
  };
}

/** MongoDB's duplicate-key error, the signal that a unique key already holds this value. */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 11000;
}
