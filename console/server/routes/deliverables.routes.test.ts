import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditModel } from '../../../domain/audit/audit.model.js';
import { htmlBytes, pdfBytes, solidImage } from '../../../domain/media/testing/media-fixtures.js';
import { type Order, orderModel } from '../../../domain/orders/order.model.js';
import { DELIVERABLE_MAX_BYTES } from '../../../domain/orders/order-deliverable.rules.js';
import { outboxModel } from '../../../domain/outbox/outbox.model.js';
import { catalogOrder, resetShop } from '../../../domain/payments/testing/payment-fixtures.js';
import { useTestDatabase } from '../../../domain/platform/testing/database.js';
import type { App } from '../app.js';
import { buildTestApp, loginAs, staffUser } from '../testing/app-harness.js';

const db = useTestDatabase();
const at = new Date('2026-11-20T03:00:00Z');
let app: App;
let dataDir: string;
let headers: { cookie: string; 'x-csrf-token': string };
let order: Order;
let other: Order;

beforeAll(async () => {
  const contact = await resetShop(db.connection, at);
  order = await catalogOrder(db.connection, contact, at);
  other = await catalogOrder(db.connection, contact, at);
  dataDir = await mkdtemp(path.join(tmpdir(), 'pesanin-deliverables-'));
  ({ app } = await buildTestApp(db.connection, { dataDir }));
  await staffUser(db.connection, 'admin');
  headers = await loginAs(app, 'admin');
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

interface FilePart {
  data: Buffer;
  type: string;
  name: string;
  field?: string;
}

/** A real multipart/form-data body: the bytes and the content type (with its boundary) from one Response. */
async function form(files: FilePart[], fields: Record<string, string> = {}) {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  for (const file of files)
    data.append(file.field ?? 'file', new Blob([new Uint8Array(file.data)], { type: file.type }), file.name);
  const response = new Response(data);
  const contentType = response.headers.get('content-type');
  if (!contentType) throw new Error('FormData gave no content type');
  return { payload: Buffer.from(await response.arrayBuffer()), contentType };
}

async function upload(
  number: string,
  files: FilePart[],
  options: { fields?: Record<string, string>; headers?: Record<string, string> } = {},
) {
  const body = await form(files, options.fields);
  return app.inject({
    method: 'POST',
    url: `/api/orders/${number}/deliverables`,
    headers: { ...(options.headers ?? headers), 'content-type': body.contentType },
    payload: body.payload,
  });
}

/** Every stored file, relative to the data directory. */
async function storedFiles(): Promise<string[]> {
  const entries = await readdir(dataDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dataDir, path.join(entry.parentPath, entry.name)))
    .sort();
}

const outboxFor = (number: string) =>
  outboxModel(db.connection)
    .find({ key: new RegExp(`^deliverable:${number}:`) })
    .lean();
const pdf = (): FilePart => ({ data: pdfBytes(), type: 'application/pdf', name: 'Desain final.pdf' });

describe('uploading a deliverable', () => {
  it('stores a PDF, records it on the order and queues it for the customer with a caption', async () => {
    const response = await upload(order.number, [pdf()]);
    expect(response.statusCode).toBe(201);
    const { deliverable, added, queued } = response.json();
    expect({ added, queued }).toEqual({ added: true, queued: true });
    expect(deliverable).toMatchObject({
      name: 'Desain final.pdf',
      mime: 'application/pdf',
      kind: 'document',
      size: pdfBytes().length,
      uploadedBy: 'Test admin',
      previewUrl: null,
    });
    const detail = (await app.inject({ method: 'GET', url: `/api/orders/${order.number}`, headers })).json();
    expect(detail.deliverables).toEqual([deliverable]);
    const [item, ...more] = await outboxFor(order.number);
    expect(more).toEqual([]);
    expect(item).toMatchObject({
      chatId: order.chatId,
      state: 'pending',
      origin: 'staff',
      media: { mime: 'application/pdf', filename: 'Desain final.pdf' },
    });
    expect(item?.text).toContain(order.number);
    expect(await readFile(path.join(dataDir, item?.media?.path ?? 'missing'))).toEqual(pdfBytes());
    expect(await auditModel(db.connection).countDocuments({ action: 'deliverable_added' })).toBe(1);
  });

  it('stores a PNG re-encoded (an opaque one as JPEG) with a preview, named after what it became', async () => {
    const png = await solidImage('png', { width: 64, height: 48 });
    const response = await upload(order.number, [{ data: png, type: 'image/png', name: 'foto-buket.png' }]);
    expect(response.statusCode).toBe(201);
    const { deliverable } = response.json();
    expect(deliverable).toMatchObject({ name: 'foto-buket.jpg', mime: 'image/jpeg', kind: 'image' });
    expect(deliverable.previewUrl).toBe(`${deliverable.url}?variant=preview`);
    const [, item] = await outboxFor(order.number).then((items) =>
      items.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()),
    );
    expect(item?.media).toMatchObject({ mime: 'image/jpeg', filename: 'foto-buket.jpg' });
  });

  it('records and sends the same upload once', async () => {
    const before = await storedFiles();
    const again = await upload(order.number, [{ ...pdf(), name: 'lagi.pdf' }]);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({
      added: false,
      queued: false,
      deliverable: { name: 'Desain final.pdf' },
    });
    expect(await outboxFor(order.number)).toHaveLength(2); // the PDF and the PNG, each once
    expect(await storedFiles()).toEqual(before);
    // The same file for another order is that order's deliverable, sent to its customer.
    const elsewhere = await upload(other.number, [pdf()]);
    expect(elsewhere.statusCode).toBe(201);
    expect(await outboxFor(other.number)).toHaveLength(1);
  });
});

