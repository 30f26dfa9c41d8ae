import { lookup } from 'node:dns/promises';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { DryMongoBinary, MongoBinary, MongoMemoryServer } from 'mongodb-memory-server-core';
import { ResolveConfigVariables, resolveConfig } from 'mongodb-memory-server-core/lib/util/resolveConfig.js';
import mongoose, { type Connection } from 'mongoose';
import type { Config } from './config.js';
import type { Logger } from './logger.js';

/** Where the database came from: the operator's URI, a local mongod we started, or the test server. */
export type MongoSource = 'uri' | 'embedded' | 'emulator';

/** A MongoDB to connect to, and how to stop it when we started it ourselves. */
export interface MongoServer {
  uri: string;
  source: MongoSource;
  stop(): Promise<void>;
}

/** No MongoDB can be had; the message lists the ways out. */
export class MongoUnavailableError extends Error {
  override name = 'MongoUnavailableError';
}

const UNAVAILABLE = [
  `No MongoDB available: MONGODB_URI is not set and no mongod binary was found or could be downloaded (its download host is unreachable).`,
  'Ways out:',
  '  1. set MONGODB_URI=mongodb://host:27017/pesanin to a running MongoDB;',
  '  2. allow the one-time mongod download (internet access), or point MONGOMS_SYSTEM_BINARY at an installed mongod;',
  '  3. MONGO=emulator for a throw-away in-memory trial (everything is lost when it stops).',
].join('\n');

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T | undefined> =>
  Promise.race([
    promise,
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms).unref()),
  ]);

/**
 * Find a mongod for mongodb-memory-server: a cached or system binary first; otherwise download one,
 * but only when the download host resolves quickly, so an offline machine learns it in seconds.
 */
export async function findMongodBinary(log?: Logger): Promise<string | undefined> {
  const options = await DryMongoBinary.generateOptions();
  const found = await DryMongoBinary.locateBinary(options);
  if (found) return found;
  const mirror = resolveConfig(ResolveConfigVariables.DOWNLOAD_MIRROR) ?? 'https://fastdl.mongodb.org';
  const reachable = await withTimeout(
    lookup(new URL(mirror).hostname).then(
      () => true,
      () => false,
    ),
    3000,
  );
  if (!reachable) return undefined;
  log?.info({ version: options.version }, 'downloading mongod once; it is cached for next time');
  return MongoBinary.getPath();
}

/** Start a local mongod through mongodb-memory-server; `dbPath` makes its data survive restarts. */
export async function startMongod(binaryPath: string, dbPath?: string): Promise<MongoServer> {
  const server = await MongoMemoryServer.create({
    binary: { systemBinary: binaryPath },
    instance: { storageEngine: 'wiredTiger', ...(dbPath && { dbPath }) },
  });
  return { uri: server.getUri(), source: 'embedded', stop: async () => void (await server.stop()) };
}

/** Start the in-memory wire-compatible test server (tests and the explicit MONGO=emulator trial only). */
export async function startEmulatedMongo(): Promise<MongoServer> {
  const { startEmulator } = await import('../../scripts/mongo-emulator/server.js');
  const emulator = await startEmulator();
  return { uri: emulator.uri, source: 'emulator', stop: () => emulator.close() };
}

/**
 * The MongoDB the product runs on: MONGODB_URI when set; otherwise the embedded mongod with its data
 * under the data directory; the emulator only when MONGO=emulator asks for it.
 */
export async function provideMongo(
  config: Pick<Config, 'mongo' | 'dataDir'>,
  log: Logger,
): Promise<MongoServer> {
  if (config.mongo.uri) return { uri: config.mongo.uri, source: 'uri', stop: async () => {} };
  if (config.mongo.fallback === 'emulator') {
    log.warn('MONGO=emulator: using the in-memory test server; nothing is kept after it stops');
    return startEmulatedMongo();
  }
  const binary = await findMongodBinary(log);
  if (!binary) throw new MongoUnavailableError(UNAVAILABLE);
  const dbPath = path.join(config.dataDir, 'mongodb');
  await mkdir(dbPath, { recursive: true });
  return startMongod(binary, dbPath);
}

/**
 * Open a mongoose connection. `dbName` wins when given (tests use one database per file);
 * otherwise the URI's own database, or "pesanin" when the URI names none.
 */
export async function openConnection(uri: string, dbName?: string): Promise<Connection> {
  const namesDb = /^mongodb(\+srv)?:\/\/[^/]+\/[^?]+/.test(uri);
  const connection = mongoose.createConnection(uri, {
    serverSelectionTimeoutMS: 10_000,
    // A small VPS: a few connections per process are plenty and keep memory down.
    maxPoolSize: 10,
    ...((dbName || !namesDb) && { dbName: dbName ?? 'pesanin' }),
  });
  return connection.asPromise();
}

/** Redact credentials before a URI goes into a log line. */
export function redactUri(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//***@');
}
