import { MingoError } from 'mingo/util';
import type { Doc } from './values.js';

/** A failure the client should see as `{ok: 0, code, codeName, errmsg, ...extra}`, as mongod sends it. */
export class CommandError extends Error {
  constructor(
    readonly code: number,
    readonly codeName: string,
    message: string,
    readonly extra: Doc = {},
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

/** Code 26, what mongod answers for drop/listIndexes/… on a collection that does not exist. */
export function namespaceNotFound(ns: string): CommandError {
  return new CommandError(26, 'NamespaceNotFound', `ns not found: ${ns}`);
}

/**
 * The client-facing error for a client mistake: our own CommandErrors, and what mingo rejects
 * (unknown operator, bad argument) as BadValue like a real server. Undefined for anything else,
 * which is a bug in the emulator.
 */
export function clientError(error: unknown): CommandError | undefined {
  if (error instanceof CommandError) return error;
  if (error instanceof MingoError) return new CommandError(2, 'BadValue', error.message);
  return undefined;
}
