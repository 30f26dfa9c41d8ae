import type { DeliveryState, MessageType } from './message.model.js';

/** The message type WhatsApp shows for a file of this MIME type. */
export function messageTypeOfMime(mimetype: string): MessageType {
  if (mimetype === 'image/webp') return 'sticker';
  if (mimetype.startsWith('image/')) return 'image';
  if (mimetype.startsWith('video/')) return 'video';
  if (mimetype.startsWith('audio/')) return 'audio';
  return 'document';
}

const DELIVERY_ORDER: readonly DeliveryState[] = ['queued', 'sent', 'delivered', 'read', 'played'];

/** The states a message may still move out of into `state`; a failure can only follow queued or sent. */
export function deliveryStatesBefore(state: DeliveryState): DeliveryState[] {
  if (state === 'failed') return ['queued', 'sent'];
  return DELIVERY_ORDER.slice(0, DELIVERY_ORDER.indexOf(state));
}

/** The further along of two delivery states (acks may arrive out of order). */
export function laterDelivery(a: DeliveryState | undefined, b: DeliveryState): DeliveryState {
  return a === undefined || deliveryStatesBefore(b).includes(a) ? b : a;
}
