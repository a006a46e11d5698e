/** A slice of an account's balance that this instance holds (credit-leases.ts), mirrored in memory. */
export interface Lease {
  id: string;
  accountId: string;
  /** What the lease's row holds (moved to the account's `reserved`), as last written. */
  amountNanoUsd: number;
  /**
   * Of that, what settled requests spent since the row was last written. Settlements charge the
   * balance only; the row (and `reserved`) is written down by it at the next top-up, and a
   * returned or expired lease gives back its whole row, so nothing is freed twice meanwhile.
   */
  consumedNanoUsd: number;
  /** What this instance's requests in flight hold of it. */
  heldNanoUsd: number;
  /** The expiry last written: the lease is used only while well within it (self-fencing). */
  expiresAt: number;
  lastUsedAt: number;
  /** Takes no new holds: it is being returned (idle, or its account ran low or overdrew). */
  draining: boolean;
}

/** A request's hold held exactly in the database: a `credit_reservations` row. */
export interface Reservation {
  id: string;
  accountId: string;
  amountNanoUsd: number;
  /** Set when the hold also counts against the key's spend limit (`key_spend.held_nano_usd`). */
  accessKeyId: string | null;
}

/** What a request holds while it runs; settled (or released) exactly once. */
export interface CreditHold {
  accountId: string;
  amountNanoUsd: number;
  source: { kind: 'lease'; lease: Lease } | { kind: 'exact'; reservation: Reservation };
  settled: boolean;
}
