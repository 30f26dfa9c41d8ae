/** The life of an order. */
export const ORDER_STATUSES = [
  'pending',
  'confirmed',
  'in_progress',
  'review',
  'ready',
  'out_for_delivery',
  'completed',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export type Fulfilment = 'pickup' | 'delivery';

/**
 * Legal moves (SPEC §3): pending → confirmed → in_progress → review → ready → out_for_delivery →
 * completed; pickup orders go ready → completed; review may go back to in_progress; any open state may
 * be cancelled. Completed and cancelled are final.
 */
const NEXT: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['confirmed', 'cancelled'],
  confirmed: ['in_progress', 'cancelled'],
  in_progress: ['review', 'ready', 'cancelled'],
  review: ['in_progress', 'ready', 'cancelled'],
  ready: ['out_for_delivery', 'completed', 'cancelled'],
  out_for_delivery: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

export type TransitionResult =
  | { ok: true }
  | {
      ok: false;
      code: 'ORDER.ILLEGAL_TRANSITION';
      details: { from: OrderStatus; to: OrderStatus; allowed: OrderStatus[] };
    };

/** Whether an order may move from `from` to `to`, given how it reaches the customer. */
export function checkTransition(
  from: OrderStatus,
  to: OrderStatus,
  fulfilment?: Fulfilment,
): TransitionResult {
  const allowed = NEXT[from].filter((next) => {
    if (fulfilment === 'pickup' && next === 'out_for_delivery') return false;
    // A delivery order is completed once delivered, not straight from the shop's shelf.
    if (fulfilment === 'delivery' && from === 'ready' && next === 'completed') return false;
    return true;
  });
  if (allowed.includes(to)) return { ok: true };
  return { ok: false, code: 'ORDER.ILLEGAL_TRANSITION', details: { from, to, allowed } };
}

/** Open orders can still change; completed and cancelled ones are history. */
export const isOpen = (status: OrderStatus): boolean => status !== 'completed' && status !== 'cancelled';
