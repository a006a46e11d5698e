import type { AccessKeyIdentity } from '../domain/access-keys/access-key-authenticator.js';
import type { CreditHold } from '../domain/credits/credit-hold.js';
import type { CreditLeases } from '../domain/credits/credit-leases.js';
import type { CreditLedger } from '../domain/credits/credit-ledger.js';
import { reservationFor } from '../domain/credits/reservation-estimate.js';
import type { LimitAdmission } from '../domain/limits/limit-admission.js';
import type { RoutingPlan } from '../domain/routing/candidate.js';
import { describeError, type Logger } from '../observability/logger.js';
import type { JsonBody } from '../providers/exchange.js';
import type { ApiSurface } from '../providers/types.js';

/**
 * A request's credit hold: taken before any upstream call, renewed while a stream runs, handed
 * to the final attempt's settlement, and given back if no attempt settled it. The request's
 * lifecycle object (`GatewayRequestState`) keeps the hold and calls these; the hold object (from
 * `CreditLeases`) carries its `settled` mark, and only this module reads it. Plain functions
 * over the hold: nothing is allocated per request beyond the hold itself.
 */

/**
 * Reserves the request's maximum cost before any upstream call, when it can cost credits at
 * all; the same hold counts against the key's spend limit, atomically with the credit check.
 * The hold is kept on `request` (the request's lifecycle object), which gives it back.
 */
export async function takeHold(
  request: { readonly requestId: string; hold: CreditHold | undefined },
  dependencies: { credits: CreditLeases; limits: LimitAdmission; feePerMTokUsd: number },
  identity: AccessKeyIdentity,
  plan: RoutingPlan,
  body: JsonBody,
  surface: ApiSurface,
  holdMs: number,
): Promise<void> {
  const spendLimit = dependencies.limits.spendLimitFor(identity.accessKeyId, plan.configuration?.limits);
  const amount = reservationFor(plan.candidates, body, surface, dependencies.feePerMTokUsd);
  if (amount === 0) {
    if (spendLimit) await dependencies.limits.refuseIfSpent(spendLimit);
    return;
  }
  request.hold = await dependencies.credits.hold(
    identity.accountId,
    request.requestId,
    amount,
    holdMs,
    spendLimit,
  );
}

/**
 * A started stream has no total deadline, so its exact credit hold is renewed while it runs;
 * otherwise upkeep would free it as a crashed instance's and others could spend the same
 * credits. (A hold from a lease lives as long as the lease, which the instance renews.)
 * Returns the timer to clear when the stream ends, or undefined when there is nothing to renew.
 */
export function renewWhileStreaming(
  hold: CreditHold | undefined,
  holdMs: number,
  ledger: CreditLedger,
  requestId: string,
  logger: Logger,
): NodeJS.Timeout | undefined {
  const reservation = hold?.source.kind === 'exact' ? hold.source.reservation : undefined;
  if (!reservation) return undefined;
  return setInterval(
    () => {
      ledger.extend(reservation, holdMs).catch((error: unknown) => {
        logger.warn({ requestId, err: describeError(error) }, 'credit hold renewal failed');
      });
    },
    Math.max(1_000, holdMs / 2),
  );
}

/** The hold the final attempt settles with its usage event; none for other attempts, or once settled. */
export function holdToSettle(hold: CreditHold | undefined, isFinal: boolean): CreditHold | undefined {
  return isFinal && hold && !hold.settled ? hold : undefined;
}

/**
 * A request that ended without a final usage event (an error before any attempt) frees its hold.
 * Undefined when there is nothing to give back, so the caller awaits only a real release.
 */
export function giveBackUnsettled(
  credits: CreditLeases,
  hold: CreditHold | undefined,
): Promise<void> | undefined {
  return hold && !hold.settled ? credits.release(hold) : undefined;
}
