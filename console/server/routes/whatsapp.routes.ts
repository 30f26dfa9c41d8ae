import QRCode from 'qrcode';
import { z } from 'zod';
import { whatsappDown } from '../../../domain/whatsapp/outage.use-case.js';
import { readSessionStatus } from '../../../domain/whatsapp/session.use-case.js';
import { defineRoute } from '../route.js';

const Status = z.object({
  whatsappDown: z
    .object({
      since: z.string(),
      state: z.string(),
      cause: z.string(),
      detail: z.string().nullable(),
      needsScan: z.boolean(),
    })
    .nullable(),
});

/** Linking the shop's WhatsApp is the owner's and managers' business (it decides who the bot speaks as). */
export const whatsappRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/whatsapp',
    access: ['owner', 'manager'],
    summary:
      "the WhatsApp session's state and, while it waits for a scan, the QR code (its text and an SVG image to scan)",
    async handler(_input, { connection }) {
      const status = await readSessionStatus(connection);
      const qrImage = status.qr
        ? `data:image/svg+xml;base64,${Buffer.from(await QRCode.toString(status.qr, { type: 'svg', margin: 2 })).toString('base64')}`
        : null;
      return { ...status, qrImage, updatedAt: status.updatedAt?.toISOString() ?? null };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/status',
    access: 'signed-in',
    summary:
      "what every page's banner shows: whatsappDown {since, state, cause, detail, needsScan} while the WhatsApp session is lost, else null",
    response: Status,
    async handler(_input, { connection, clock }) {
      return { whatsappDown: await whatsappDown(connection, clock.now()) };
    },
  }),
];
