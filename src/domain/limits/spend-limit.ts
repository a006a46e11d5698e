import { TollgateError } from '../../errors/tollgate-error.js';
import type { SpendLimitHold } from './key-spend.js';

export type { SpendLimitHold } from './key-spend.js';
export { periodStart } from './spend-periods.js';

export function spendLimitError(limit: Pick<SpendLimitHold, 'limitCents' | 'period'>): TollgateError {
  return new TollgateError(
    'spend_limit_exceeded',
    `Spend limit of ${limit.limitCents} cents per ${limit.period} reached.`,
  );
}
