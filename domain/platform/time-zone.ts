/** Whether `zone` is an IANA time zone this runtime knows (Asia/Jakarta, Asia/Makassar…). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    // Intl throws RangeError for an unknown zone; that is the answer, not a failure.
    return false;
  }
}
