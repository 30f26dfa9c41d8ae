/** An expected failure of a use case, as a route reports it: `{error: code, details, …its fields}`. */
export interface Failure {
  ok?: false;
  code: string;
  details: string;
  [field: string]: unknown;
}

/** Thrown by a route handler to answer with a use case's coded failure. */
export class DomainFailure extends Error {
  constructor(readonly failure: Failure) {
    super(`${failure.code}: ${failure.details}`);
  }
}

/** Answer with a use case's `{ok: false, …}` result. */
export function failWith(failure: Failure): never {
  throw new DomainFailure(failure);
}

/** The one table from failure codes to HTTP statuses, by the code's reason part. */
const BY_REASON: [RegExp, number][] = [
  [/^AUTH\.REQUIRED$/, 401],
  [/^AUTH\.INVALID$/, 401],
  [/^AUTH\.(FORBIDDEN|CSRF)$/, 403],
  [/^AUTH\.LOCKED$|RATE_LIMITED$/, 429],
  [/^MEDIA\.TOO_LARGE$|^UPLOAD\.TOO_MANY_PARTS$/, 413],
  [/^MEDIA\.TYPE_[A-Z_]+$|^UPLOAD\.NOT_MULTIPART$/, 415],
  [/^MEDIA\.UNREADABLE$/, 422],
  [/\.NOT_FOUND$|_NOT_FOUND$|\.DELETED$/, 404],
  [
    /\.(ILLEGAL_[A-Z_]+|([A-Z_]+_)?CONFLICT|CLOSED|ALREADY_[A-Z_]+|[A-Z_]+_TAKEN|[A-Z_]+_EXISTS|NEGATIVE)$/,
    409,
  ],
  // A staff member's own chat cannot be merged into a customer's: the state forbids it, not the input.
  [/^CONTACT\.STAFF_NUMBER$/, 409],
  [/\.UNAVAILABLE$/, 409],
  [/^PAYMENT\.OVERPAID$|\.ORDER_CANCELLED$/, 422],
  [/\.INVALID(_[A-Z_]+)?$|^MONEY\.|\.WEAK_PASSWORD$|\.UNKNOWN_[A-Z_]+$|\.NO_[A-Z_]+$/, 400],
];

/** The HTTP status of a failure code; a code no rule knows is a bad request. */
export function statusOf(code: string): number {
  return BY_REASON.find(([pattern]) => pattern.test(code))?.[1] ?? 400;
}
