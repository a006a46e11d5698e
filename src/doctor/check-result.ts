/** One finding of `tollgate doctor`: what was checked, how it went, and in words why. */
export interface CheckResult {
  name: string;
  status: 'ok' | 'warn' | 'fail';
  detail: string;
}

export const ok = (name: string, detail: string): CheckResult => ({ name, status: 'ok', detail });
export const warn = (name: string, detail: string): CheckResult => ({ name, status: 'warn', detail });
export const fail = (name: string, detail: string): CheckResult => ({ name, status: 'fail', detail });

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
