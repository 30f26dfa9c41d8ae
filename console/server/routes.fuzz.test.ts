import { Writable } from 'node:stream';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { fuzzParams, fuzzTimeout } from '../../bot/testing/fuzz.js';
import { NewProductSchema, ProductFieldsSchema } from '../../domain/catalog/product.use-case.js';
import { contactModel } from '../../domain/contacts/contact.model.js';
import { leadModel } from '../../domain/leads/lead.model.js';
import { flagForStaff } from '../../domain/messages/attention.use-case.js';
import { messageModel } from '../../domain/messages/message.model.js';
import { orderModel } from '../../domain/orders/order.model.js';
import { OrderDetailsPatchSchema } from '../../domain/orders/order.use-case.js';
import { paymentModel } from '../../domain/payments/payment.model.js';
import { ManualClock } from '../../domain/platform/clock.js';
import { createLogger } from '../../domain/platform/logger.js';
import { useTestDatabase } from '../../domain/platform/testing/database.js';
import { NOW, seedShop } from '../../domain/reports/testing/shop-fixture.js';
import { SettingsPatchSchema } from '../../domain/settings/settings.schema.js';
import { taskModel } from '../../domain/tasks/task.model.js';
import { userModel } from '../../domain/users/user.model.js';
import { type App, buildApp } from './app.js';
import type { AnyRoute } from './route.js';
import { ALL_ROUTES } from './routes/index.js';
import { loginAs, staffUser } from './testing/app-harness.js';
import { bodyFor, shapedBy } from './testing/json-arbitrary.js';

// Issue 10 item 6: every console route, given arbitrary bodies, queries and path parameters, answers
// 2xx or 4xx with the error envelope {error, details}, never 5xx. Runs against a seeded shop, signed in
// as the owner. FUZZ_RUNS scales the count (divided by 100: each run is an HTTP request and queries).

const db = useTestDatabase();
const CHANGE_RUNS = 25;
const READ_RUNS = 8;
const COSTLY = 100;

/** Routes that end the test's own session; the authorisation matrix covers them (security.test.ts). */
const SKIPPED = new Set(['DELETE /api/session']);

/** Record bodies checked deeper, in the use case: fuzz them with that schema's shape. */
const DEEPER_BODIES: Record<string, z.ZodType> = {
  'PATCH /api/orders/:number': OrderDetailsPatchSchema,
  'POST /api/products': NewProductSchema,
  'PATCH /api/products/:sku': ProductFieldsSchema.partial(),
  'PATCH /api/settings': SettingsPatchSchema,
};

let app: App;
let owner: { cookie: string; 'x-csrf-token': string };
/** Ids, numbers and keys that exist in the seeded shop, for path parameters. */
let known: string[] = [];
const errors: string[] = [];

beforeAll(async () => {
  const { connection } = db;
  await seedShop(connection);
  const ani = await contactModel(connection).findOne({ name: 'Ani' }).lean();
  for (const [index, waId] of [
    'false_6281200000001@c.us_3EB0F1',
    'false_6281200000001@c.us_3EB0F2',
  ].entries()) {
    await messageModel(connection).create({
      waId,
      chatId: ani!.chatId,
      direction: 'in',
      author: 'customer',
      type: 'text',
      body: 'kak bisa bikin buket kayak gini?',
      sentAt: NOW,
      receivedAt: NOW,
    });
    await flagForStaff(connection, waId, index === 0 ? 'unclear' : 'handover', NOW);
  }
  const ownerUser = await staffUser(connection, 'owner');
  await staffUser(connection, 'admin');
  const collect = async (values: Promise<unknown[]>) => (await values).map(String);
  known = [
    ...(await collect(orderModel(connection).distinct('number'))),
    ...(await collect(paymentModel(connection).distinct('number'))),
    ...(await collect(taskModel(connection).distinct('number'))),
    ...(await collect(leadModel(connection).distinct('_id'))),
    ...(await collect(contactModel(connection).distinct('_id'))),
    ...(await collect(contactModel(connection).distinct('chatId'))),
    ...(await collect(messageModel(connection).distinct('waId'))),
    // Not the owner: switching the signed-in owner off would end the run's session.
    ...(await collect(userModel(connection).distinct('_id', { _id: { $ne: ownerUser._id } }))),
    'mawar',
  ];
  const log = createLogger(
    { env: 'test', logLevel: 'error' },
    'console-fuzz',
    new Writable({
      write(chunk, _encoding, done) {
        errors.push(String(chunk));
        done();
      },
    }),
  );
  app = await buildApp({ connection, log, clock: new ManualClock(NOW) });
  owner = await loginAs(app, 'owner');
});

const segment = fc.oneof(
  fc.string({ minLength: 1, maxLength: 30 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 120 }),
  fc.constantFrom(
    '0',
    '-1',
    '1e999',
    'null',
    'undefined',
    '%00',
    '..',
    'ORD-202611-0001',
    '000000000000000000000000',
  ),
);

