/**
 * After a configuration's last Tollgate process has stopped (gracefully, so that it has written what
 * it held): one usage event per successful gateway request, and for a credits configuration, money
 * that adds up: the account's balance is the sum of its ledger entries (grants, usage, expiries,
 * overdrafts alike), and the usage cost something.
 */
import { bigintOf } from './databases.js';
import type { Measurement } from './measure.js';
import type { Deployment } from './tollgate-configs.js';

export interface UsageCheck {
  lines: string[];
  mismatch: boolean;
}

/** Nano-dollars as dollars, for reading (exact comparisons stay in bigint). */
function dollars(nano: bigint): string {
  return `$${(Number(nano) / 1e9).toFixed(6)}`;
}

async function eventCheck(deployment: Deployment, runs: Measurement[]): Promise<UsageCheck> {
  const name = deployment.config.name;
  const succeeded =
    deployment.checkRequests +
    runs.reduce((total, run) => total + run.result.succeeded + run.result.warmupSucceeded, 0);
  const cutOffAtMost = runs.reduce((total, run) => total + run.result.cutOffAtMost, 0);
  const [row] = await deployment.database.query('SELECT count(*) AS count FROM usage_events');
  const usageEvents = Number(bigintOf(row?.count));
  const extra = usageEvents - succeeded;
  if (extra === 0) {
    return {
      lines: [`Usage events (${name}): ${usageEvents}, one per successful gateway request.`],
      mismatch: false,
    };
  }
  const explained = extra > 0 && extra <= cutOffAtMost;
  const why = explained
    ? `the ${extra} more are requests in flight when the load generator hung up (at most ${cutOffAtMost}), which Tollgate served and metered anyway`
    : `MISMATCH: ${extra > 0 ? 'more' : 'fewer'} than the at most ${cutOffAtMost} requests cut off when the load generator stopped can explain`;
  return {
    lines: [`Usage events (${name}): ${usageEvents} for ${succeeded} successful gateway requests; ${why}.`],
    mismatch: !explained,
  };
}

async function moneyCheck(deployment: Deployment): Promise<UsageCheck> {
  const name = deployment.config.name;
  const { database, accountId } = deployment;
  if (accountId === undefined)
    return { lines: [`Money (${name}): MISMATCH: no account was provisioned.`], mismatch: true };
  const [account] = await database.query(
    'SELECT balance_nano_usd AS balance, reserved_nano_usd AS reserved FROM accounts WHERE id = $1',
    [accountId],
  );
  const kinds = await database.query(
    'SELECT kind, count(*) AS entries, sum(amount_nano_usd) AS total FROM ledger_entries WHERE account_id = $1 GROUP BY kind ORDER BY kind',
    [accountId],
  );
  const [usage] = await database.query(
    'SELECT count(*) AS events, sum(cost_nano_usd) AS cost FROM usage_events WHERE account_id = $1',
    [accountId],
  );
  const balance = bigintOf(account?.balance);
  const ledger = kinds.reduce((sum, kind) => sum + bigintOf(kind.total), 0n);
  const cost = bigintOf(usage?.cost);
  const byKind = kinds
    .map((kind) => `${String(kind.kind)} ${bigintOf(kind.entries)} entries, ${dollars(bigintOf(kind.total))}`)
    .join('; ');
  const problems = [
    ...(account === undefined ? ['the account is gone'] : []),
    ...(balance === ledger ? [] : [`the balance is ${balance - ledger} nano-USD off the ledger's sum`]),
    ...(cost > 0n ? [] : ['the usage cost nothing, so no credits moved']),
  ];
  return {
    lines: [
      `Money (${name}): balance ${dollars(balance)} (${balance} nano-USD), ledger sum ${dollars(ledger)} (${byKind}); ` +
        `usage cost ${dollars(cost)} over ${bigintOf(usage?.events)} events; ` +
        `${dollars(bigintOf(account?.reserved))} still reserved after the stop.`,
      ...problems.map((problem) => `Money (${name}): MISMATCH: ${problem}.`),
    ],
    mismatch: problems.length > 0,
  };
}

/** Reads the database of a stopped configuration; `runs` are all the load runs it served. */
export async function checkUsage(deployment: Deployment, runs: Measurement[]): Promise<UsageCheck> {
  const checks = [await eventCheck(deployment, runs)];
  if (deployment.config.credits) checks.push(await moneyCheck(deployment));
  return {
    lines: checks.flatMap((check) => check.lines),
    mismatch: checks.some((check) => check.mismatch),
  };
}
