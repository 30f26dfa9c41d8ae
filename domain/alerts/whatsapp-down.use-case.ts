import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Connection, Types } from 'mongoose';
import { describeError } from '../platform/errors.js';
import type { Logger } from '../platform/logger.js';
import type { Settings } from '../settings/settings.model.js';
import { getSettings } from '../settings/settings.use-case.js';
import { type MailProgress, outageModel, type WhatsAppOutage } from '../whatsapp/outage.model.js';
import { needsScan, OUTAGE_ALERT_AFTER_MS } from '../whatsapp/outage.rules.js';
import type { Mailer } from './mailer.js';
import { OUTAGE_MAIL_TEXTS } from './whatsapp-down.texts.js';

/** A claim on an e-mail older than this belongs to a job run that died mid-send: take it over. */
export const MAIL_CLAIM_TIMEOUT_MS = 5 * 60_000;

/** Tries per e-mail (one a job run, a minute apart) before giving up on an SMTP server that refuses. */
export const MAIL_MAX_ATTEMPTS = 10;

export interface WhatsAppAlertDeps {
  connection: Connection;
  mailer: Mailer;
  /** The owner's addresses (OWNER_EMAIL). */
  to: string[];
  log: Logger;
  now: Date;
}

type MailKind = 'downMail' | 'backMail';

/**
 * E-mail the owner about WhatsApp outages (issue 13 item 4): once when an outage has outlasted the
 * reconnect budget ("WhatsApp is down"), and once when that outage ends ("it's back"). Each e-mail is
 * claimed on its outage before it is sent and marked sent after, so overlapping runs, flapping states and
 * restarts never send one twice; a failed send is tried again on the next run. Returns what was sent.
 */
export async function sendWhatsAppAlerts(deps: WhatsAppAlertDeps): Promise<{ down: number; back: number }> {
  const { now } = deps;
  const sent = { downMail: 0, backMail: 0 };
  const due: Record<MailKind, Record<string, unknown>> = {
    downMail: { open: true, openedAt: { $lte: new Date(now.getTime() - OUTAGE_ALERT_AFTER_MS) } },
    backMail: { open: false, 'downMail.sentAt': { $exists: true } },
  };
  for (const kind of ['downMail', 'backMail'] as const) {
    // Each outage is tried once per run: a failed send waits for the next run, a minute later.
    const tried: Types.ObjectId[] = [];
    for (;;) {
      const outage = await claim(deps, kind, { ...due[kind], _id: { $nin: tried } });
      if (!outage) break;
      tried.push(outage._id);
      if (await send(deps, outage, kind)) sent[kind] += 1;
    }
  }
  return { down: sent.downMail, back: sent.backMail };
}

/** Take the e-mail of one outage matching `filter` that is due and not being sent by another run. */
async function claim(
  { connection, now }: WhatsAppAlertDeps,
  kind: MailKind,
  filter: Record<string, unknown>,
): Promise<WhatsAppOutage | null> {
  return outageModel(connection)
    .findOneAndUpdate(
      {
        ...filter,
        [`${kind}.sentAt`]: { $exists: false },
        [`${kind}.attempts`]: { $lt: MAIL_MAX_ATTEMPTS },
        $or: [
          { [`${kind}.claimedAt`]: { $exists: false } },
          { [`${kind}.claimedAt`]: { $lte: new Date(now.getTime() - MAIL_CLAIM_TIMEOUT_MS) } },
        ],
      },
      { $set: { [`${kind}.claimedAt`]: now }, $inc: { [`${kind}.attempts`]: 1 } },
      { returnDocument: 'after', sort: { openedAt: 1 } },
    )
    .lean<WhatsAppOutage>();
}

/** Send one claimed e-mail and record the outcome; a failure is logged and left for the next run. */
async function send(deps: WhatsAppAlertDeps, outage: WhatsAppOutage, kind: MailKind): Promise<boolean> {
  const { connection, mailer, to, log, now } = deps;
  const settings = await getSettings(connection);
  const mail = kind === 'downMail' ? downMail(settings, outage) : backMail(settings, outage);
  const progress: MailProgress = outage[kind];
  try {
    await mailer.send({ to, ...mail });
  } catch (error) {
    const reason = describeError(error);
    await outageModel(connection).updateOne(
      { _id: outage._id },
      { $set: { [`${kind}.error`]: reason }, $unset: { [`${kind}.claimedAt`]: 1 } },
    );
    const last = progress.attempts >= MAIL_MAX_ATTEMPTS;
    log.error(
      { err: error, outageId: String(outage._id), attempt: progress.attempts },
      `WhatsApp alert e-mail to ${to.join(', ')} failed: ${reason}${last ? '; giving up' : '; trying again next minute'}`,
    );
    return false;
  }
  await outageModel(connection).updateOne(
    { _id: outage._id },
    { $set: { [`${kind}.sentAt`]: now }, $unset: { [`${kind}.claimedAt`]: 1, [`${kind}.error`]: 1 } },
  );
  log.info(
    { outageId: String(outage._id), to },
    kind === 'downMail' ? 'WhatsApp is down: owner e-mailed' : 'WhatsApp is back: owner e-mailed',
  );
  return true;
}

const fill = (text: string, params: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);

/** A moment on the shop's wall clock: 23/11/2026 10:05 (Asia/Jakarta). */
const localTime = (at: Date, timeZone: string) =>
  `${format(new TZDate(at.getTime(), timeZone), 'dd/MM/yyyy HH:mm')} (${timeZone})`;

function downMail(settings: Settings, outage: WhatsAppOutage): { subject: string; text: string } {
  const texts = OUTAGE_MAIL_TEXTS[settings.locale];
  const params = {
    shop: settings.shopName,
    since: localTime(outage.openedAt, settings.timeZone),
    state: outage.detail ? `${outage.state}, ${outage.detail}` : outage.state,
    url: `${settings.publicBaseUrl}/whatsapp`,
  };
  const action = needsScan(outage.state) ? texts.scanAction : texts.reconnectAction;
  return {
    subject: fill(texts.downSubject, params),
    text: [fill(texts.downIntro, params), action, fill(texts.downFooter, params)].join('\n\n'),
  };
}

function backMail(settings: Settings, outage: WhatsAppOutage): { subject: string; text: string } {
  const texts = OUTAGE_MAIL_TEXTS[settings.locale];
  const closedAt = outage.closedAt ?? outage.updatedAt;
  const minutes = Math.max(1, Math.round((closedAt.getTime() - outage.openedAt.getTime()) / 60_000));
  const hours = Math.floor(minutes / 60);
  const duration = [
    hours > 0 ? fill(texts.hours, { n: String(hours) }) : '',
    minutes % 60 > 0 ? fill(texts.minutes, { n: String(minutes % 60) }) : '',
  ]
    .filter(Boolean)
    .join(' ');
  const params = {
    shop: settings.shopName,
    at: localTime(closedAt, settings.timeZone),
    since: localTime(outage.openedAt, settings.timeZone),
    duration,
    url: `${settings.publicBaseUrl}/inbox`,
  };
  return {
    subject: fill(texts.backSubject, params),
    text: [fill(texts.backIntro, params), fill(texts.backFooter, params)].join('\n\n'),
  };
}
