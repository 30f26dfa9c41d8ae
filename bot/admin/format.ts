import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Contact } from '../../domain/contacts/contact.model.js';
import { phoneOfChatId } from '../../domain/contacts/phone.js';
import type { Order } from '../../domain/orders/order.model.js';

/** A moment as staff read it, in the shop's zone: 24/11 10:00. */
export const localTime = (at: Date, timeZone: string): string =>
  format(at, 'dd/MM HH:mm', { in: tz(timeZone) });

/** A shop-local day as staff read it: 24/11/2026. */
export const localDay = (day: string): string => day.split('-').reverse().join('/');

/** How staff recognise an order's customer: name and number. */
export function orderCustomer(order: Pick<Order, 'customerName' | 'chatId'>): string {
  const number = phoneOfChatId(order.chatId) ?? order.chatId;
  return order.customerName ? `${order.customerName} (${number})` : number;
}

/** How staff recognise a contact: the confirmed name, else the WhatsApp name, and the number. */
export function contactLabel(contact: Pick<Contact, 'name' | 'pushName' | 'phone' | 'chatId'>): string {
  const name = contact.name ?? contact.pushName;
  const number = contact.phone ?? contact.chatId;
  return name ? `${name} (${number})` : number;
}

/** The catalog parser reads each order item line the same way everywhere. */
export const TRACK_PATH = '/track/';
