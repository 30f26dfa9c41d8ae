import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

/**
 * A WhatsApp stand-in on loopback, outside the bot process: a driver posts customer messages, the bot
 * long-polls them, acknowledges the ones it has stored (unacknowledged ones come back after a delay, as
 * WhatsApp redelivers), and every message the bot sends is recorded with its time.
 */

/** A customer message as the bot's inbox poll returns it; a file is fetched from /bot/media. */
export interface WaSimInbound {
  id: string;
  chatId: string;
  body: string;
  pushName?: string;
  /** ISO time the customer sent it. */
  timestamp: string;
  media?: { mimetype: string; filename?: string };
}

/** A file as the driver posts it and the bot downloads it: the bytes in base64. */
export interface WaSimMedia {
  mimetype: string;
  data: string;
  filename?: string;
}

/** A message the bot sent, as the driver reads it back. */
export interface WaSimSent {
  id: string;
  chatId: string;
  text: string;
  quotedMessageId?: string;
  mimetype?: string;
  /** ISO time the server received it. */
  at: string;
}

export interface WaSimOptions {
  /** 0 picks a free port. */
  port: number;
  /** How long a delivered, unacknowledged message waits before it is delivered again. */
  redeliveryMs?: number;
  /** The server's clock (tests move it by hand). */
  now?: () => number;
}

export interface WaSim {
  url: string;
  /** How many times the bot was handed this message (1 = once, more = redelivered). */
  deliveries(id: string): number;
  /** Customer messages the bot has not acknowledged yet. */
  unacked(): number;
  stop(): Promise<void>;
}

/** The request bodies the routes accept; shared with the bot's remote transport. */
const mediaBody = z.object({
  mimetype: z.string().min(1),
  data: z.base64(),
  filename: z.string().min(1).optional(),
});
export const driverMessageBody = z.object({
  chatId: z.string().min(1),
  body: z.string(),
  pushName: z.string().min(1).optional(),
  media: mediaBody.optional(),
});
/** GET /bot/media's answer. */
export const mediaAnswer = mediaBody;
export const ackBody = z.object({ ids: z.array(z.string().min(1)) });
export const sendBody = z.object({
  chatId: z.string().min(1),
  text: z.string(),
  quotedMessageId: z.string().min(1).optional(),
  mimetype: z.string().min(1).optional(),
});
const waitQuery = z.coerce.number().int().min(0).max(60_000).default(0);
const fromQuery = z.coerce.number().int().min(0).default(0);

