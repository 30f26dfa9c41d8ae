import type { AdminText } from './admin.id.js';

/** Replies to staff commands on WhatsApp (bot/admin), in English; every Indonesian text must have its counterpart. */
export const adminEn: Record<AdminText, string> = {};
