import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import type { Connection } from 'mongoose';
import type { Logger } from '../../domain/platform/logger.js';

/** What the console server needs from the outside world; tests pass their own. */
export interface AppDeps {
  connection: Connection;
  log: Logger;
  /** The built Lit front end; served with history fallback when it exists. */
  webRoot?: string;
}

/** Build the console's HTTP app without listening, so tests can drive it through app.inject(). */
export async function buildApp(deps: AppDeps) {
  const app = Fastify({ loggerInstance: deps.log });

  app.get('/api/health', async (_request, reply) => {
    const mongo = await pingDatabase(deps.connection);
    return reply.code(mongo === 'up' ? 200 : 503).send({ status: mongo === 'up' ? 'ok' : 'degraded', mongo });
  });

  if (deps.webRoot && existsSync(deps.webRoot)) {
    await app.register(fastifyStatic, { root: deps.webRoot, wildcard: false });
    // History fallback: any GET outside /api is a page of the single-page app.
    app.setNotFoundHandler((request, reply) => {
      if (request.method === 'GET' && !request.url.startsWith('/api/')) return reply.sendFile('index.html');
      return reply.code(404).send({ error: 'NOT_FOUND', details: `${request.method} ${request.url}` });
    });
  }
  return app;
}

async function pingDatabase(connection: Connection): Promise<'up' | 'down'> {
  try {
    await connection.db?.admin().ping();
    return connection.readyState === 1 ? 'up' : 'down';
  } catch {
    // An unreachable database is exactly what this endpoint reports.
    return 'down';
  }
}

/** The console app as built by buildApp. */
export type App = Awaited<ReturnType<typeof buildApp>>;
