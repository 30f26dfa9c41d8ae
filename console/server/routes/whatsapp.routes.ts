import { readSessionStatus } from '../../../domain/whatsapp/session.use-case.js';
import { defineRoute } from '../route.js';

/** Linking the shop's WhatsApp is the owner's and managers' business (it decides who the bot speaks as). */
export const whatsappRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/whatsapp',
    access: ['owner', 'manager'],
    summary: "the WhatsApp session's state and, while it waits for a scan, the QR code's text to draw",
    async handler(_input, { connection }) {
      const status = await readSessionStatus(connection);
      return { ...status, updatedAt: status.updatedAt?.toISOString() ?? null };
    },
  }),
];