interface Held {
  message: WaSimInbound;
  media?: WaSimMedia;
  acked: boolean;
  /** When it may be handed out (again): 0 for never delivered. */
  dueAt: number;
  deliveries: number;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Start the stand-in; resolves once it listens on 127.0.0.1. */
export async function startWaSim(options: WaSimOptions): Promise<WaSim> {
  const redeliveryMs = options.redeliveryMs ?? 5_000;
  const now = options.now ?? Date.now;
  const held: Held[] = [];
  const byId = new Map<string, Held>();
  const sent: WaSimSent[] = [];
  let sequence = 0;
  // Long polls parked until a customer writes (or their own timer runs out).
  const waiters = new Set<() => void>();
  const wakeAll = () => {
    for (const wake of [...waiters]) wake();
  };

  const due = (): WaSimInbound[] => {
    const at = now();
    const ready = held.filter((entry) => !entry.acked && entry.dueAt <= at);
    for (const entry of ready) {
      entry.dueAt = at + redeliveryMs;
      entry.deliveries += 1;
    }
    return ready.map((entry) => entry.message);
  };

  /** Wait for a message up to waitMs, waking for new posts and for redeliveries falling due. */
  const poll = async (waitMs: number, closed: () => boolean): Promise<WaSimInbound[]> => {
    const deadline = now() + waitMs;
    for (;;) {
      const ready = due();
      if (ready.length > 0 || now() >= deadline || closed()) return ready;
      const pending = held.filter((entry) => !entry.acked).map((entry) => entry.dueAt);
      const nextDue = pending.length > 0 ? Math.min(...pending) : Number.POSITIVE_INFINITY;
      const sleepMs = Math.max(1, Math.min(deadline, nextDue) - now());
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, sleepMs);
        waiters.add(done);
      });
    }
  };

  const route = async (request: IncomingMessage, response: ServerResponse): Promise<unknown> => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const key = `${request.method} ${url.pathname}`;
    switch (key) {
      case 'POST /driver/messages': {
        const input = parse(driverMessageBody, await readJson(request));
        sequence += 1;
        const message: WaSimInbound = {
          id: `wa-sim-in-${sequence}`,
          chatId: input.chatId,
          body: input.body,
          ...(input.pushName && { pushName: input.pushName }),
          timestamp: new Date(now()).toISOString(),
          ...(input.media && {
            media: {
              mimetype: input.media.mimetype,
              ...(input.media.filename && { filename: input.media.filename }),
            },
          }),
        };
        const entry: Held = {
          message,
          ...(input.media && { media: input.media }),
          acked: false,
          dueAt: 0,
          deliveries: 0,
        };
        held.push(entry);
        byId.set(message.id, entry);
        wakeAll();
        return { id: message.id };
      }
      case 'GET /bot/inbox': {
        const waitMs = parse(waitQuery, url.searchParams.get('wait') ?? undefined);
        let closed = false;
        response.once('close', () => {
          closed = true;
          wakeAll();
        });
        return { messages: await poll(waitMs, () => closed) };
      }
      case 'GET /bot/media': {
        const media = byId.get(url.searchParams.get('id') ?? '')?.media;
        if (!media) throw new HttpError(404, 'no such media');
        return media;
      }
      case 'POST /bot/ack': {
        const { ids } = parse(ackBody, await readJson(request));
        for (const id of ids) {
          const entry = byId.get(id);
          if (entry) entry.acked = true;
        }
        return { acked: ids.length };
      }
      case 'POST /bot/send': {
        const input = parse(sendBody, await readJson(request));
        sequence += 1;
        const record: WaSimSent = {
          id: `wa-sim-out-${sequence}`,
          chatId: input.chatId,
          text: input.text,
          ...(input.quotedMessageId && { quotedMessageId: input.quotedMessageId }),
          ...(input.mimetype && { mimetype: input.mimetype }),
          at: new Date(now()).toISOString(),
        };
        sent.push(record);
        return { id: record.id };
      }
      case 'GET /driver/sent': {
        // `from` skips the records a driver has read already (they are only ever appended).
        const from = parse(fromQuery, url.searchParams.get('from') ?? undefined);
        const chatId = url.searchParams.get('chatId');
        const tail = sent.slice(from);
        return { sent: chatId ? tail.filter((record) => record.chatId === chatId) : tail };
      }
      case 'GET /driver/state': {
        return {
          inbound: held.length,
          unacked: held.filter((entry) => !entry.acked).length,
          sent: sent.length,
        };
      }
      default:
        throw new HttpError(404, `no route ${key}`);
    }
  };

  const server = createServer((request, response) => {
    route(request, response).then(
      (body) => reply(response, 200, body),
      (error: unknown) => {
        if (error instanceof HttpError) {
          reply(response, error.status, { error: error.message, details: error.details ?? null });
        } else {
          reply(response, 500, { error: error instanceof Error ? error.message : String(error) });
        }
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    deliveries: (id) => byId.get(id)?.deliveries ?? 0,
    unacked: () => held.filter((entry) => !entry.acked).length,
    async stop() {
      const closing = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      wakeAll();
      await closing;
    },
  };
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new HttpError(400, 'invalid request', z.treeifyError(result.error));
  return result.data;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, 'body is not JSON', error instanceof Error ? error.message : null);
  }
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  if (response.writableEnded || response.destroyed) return;
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
