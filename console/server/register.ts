import type { IncomingMessage, ServerResponse } from 'node:http';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest, RawServerDefault } from 'fastify';
import type { Connection } from 'mongoose';
import type { z } from 'zod';
import type { Clock } from '../../domain/platform/clock.js';
import type { Logger } from '../../domain/platform/logger.js';
import { resumeSession } from '../../domain/sessions/session.use-case.js';
import { DomainFailure, failWith } from './errors.js';
import { type AnyRoute, allows, type UploadedFile } from './route.js';
import { MULTIPART_LIMITS, readUpload } from './upload.js';

export const SESSION_COOKIE = 'pesanin_session';
const CHANGES = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
/** Routes that may change something without a CSRF token: logging in has no session yet. */
const CSRF_EXEMPT = new Set(['POST /api/session']);

export interface RegisterDeps {
  connection: Connection;
  log: Logger;
  clock: Clock;
  /** Where stored files live; routes that keep or serve files need it. */
  dataDir?: string;
}

type Server = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, Logger>;

/** The first key anywhere in a value that starts with `$` (a MongoDB operator smuggled into input). */
function operatorKey(value: unknown, depth = 0): string | undefined {
  if (depth > 20 || value === null || typeof value !== 'object') return undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (key.startsWith('$')) return key;
    const found = operatorKey(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Parse one part of the request with its schema, or answer 400 naming the field. */
function parsePart<T>(schema: z.ZodType<T> | undefined, value: unknown, part: string): T {
  if (!schema) return undefined as T;
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${part}.${issue.path.join('.')}` : part;
  return failWith({
    code: 'REQUEST.INVALID',
    details: `${where}: ${issue?.message ?? 'invalid'}`,
    field: where,
  });
}

/**
 * Register the route table. Every request goes through the same steps, in one place: the session from
 * the cookie, access by the route's roles (401 signed out, 403 wrong role), the CSRF token on every
 * change, `$`-keys refused anywhere in query or body, strict zod parsing of params, query and body, then
 * the handler. Upload routes live in their own scope, the only one that parses multipart/form-data (any
 * other route answers such a body 415); there the file is read and checked after access, CSRF and params.
 */
export function registerRoutes(app: Server, routes: readonly AnyRoute[], deps: RegisterDeps): void {
  for (const route of routes) if (!route.upload) addRoute(app, route, deps);
  const uploads = routes.filter((route) => route.upload);
  if (uploads.length === 0) return;
  app.register(async (scope: Server) => {
    await scope.register(fastifyMultipart, { limits: MULTIPART_LIMITS });
    for (const route of uploads) addRoute(scope, route, deps);
  });
}

function addRoute(app: Server, route: AnyRoute, deps: RegisterDeps): void {
  app.route({
    method: route.method,
    url: route.url,
    ...(route.rateLimit && { config: { rateLimit: { max: route.rateLimit, timeWindow: 60_000 } } }),
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      const token = request.cookies[SESSION_COOKIE];
      const session = token ? await resumeSession(deps.connection, token, deps.clock.now()) : null;
      if (route.access !== 'public') {
        if (!session) failWith({ code: 'AUTH.REQUIRED', details: 'sign in first' });
        if (!allows(route.access, session.user.role))
          failWith({
            code: 'AUTH.FORBIDDEN',
            details: `${route.method} ${route.url} is for ${Array.isArray(route.access) ? route.access.join(', ') : 'signed-in users'}`,
          });
        if (
          CHANGES.has(route.method) &&
          !CSRF_EXEMPT.has(`${route.method} ${route.url}`) &&
          request.headers['x-csrf-token'] !== session.csrfToken
        )
          failWith({ code: 'AUTH.CSRF', details: 'missing or wrong x-csrf-token header' });
      }
      // An upload's body is still unread here (its fields are checked once read).
      refuseOperators(request.query);
      refuseOperators(request.body);
      const params = parsePart(route.params, request.params, 'params');
      const query = parsePart(route.query, request.query, 'query');
      let body: unknown;
      let file: UploadedFile | undefined;
      if (route.upload) {
        const upload = await readUpload(request, route.upload);
        refuseOperators(upload.fields);
        body = parsePart(route.body, upload.fields, 'body');
        file = upload.file;
      } else body = parsePart(route.body, request.body, 'body');
      const user = session?.user ?? null;
      return route.handler(
        { params, query, body, file } as never,
        {
          connection: deps.connection,
          log: request.log as Logger,
          clock: deps.clock,
          user,
          actor: user
            ? { kind: 'user', id: String(user._id), name: user.name }
            : { kind: 'system', name: 'console' },
          sessionToken: token,
          csrfToken: session?.csrfToken,
          dataDir: deps.dataDir,
          ip: request.ip,
          userAgent: request.headers['user-agent'],
        },
        reply,
      );
    },
  });
}

/** Refuse a request whose input holds a `$`-key anywhere. */
function refuseOperators(value: unknown): void {
  const smuggled = operatorKey(value);
  if (smuggled)
    failWith({
      code: 'REQUEST.INVALID',
      details: `keys starting with "$" are not accepted (${smuggled})`,
    });
}

export { DomainFailure };
