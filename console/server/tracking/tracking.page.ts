import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Connection } from 'mongoose';
import { formatRupiah } from '../../../domain/i18n/messages.js';
import type { Order } from '../../../domain/orders/order.model.js';
import { looksLikeTrackingToken } from '../../../domain/orders/order.rules.js';
import { findOrderByToken } from '../../../domain/orders/order.use-case.js';
import type { Settings } from '../../../domain/settings/settings.model.js';
import { getSettings } from '../../../domain/settings/settings.use-case.js';
import { type TrackingText, trackingText } from './tracking.texts.js';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const html = (text: string): string => text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);

/**
 * A delivery address cut to its street name, so the customer can spot a wrong one while a stranger with
 * the link learns no house: "Jl. Melati No. 5 RT 02, Bandung" → "Jl. Melati".
 */
export function streetOnly(address: string): string {
  const first = address.split(/[,\n]/)[0] ?? '';
  return first
    .replace(/\b(no|nomor|nomer|blok|rt|rw|kav|gg)\b\.?.*$/i, '')
    .replace(/\d.*$/, '')
    .trim();
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f4f6fa;color:#0b1f3a}
main{max-width:34rem;margin:0 auto;padding:1.5rem 1rem}h1{font-size:1.3rem;margin:0 0 1rem}
.card{background:#fff;border-radius:12px;padding:1rem 1.2rem;margin-bottom:1rem;box-shadow:0 1px 3px #0002}
.status{display:inline-block;background:#ffd400;color:#0b1f3a;border-radius:999px;padding:.1rem .8rem;font-weight:600}
dt{color:#556;font-size:.85rem}dd{margin:0 0 .6rem}ol{padding-left:1.2rem;margin:0}li{margin:.2rem 0}
a.chat{display:block;text-align:center;background:#0b1f3a;color:#fff;border-radius:10px;padding:.7rem;text-decoration:none}`;

function page(lang: string, title: string, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${html(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

/** The order as its customer may see it: no phone number, no name, the address cut to its street. */
export function renderTracking(order: Order, settings: Settings): string {
  const t = (key: TrackingText, params?: Record<string, string>) =>
    trackingText(settings.locale, key, params);
  const when = (at: Date) => format(at, 'd/M/yyyy HH:mm', { in: tz(settings.timeZone) });
  const lines =
    order.kind === 'catalog'
      ? order.items.map((item) => `<li>${item.qty}× ${html(item.name)}</li>`).join('')
      : `<li>${html([order.custom?.category, order.custom?.description].filter(Boolean).join(': '))}</li>`;
  const history = order.timeline
    .map((entry) => `<li>${html(when(entry.at))} — ${html(t(`status.${entry.status}`))}</li>`)
    .join('');
  const { fulfilment } = order;
  const street = fulfilment.method === 'delivery' && fulfilment.address ? streetOnly(fulfilment.address) : '';
  const chat = settings.shopWhatsApp
    ? `<a class="chat" href="https://wa.me/${html(settings.shopWhatsApp.replace(/^\+/, ''))}?text=${encodeURIComponent(order.number)}">${html(t('chat', { shop: settings.shopName }))}</a>`
    : '';
  const body = `<h1>${html(settings.shopName)} · ${html(t('title'))}</h1>
<div class="card"><dl><dt>${html(t('order'))}</dt><dd><strong>${html(order.number)}</strong></dd>
<dt>${html(t('status'))}</dt><dd><span class="status">${html(t(`status.${order.status}`))}</span></dd>
<dt>${html(t(order.kind === 'catalog' ? 'items' : 'brief'))}</dt><dd><ul>${lines}</ul></dd>
<dt>${html(t('total'))}</dt><dd>${html(formatRupiah(order.total))}</dd>
<dt>${html(t('payment'))}</dt><dd>${html(t(`payment.${order.paymentStatus}`))}</dd>
${fulfilment.method ? `<dt>${html(t('fulfilment'))}</dt><dd>${html(t(`fulfilment.${fulfilment.method}`))}${fulfilment.date ? ` · ${html(fulfilment.date)}${fulfilment.time ? ` ${html(fulfilment.time)}` : ''}` : ''}</dd>` : ''}
${street ? `<dt>${html(t('address'))}</dt><dd>${html(street)} …</dd>` : ''}</dl></div>
<div class="card"><dl><dt>${html(t('history'))}</dt><dd><ol>${history}</ol></dd></dl></div>${chat}`;
  return page(settings.locale, `${order.number} · ${settings.shopName}`, body);
}

/** GET /track/:token — public, no JavaScript; an unknown token is a 404 page that says nothing more. */
export function trackingHandler(connection: Connection) {
  return async (request: FastifyRequest<{ Params: { token: string } }>, reply: FastifyReply) => {
    const settings = await getSettings(connection);
    const { token } = request.params;
    const order = looksLikeTrackingToken(token) ? await findOrderByToken(connection, token) : null;
    reply.header('cache-control', 'no-store').type('text/html; charset=utf-8');
    if (!order) {
      const t = (key: TrackingText) => html(trackingText(settings.locale, key));
      return reply
        .code(404)
        .send(page(settings.locale, t('notFound'), `<h1>${t('notFound')}</h1><p>${t('notFoundHint')}</p>`));
    }
    return reply.send(renderTracking(order, settings));
  };
}