describe('refusals store nothing', () => {
  const unchanged = async (check: () => Promise<void>) => {
    const files = await storedFiles();
    const queued = await outboxModel(db.connection).countDocuments();
    const recorded = (await orderModel(db.connection).findOne({ number: order.number }).lean<Order>())
      ?.deliverables?.length;
    await check();
    expect(await storedFiles()).toEqual(files);
    expect(await outboxModel(db.connection).countDocuments()).toBe(queued);
    expect(
      (await orderModel(db.connection).findOne({ number: order.number }).lean<Order>())?.deliverables?.length,
    ).toBe(recorded);
  };

  it('refuses a file over 10 MB with 413', async () => {
    await unchanged(async () => {
      const big = Buffer.concat([pdfBytes(), Buffer.alloc(DELIVERABLE_MAX_BYTES)]);
      const response = await upload(order.number, [
        { data: big, type: 'application/pdf', name: 'besar.pdf' },
      ]);
      expect(response.statusCode).toBe(413);
      expect(response.json()).toMatchObject({ error: 'MEDIA.TOO_LARGE', maxBytes: DELIVERABLE_MAX_BYTES });
      expect(response.json().details).toContain('10.0 MB');
    });
  });

  it('refuses bytes that are not an accepted type, whatever the name and Content-Type say, naming the accepted ones', async () => {
    await unchanged(async () => {
      const text = await upload(order.number, [
        { data: Buffer.from('just some text\n'), type: 'image/png', name: 'x.png' },
      ]);
      expect(text.statusCode).toBe(415);
      expect(text.json()).toMatchObject({ error: 'MEDIA.TYPE_MISMATCH' });
      expect(text.json().details).toContain('application/pdf');
      expect(text.json().accepted).toContain('image/jpeg');
      const page = await upload(order.number, [
        { data: htmlBytes(), type: 'application/pdf', name: 'invoice.pdf' },
      ]);
      expect(page.statusCode).toBe(415);
      const gif = await upload(order.number, [
        { data: await solidImage('gif', { width: 8, height: 8 }), type: 'image/gif', name: 'a.gif' },
      ]);
      expect(gif.statusCode).toBe(415);
      expect(gif.json()).toMatchObject({ error: 'MEDIA.TYPE_NOT_ACCEPTED' });
    });
  });

  it('refuses an image whose bytes start right but do not decode with 422', async () => {
    await unchanged(async () => {
      const png = await solidImage('png', { width: 300, height: 200 });
      const cut = png.subarray(0, 60);
      const response = await upload(order.number, [{ data: cut, type: 'image/png', name: 'cut.png' }]);
      expect(response.statusCode).toBe(422);
      expect(response.json()).toMatchObject({ error: 'MEDIA.UNREADABLE' });
    });
  });

  it('needs a signed-in user and the CSRF token', async () => {
    await unchanged(async () => {
      const anonymous = await upload(order.number, [pdf()], { headers: {} });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json()).toMatchObject({ error: 'AUTH.REQUIRED' });
      const noToken = await upload(order.number, [pdf()], { headers: { cookie: headers.cookie } });
      expect(noToken.statusCode).toBe(403);
      expect(noToken.json()).toMatchObject({ error: 'AUTH.CSRF' });
    });
  });

  it('answers 404 for an unknown order and 400 for a bad number', async () => {
    await unchanged(async () => {
      // Bytes never stored before, so a stored file would show.
      const fresh = Buffer.concat([pdfBytes(), Buffer.from('% another\n')]);
      const unknown = await upload('ORD-202611-0999', [{ ...pdf(), data: fresh }]);
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toMatchObject({ error: 'ORDER.NOT_FOUND' });
      expect((await upload('nomor-asal', [pdf()])).statusCode).toBe(400);
    });
  });

  it('refuses a form without exactly one file in the "file" field, unknown fields, and a body that is not a form', async () => {
    await unchanged(async () => {
      const none = await upload(order.number, []);
      expect(none.statusCode).toBe(400);
      expect(none.json()).toMatchObject({ error: 'UPLOAD.NO_FILE' });
      const wrongField = await upload(order.number, [{ ...pdf(), field: 'berkas' }]);
      expect(wrongField.statusCode).toBe(400);
      expect(wrongField.json().details).toContain('"file"');
      const two = await upload(order.number, [pdf(), { ...pdf(), name: 'b.pdf' }]);
      expect(two.statusCode).toBe(413);
      expect(two.json()).toMatchObject({ error: 'UPLOAD.TOO_MANY_PARTS' });
      const extra = await upload(order.number, [pdf()], { fields: { role: 'owner' } });
      expect(extra.statusCode).toBe(400);
      expect(extra.json()).toMatchObject({ error: 'REQUEST.INVALID' });
      expect(extra.json().details).toContain('role');
      const operator = await upload(order.number, [pdf()], { fields: { $where: '1' } });
      expect(operator.statusCode).toBe(400);
      expect(operator.json().details).toContain('$where');
      const json = await app.inject({
        method: 'POST',
        url: `/api/orders/${order.number}/deliverables`,
        headers,
        payload: { file: 'JVBERi0=' },
      });
      expect(json.statusCode).toBe(415);
      expect(json.json()).toMatchObject({ error: 'UPLOAD.NOT_MULTIPART' });
    });
  });

  it('leaves multipart bodies to upload routes: any other route refuses one', async () => {
    const body = await form([pdf()], { text: 'halo' });
    const response = await app.inject({
      method: 'POST',
      url: `/api/orders/${order.number}/reply`,
      headers: { ...headers, 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(response.statusCode).toBe(415);
    expect(await outboxModel(db.connection).countDocuments({ key: /^console-reply:/ })).toBe(0);
  });
});

describe('downloading a deliverable', () => {
  const detail = async () =>
    (await app.inject({ method: 'GET', url: `/api/orders/${order.number}`, headers })).json()
      .deliverables as {
      url: string;
      previewUrl: string | null;
      kind: string;
    }[];

  it('serves a document as an attachment with its stored type, never sniffed', async () => {
    const [document] = (await detail()).filter((deliverable) => deliverable.kind === 'document');
    const response = await app.inject({ method: 'GET', url: document!.url, headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({
      'content-type': 'application/pdf',
      'x-content-type-options': 'nosniff',
    });
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="Desain final\.pdf"/);
    expect(response.rawPayload).toEqual(pdfBytes());
  });

  it('shows an image inline, and its preview', async () => {
    const [image] = (await detail()).filter((deliverable) => deliverable.kind === 'image');
    const full = await app.inject({ method: 'GET', url: image!.url, headers });
    expect(full.statusCode).toBe(200);
    expect(full.headers['content-type']).toBe('image/jpeg');
    expect(full.headers['content-disposition']).toMatch(/^inline; /);
    const preview = await app.inject({ method: 'GET', url: image!.previewUrl!, headers });
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['content-type']).toBe('image/webp');
  });

  it('is for signed-in staff, and answers 404 for what does not exist', async () => {
    const [first] = await detail();
    expect((await app.inject({ method: 'GET', url: first!.url })).statusCode).toBe(401);
    const unknown = await app.inject({
      method: 'GET',
      url: `/api/orders/${order.number}/deliverables/${'0'.repeat(24)}`,
      headers,
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: 'DELIVERABLE.NOT_FOUND' });
    const [document] = (await detail()).filter((deliverable) => deliverable.kind === 'document');
    const noPreview = await app.inject({ method: 'GET', url: `${document!.url}?variant=preview`, headers });
    expect(noPreview.statusCode).toBe(404);
    const elsewhere = await app.inject({
      method: 'GET',
      url: first!.url.replace(order.number, other.number),
      headers,
    });
    expect(elsewhere.statusCode).toBe(404);
  });
});
