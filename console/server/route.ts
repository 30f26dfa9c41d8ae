import type { FastifyReply } from 'fastify';
import type { Connection } from 'mongoose';
import type { z } from 'zod';
import type { Actor } from '../../domain/audit/audit.model.js';
import type { MediaKind, MediaMime } from '../../domain/media/media.rules.js';
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
  /** Where stored files live (DATA_DIR); undefined when the app was built without one (tests keeping no files). */
  dataDir: string | undefined;
  /** The client's address (the proxy's X-Forwarded-For when it is trusted) and User-Agent, for the activity log. */
  ip: string;
  userAgent: string | undefined;
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

/**
 * Plain-text types an upload route may take, by the file name's extension. Text has no magic bytes, so
 * such a file is taken only when its name ends in the extension AND its bytes are UTF-8 text without NULs.
 */
export const TEXT_UPLOAD_TYPES = { 'text/csv': 'csv', 'text/plain': 'txt' } as const;
export type TextMime = keyof typeof TEXT_UPLOAD_TYPES;

/** What an upload route takes: one file of at most `maxBytes`, of one of the `accept` types by its bytes. */
export interface UploadSpec {
  maxBytes: number;
  /** Decided by magic bytes, never by the client's Content-Type or file name. */
  accept: readonly MediaMime[];
  /** Plain-text types also taken (see TEXT_UPLOAD_TYPES); none unless listed. */
  acceptText?: readonly TextMime[];
  /** The form field carrying the file; default `file`. */
  field?: string;
}

/** The file of an upload, already checked against the route's UploadSpec. */
export interface UploadedFile {
  data: Buffer;
  /** The type its bytes establish (for text: its extension, once the bytes proved to be UTF-8 text). */
  mime: MediaMime | TextMime;
  kind: MediaKind | 'text';
  /** What the client called it and said it was: for display and logs only. */
  filename?: string;
  claimedMime: string;
}

/**
 * A route taking a multipart/form-data upload: the file reaches the handler checked (size, type by its
 * bytes), and `body` describes the form's other fields (text values).
 */
export interface UploadRouteSpec<P = unknown, Q = unknown, B = unknown, R = unknown>
  extends Omit<RouteSpec<P, Q, B, R>, 'method' | 'handler'> {
  method: 'POST' | 'PUT';
  upload: UploadSpec;
  handler(
    input: { params: P; query: Q; body: B; file: UploadedFile },
    ctx: RouteContext,
    reply: FastifyReply,
  ): Promise<R>;
}

/** Declare a route with its types inferred from its schemas. */
export function defineRoute<P = unknown, Q = unknown, B = unknown, R = unknown>(
  spec: RouteSpec<P, Q, B, R>,
): RouteSpec<P, Q, B, R> {
  return spec;
}

/** Declare an upload route with its types inferred from its schemas. */
export function defineUploadRoute<P = unknown, Q = unknown, B = unknown, R = unknown>(
  spec: UploadRouteSpec<P, Q, B, R>,
): UploadRouteSpec<P, Q, B, R> {
  return spec;
}

/**
 * A route of any input and output, as the route table holds them: each route's types are checked where
 * it is defined, and its schemas parse the input before its handler sees it.
 */
export interface AnyRoute extends Omit<RouteSpec, 'handler'> {
  /** Set on upload routes only. */
  upload?: UploadSpec;
  handler(
    input: { params: never; query: never; body: never; file: never },
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
