import type { UsageBucket } from '../../api/types';

/** Buckets reshaped for a stacked per-day chart: one column per day, one colour per group. */
export interface ChartSeries {
  days: string[];
  groups: string[];
  /** values[dayIndex][groupIndex] */
  cost: number[][];
  requests: number[][];
}

const maxGroups = 6;
export const otherGroup = 'Other';

function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Every UTC day from the window's first to today, so days without traffic still show as gaps. */
export function daysOf(startTime: string, now: Date = new Date()): string[] {
  const days: string[] = [];
  const cursor = new Date(`${startTime.slice(0, 10)}T00:00:00Z`);
  const last = utcDay(now);
  while (utcDay(cursor) <= last && days.length < 400) {
    days.push(utcDay(cursor));
    cursor.setUTCDate(cursor.getUTCDate() + 1);
  }
  return days;
}

/** The biggest groups by cost (then requests) keep their own colour; the rest are summed into "Other". */
export function seriesOf(buckets: UsageBucket[], days: string[]): ChartSeries {
  const totals = new Map<string, { cost: number; requests: number }>();
  for (const bucket of buckets) {
    const total = totals.get(bucket.groupKey) ?? { cost: 0, requests: 0 };
    total.cost += Number(bucket.cost);
    total.requests += bucket.requests;
    totals.set(bucket.groupKey, total);
  }
  const ranked = [...totals.entries()]
    .sort(([, a], [, b]) => b.cost - a.cost || b.requests - a.requests)
    .map(([group]) => group);
  const kept = ranked.slice(0, ranked.length > maxGroups ? maxGroups - 1 : maxGroups);
  const groups = ranked.length > kept.length ? [...kept, otherGroup] : kept;
  const cost = days.map(() => groups.map(() => 0));
  const requests = days.map(() => groups.map(() => 0));
  for (const bucket of buckets) {
    const dayIndex = days.indexOf(bucket.bucketStart.slice(0, 10));
    if (dayIndex < 0) continue;
    const own = groups.indexOf(bucket.groupKey);
    const groupIndex = own >= 0 ? own : groups.length - 1;
    const costRow = cost[dayIndex];
    const requestRow = requests[dayIndex];
    if (!costRow || !requestRow) continue;
    costRow[groupIndex] = (costRow[groupIndex] ?? 0) + Number(bucket.cost);
    requestRow[groupIndex] = (requestRow[groupIndex] ?? 0) + bucket.requests;
  }
  return { days, groups, cost, requests };
}
