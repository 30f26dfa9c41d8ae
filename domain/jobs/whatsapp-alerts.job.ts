import { sendWhatsAppAlerts } from '../alerts/whatsapp-down.use-case.js';
import type { JobDeps, JobHandler } from './job.js';

export const WHATSAPP_ALERTS = 'whatsapp-alerts';

/**
 * E-mail the owner when a WhatsApp outage has outlasted the reconnect budget, and when it ends (once
 * each per outage). Does nothing without SMTP settings; the console banner needs no job.
 */
export const whatsappAlertsJob: JobHandler = {
  name: WHATSAPP_ALERTS,
  async run({ connection, log, now, ownerMail }: JobDeps) {
    if (!ownerMail) return;
    await sendWhatsAppAlerts({ connection, log, now, ...ownerMail });
  },
};
