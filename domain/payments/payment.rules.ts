const PAYMENT_NUMBER = /^PAY-(\d{4})(0[1-9]|1[0-2])-(\d{4,})$/i;

/** `PAY-YYYYMM-NNNN`, the sequence padded to four digits (and longer past 9999). */
export function formatPaymentNumber(yyyymm: string, seq: number): string {
  return `PAY-${yyyymm}-${String(seq).padStart(4, '0')}`;
}

/** A payment number as staff type it (`pay-202611-0003`, spaces around it), canonical; null if it is not one. */
export function parsePaymentNumber(text: string): string | null {
  const match = PAYMENT_NUMBER.exec(text.trim());
  if (!match) return null;
  const seq = Number(match[3]);
  if (!Number.isSafeInteger(seq) || seq < 1) return null;
  return formatPaymentNumber(`${match[1]}${match[2]}`, seq);
}
