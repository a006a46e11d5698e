/** Display helpers: one place decides how dates and money read across pages. */

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const shortDay = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

export function formatDateTime(value: string | null | undefined, never = 'Never'): string {
  if (!value) return never;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateTime.format(date);
}

export function formatDate(value: string | null | undefined, never = '—'): string {
  if (!value) return never;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateOnly.format(date);
}

/** Usage buckets are UTC days, so they are labelled in UTC too. */
export function formatDay(value: string): string {
  return shortDay.format(new Date(value));
}

export function formatCents(cents: number | undefined): string {
  if (cents === undefined) return '—';
  return `$${(cents / 100).toFixed(2)}`;
}

/**
 * USD decimal strings from the API ("0.000012500"): shown with cents, or with the digits that
 * matter when the amount is below a cent, so small model costs do not read as $0.00.
 */
export function formatUsd(value: string | undefined): string {
  if (value === undefined) return '—';
  const amount = Number(value);
  if (!Number.isFinite(amount)) return value;
  if (amount !== 0 && Math.abs(amount) < 0.01) return `$${amount.toPrecision(2)}`;
  return `$${amount.toFixed(2)}`;
}

export function formatNumber(value: number): string {
  return value.toLocaleString();
}
