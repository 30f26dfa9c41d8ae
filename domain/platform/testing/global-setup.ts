import type { TestProject } from 'vitest/node';
import { loadConfig } from '../config.js';
import { findMongodBinary, type MongoServer, startEmulatedMongo, startMongod } from '../mongo.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
  }
}

/**
 * Pick the tests' MongoDB once per run, in this order: MONGODB_URI (a real server), a mongod for
 * mongodb-memory-server (cached, MONGOMS_SYSTEM_BINARY, or quickly downloadable), the wire-compatible
 * test server. Says which it chose, so a CI log shows what the suite ran against.
 */
async function chooseMongo(): Promise<{ server: MongoServer; label: string }> {
  const uri = loadConfig().mongo.uri;
  if (uri)
    return { server: { uri, source: 'uri', stop: async () => {} }, label: 'MONGODB_URI (real server)' };
  const binary = await findMongodBinary();
  if (binary) return { server: await startMongod(binary), label: `mongodb-memory-server (${binary})` };
  return {
    server: await startEmulatedMongo(),
    label: 'the wire-compatible test server (scripts/mongo-emulator)',
  };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { server, label } = await chooseMongo();
  process.stdout.write(`\n[tests] MongoDB: ${label}\n\n`);
  project.provide('mongoUri', server.uri);
  return () => server.stop();
}
