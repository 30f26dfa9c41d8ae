import type { Product } from '../../domain/catalog/product.model.js';
import type { Contact } from '../../domain/contacts/contact.model.js';
import { chatIdOfPhone, type PhoneNumber } from '../../domain/contacts/phone.js';
import { type BotText, botText } from '../../domain/i18n/messages.js';
import { trackingUrl } from '../../domain/orders/order-confirmation.js';
import type { Settings } from '../../domain/settings/settings.model.js';
import { alertRecipients } from '../../domain/users/user.use-case.js';
import type { MessageContext } from '../inbox/compose.js';
import type { ParsedMessage } from '../understanding/types.js';

/** Everything a flow needs to answer one customer message. */
export interface Turn {
  context: MessageContext;
  settings: Settings;
  contact: Contact;
  parsed: ParsedMessage;
  catalog: Product[];
}

/** The customer's text in the shop's language. */
export const text = (turn: Turn, key: BotText, params: Record<string, string | number> = {}): string =>
  botText(turn.settings.locale, key, params);

/** Answer the customer. */
export const say = (turn: Turn, key: BotText, params: Record<string, string | number> = {}): Promise<void> =>
  turn.context.reply(text(turn, key, params));

/** How staff recognise the customer in an alert: the confirmed name, else the WhatsApp name, and the number. */
export function customerLabel(contact: Contact): string {
  const name = contact.name ?? contact.pushName;
  const number = contact.phone ?? contact.chatId;
  return name ? `${name} (${number})` : number;
}

/**
 * Alert every staff member with a WhatsApp number. `ref` makes the dedupe key: processing the same
 * message again never alerts twice. Replying to the alert answers this customer (reply-to-relay).
 */
export async function alertStaff(
  turn: Turn,
  ref: string,
  key: BotText,
  params: Record<string, string | number>,
) {
  const recipients = await alertRecipients(turn.context.connection);
  const message = text(turn, key, params);
  for (const user of recipients) {
    await turn.context.notify(
      chatIdOfPhone(user.whatsapp as PhoneNumber),
      message,
      `alert:${ref}:${String(user._id)}`,
      { relayTo: turn.context.message.chatId },
    );
  }
}

/** The public tracking page of an order (the one link builder, domain/orders/order-confirmation.ts). */
export const trackingLink = (settings: Settings, token: string): string =>
  trackingUrl(settings, { trackingToken: token });

/** Who an order made in this chat belongs to (the same for catalog and custom orders). */
export function orderOwner(turn: Turn) {
  const customerName = turn.contact.name ?? turn.contact.pushName;
  return {
    contactId: turn.contact._id,
    chatId: turn.context.message.chatId,
    ...(customerName && { customerName }),
  };
}
