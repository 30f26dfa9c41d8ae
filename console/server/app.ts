import { existsSync } from 'node:fs';
import fastifyCookie from '@fastify/cookie';
import fastifyEtag from '@fastify/etag';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError } from 'fastify';
import type { Connection } from 'mongoose';
import { type Clock, systemClock } from '../../domain/platform/clock.js';
import type { Logger } from '../../domain/platform/logger.js';
import { readSessionState } from '../../domain/whatsapp/session.use-case.js';
import { DomainFailure, statusOf } from './errors.js';
import { registerRoutes } from './register.js';
import { serializeRequest } from './request-log.js';
import type { AnyRoute } from './route.js';
import { ALL_ROUTES } from './routes/index.js';
import { trackingHandler } from './tracking/tracking.page.js';

/** What the console server needs from the outside world; tests pass their own. */
export interface AppDeps {
  connection: Connection;
  log: Logger;
  clock?: Clock;
  /** The built Lit front end; served with history fallback when it exists. */
  webRoot?: string;
  /** Where stored files live (DATA_DIR): uploads are kept there and served from there. */
  dataDir?: string;
  /** The route table (tests may add routes); defaults to ALL_ROUTES. */
  routes?: readonly AnyRoute[];
}

/** Build the console's HTTP app without listening, so tests can drive it through app.inject(). */
export async function buildApp(deps: AppDeps) {
  // Behind Caddy on the same machine (deploy/Caddyfile): its X-Forwarded-For/Proto are believed from loopback
  // only, so rate limits key on the real client and `secure: 'auto'` cookies see https; from anywhere else
  // those headers are ignored (README, "Why the real client is seen").
  // Request lines name the method and a redacted URL only (request-log.ts); the logger masks phone numbers.
  const loggerInstance = deps.log.child({}, { serializers: { req: serializeRequest } });
  const app = Fastify({ loggerInstance, trustProxy: 'loopback' });
  const clock = deps.clock ?? systemClock;

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        'default-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'style-src': ["'self'", "'unsafe-inline'"],
      },
    },
  });
  await app.register(fastifyCookie);
  // Lists poll with If-None-Match; an unchanged answer goes back as a bodiless 304 (see console/web/src/api.ts).
  await app.register(fastifyEtag, { weak: true });
  // Limits are per route (login, tracking page); the plugin only counts where a route asks for it.
  await app.register(fastifyRateLimit, { global: false });

  app.setErrorHandler((error: FastifyError | DomainFailure, request, reply) => {
    if (error instanceof DomainFailure) {
      const { ok: _ok, code, details, ...fields } = error.failure;
      return reply.code(statusOf(code)).send({ error: code, details, ...fields });
    }
    if (error.statusCode === 429)
      return reply
        .code(429)
        .send({ error: 'AUTH.RATE_LIMITED', details: 'too many requests; wait a minute' });
    if (error.statusCode && error.statusCode < 500)
      return reply.code(error.statusCode).send({ error: 'REQUEST.INVALID', details: error.message });
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: 'INTERNAL', details: 'something went wrong on our side' });
  });

  app.get('/api/health', async (_request, reply) => {
    const mongo = await pingDatabase(deps.connection);
    const whatsapp = mongo === 'up' ? await readSessionState(deps.connection) : 'unknown';
    return reply
      .code(mongo === 'up' ? 200 : 503)
      .send({ status: mongo === 'up' ? 'ok' : 'degraded', mongo, whatsapp });
  });
  registerRoutes(app, deps.routes ?? ALL_ROUTES, {
    connection: deps.connection,
    log: deps.log,
    clock,
    ...(deps.dataDir && { dataDir: deps.dataDir }),
  });
  app.get(
    '/track/:token',
    { config: { rateLimit: { max: 60, timeWindow: 60_000 } } },
    trackingHandler(deps.connection),
  );

  if (deps.webRoot && existsSync(deps.webRoot)) {
    await app.register(fastifyStatic, { root: deps.webRoot, wildcard: false });
    // History fallback: any GET outside /api is a page of the single-page app.
    app.setNotFoundHandler((request, reply) => {
      if (request.method === 'GET' && !request.url.startsWith('/api/')) return reply.sendFile('index.html');
      return reply.code(404).send({ error: 'NOT_FOUND', details: `${request.method} ${request.url}` });
    });
  } else {
    app.setNotFoundHandler((request, reply) =>
      reply.code(404).send({ error: 'NOT_FOUND', details: `${request.method} ${request.url}` }),
    );
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
