import type { FastifyReply } from 'fastify';
import type { Connection } from 'mongoose';
import type { z } from 'zod';
import type { Actor } from '../../domain/audit/audit.model.js';
import type { Clock } from '../../domain/platform/clock.js';
import type { Logger } from '../../domain/platform/logger.js';
import type { UserRole } from '../../domain/users/user.model.js';
import type { StaffUser } from '../../domain/users/user.use-case.js';

/** Who may call a route: anyone, any signed-in user, or users with one of these roles. */
export type Access = 'public' | 'signed-in' | readonly UserRole[];

/** What a handler gets besides its parsed input. */
export interface RouteContext {
  connection: Connection;
  log: Logger;
  clock: Clock;
  /** The signed-in user; null only on public routes. */
  user: StaffUser | null;
  /** The signed-in user as the actor of audited changes (a system actor on public routes). */
  actor: Actor;
  /** The session's cookie token and CSRF token, for the session routes. */
  sessionToken: string | undefined;
  csrfToken: string | undefined;
}

/** One console route: its access, its input schemas (zod, strict) and a handler calling a use case. */
export interface RouteSpec<P = unknown, Q = unknown, B = unknown, R = unknown> {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  access: Access;
  /** One line, English, for the route list. */
  summary: string;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** The answer's shape, checked by the route tests. */
  response?: z.ZodType<R>;
  /** Per-route rate limit (requests per minute per client address). */
  rateLimit?: number;
  handler(input: { params: P; query: Q; body: B }, ctx: RouteContext, reply: FastifyReply): Promise<R>;
}

/** Declare a route with its types inferred from its schemas. */
export function defineRoute<P = unknown, Q = unknown, B = unknown, R = unknown>(
  spec: RouteSpec<P, Q, B, R>,
): RouteSpec<P, Q, B, R> {
  return spec;
}

/**
 * A route of any input and output, as the route table holds them: each route's types are checked where
 * it is defined, and its schemas parse the input before its handler sees it.
 */
export interface AnyRoute extends Omit<RouteSpec, 'handler'> {
  handler(
    input: { params: never; query: never; body: never },
    ctx: RouteContext,
    reply: FastifyReply,
  ): Promise<unknown>;
}

/** Whether a user with this role may call a route with this access. */
export function allows(access: Access, role: UserRole | undefined): boolean {
  if (access === 'public') return true;
  if (role === undefined) return false;
  return access === 'signed-in' || access.includes(role);
}