/** A value for each `:param` of the route: one that exists, one of its schema's shape, or anything. */
function paramsFor(route: AnyRoute): fc.Arbitrary<Record<string, string>> {
  const names = [...route.url.matchAll(/:(\w+)/g)].map((match) => match[1]!);
  const shaped = route.params ? shapedBy(route.params) : fc.constant({});
  return fc
    .tuple(
      shaped,
      fc.array(fc.oneof(fc.constantFrom(...known), segment), {
        minLength: names.length,
        maxLength: names.length,
      }),
      fc.boolean(),
    )
    .map(([fromSchema, picked, useSchema]) =>
      Object.fromEntries(
        names.map((name, index) => {
          const own = (fromSchema as Record<string, unknown> | null)?.[name];
          return [name, useSchema && typeof own === 'string' && own !== '' ? own : picked[index]!];
        }),
      ),
    );
}

const queryValue = (value: unknown): string | string[] =>
  Array.isArray(value)
    ? value.map((item) => String(item))
    : typeof value === 'object' && value !== null
      ? JSON.stringify(value)
      : String(value);

/** A query of the route's schema's shape (as strings), or arbitrary keys and values. */
function queryFor(route: AnyRoute): fc.Arbitrary<Record<string, string | string[]>> {
  const arbitrary = fc.dictionary(
    fc.string({ maxLength: 12 }),
    fc.oneof(fc.string({ maxLength: 40 }), fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 })),
    { maxKeys: 3 },
  );
  if (!route.query) return fc.oneof(fc.constant({}), arbitrary);
  const shaped = shapedBy(route.query).map((value) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, queryValue(inner)]))
      : {},
  );
  return fc.oneof(shaped, shaped, arbitrary);
}

/** The body as sent: JSON mostly, sometimes broken JSON or another content type. */
const payloadFor = (route: AnyRoute) =>
  fc.oneof(
    {
      weight: 8,
      arbitrary: bodyFor(DEEPER_BODIES[`${route.method} ${route.url}`] ?? route.body).map((body) => ({
        type: 'application/json',
        payload: JSON.stringify(body) ?? 'null',
      })),
    },
    {
      weight: 1,
      arbitrary: fc
        .string({ maxLength: 60 })
        .map((text) => ({ type: 'application/json', payload: `{${text}` })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x')
        .map((type) => ({ type, payload: 'a=1' })),
    },
  );

const urlOf = (route: AnyRoute, params: Record<string, string>) =>
  route.url.replace(/:(\w+)/g, (_whole, name: string) => encodeURIComponent(params[name] ?? 'x'));

async function send(
  route: AnyRoute,
  params: Record<string, string>,
  query: Record<string, string | string[]>,
  body?: { type: string; payload: string },
) {
  const request = () =>
    app.inject({
      method: route.method,
      url: urlOf(route, params),
      query,
      headers: { ...owner, ...(body && { 'content-type': body.type }) },
      ...(body && { payload: body.payload }),
    });
  let response = await request();
  // A run that changed the owner's password or sessions: sign in again and repeat the request once.
  if (response.statusCode === 401 && response.json().error === 'AUTH.REQUIRED') {
    owner = await loginAs(app, 'owner');
    response = await request();
  }
  return response;
}

/** 2xx, or 4xx with the error envelope; never 5xx. */
function checkAnswer(route: AnyRoute, response: Awaited<ReturnType<typeof send>>, input: unknown): void {
  const where = `${route.method} ${route.url} ${JSON.stringify(input).slice(0, 500)}`;
  expect(response.statusCode, `${where}\n${errors.slice(-3).join('')}`).toBeLessThan(500);
  if (response.statusCode < 400) return;
  const answer: unknown = response.json();
  expect(answer, where).toMatchObject({ error: expect.any(String), details: expect.any(String) });
}

const testable = ALL_ROUTES.filter((route) => !SKIPPED.has(`${route.method} ${route.url}`));
const changes = testable.filter((route) => route.method !== 'GET');
const reads = testable.filter((route) => route.method === 'GET' && (route.query || route.url.includes(':')));

describe('console routes, fuzzed as the owner', () => {
  it.each(changes.map((route) => [`${route.method} ${route.url}`, route] as const))(
    '%s: arbitrary bodies and parameters get 2xx or 4xx {error, details}',
    async (_name, route) => {
      await fc.assert(
        fc.asyncProperty(
          paramsFor(route),
          queryFor(route),
          payloadFor(route),
          async (params, query, body) => {
            checkAnswer(route, await send(route, params, route.query ? query : {}, body), {
              params,
              query,
              body,
            });
          },
        ),
        fuzzParams(CHANGE_RUNS, COSTLY),
      );
    },
    fuzzTimeout(CHANGE_RUNS, 300, COSTLY),
  );

  it.each(reads.map((route) => [`${route.method} ${route.url}`, route] as const))(
    '%s: arbitrary queries and parameters get 2xx or 4xx {error, details}',
    async (_name, route) => {
      await fc.assert(
        fc.asyncProperty(paramsFor(route), queryFor(route), async (params, query) => {
          checkAnswer(route, await send(route, params, query), { params, query });
        }),
        fuzzParams(READ_RUNS, COSTLY),
      );
    },
    fuzzTimeout(READ_RUNS, 1000, COSTLY),
  );
});
