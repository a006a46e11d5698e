export type SpendPeriod = 'day' | 'week' | 'month' | 'total';

/** Periods start at UTC boundaries: midnight, Monday, the 1st; `total` is all time. */
export function periodStart(period: SpendPeriod, now: Date): string {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  if (period === 'day') return day.toISOString();
  if (period === 'week') {
    const sinceMonday = (day.getUTCDay() + 6) % 7;
    return new Date(day.getTime() - sinceMonday * 86_400_000).toISOString();
  }
  if (period === 'month') return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
  return new Date(0).toISOString();
}
