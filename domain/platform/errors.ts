/** Render any thrown value as one short line for an operator (no stack trace). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
