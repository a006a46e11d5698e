import type { PortableQuery } from '../../store/portable-sql.js';

/**
 * Takes a charge from what is left of the account's grants, earliest expiry first (never-expiring
 * last, then by id), so that expiry later removes exactly what was not spent. Each grant gives
 * what the charge still needs after the grants before it, at most what it has left (a running
 * sum over the grants in that order). One statement, standard SQL: SQLite and Postgres.
 */
const consumeGrantsText = `
  UPDATE credit_grants SET remaining_nano_usd = remaining_nano_usd - takes.take
  FROM (
    SELECT id, CASE
        WHEN before >= cost THEN 0
        WHEN before + remaining_nano_usd <= cost THEN remaining_nano_usd
        ELSE cost - before
      END AS take
    FROM (
      SELECT id, remaining_nano_usd, CAST(? AS BIGINT) AS cost, COALESCE(SUM(remaining_nano_usd) OVER (
          ORDER BY expires_at IS NULL, expires_at, id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
        ), 0) AS before
      FROM credit_grants WHERE account_id = ? AND remaining_nano_usd > 0
    ) AS ordered
  ) AS takes
  WHERE credit_grants.id = takes.id AND takes.take > 0`;

export function consumeGrantsQuery(accountId: string, costNanoUsd: number): PortableQuery {
  return { text: consumeGrantsText, parameters: [costNanoUsd, accountId] };
}
