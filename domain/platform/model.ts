import type { Connection, Model, Schema } from 'mongoose';

/**
 * Bind a schema to a connection lazily, once per connection: no module-level connection, so each
 * process (and each test file) passes the connection it opened.
 */
export function defineModel<T>(name: string, schema: Schema<T>): (connection: Connection) => Model<T> {
  return (connection) =>
    (connection.models[name] as Model<T> | undefined) ?? connection.model<T>(name, schema);
}

/** MongoDB's duplicate-key error, the signal that a unique key already holds this value. */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 11000;
}
