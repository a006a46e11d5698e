import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  findAccount,
  insertAccount,
  listAccounts,
  renameAccount,
} from '../../domain/accounts/account-repository.js';
import type { CreditLedger } from '../../domain/credits/credit-ledger.js';
import type { TokenKeyRepository } from '../../domain/token-key-repository.js';
import { nanoPerCent } from '../../domain/usage/usd-decimal.js';
import { TollgateError } from '../../errors/tollgate-error.js';
import type { Store } from '../../store/connect.js';
import type { AccountRow, ApiKeyRow } from '../../store/schema.js';
import { callerOf } from '../admin-context.js';
import { pageQuery } from '../resource-schemas.js';
import { type AdminCaller, listEnvelope, ref } from '../resource-views.js';
import {
  type Account,
  accountApiKeyCreateSchema,
  accountCreateSchema,
  accountUpdateSchema,
} from '../schemas/account-schemas.js';
import { creditGrantCreateSchema } from '../schemas/credit-schemas.js';
import { parseInput } from '../validation.js';
import { apiKeyView } from './api-keys.js';
import { grantView } from './credits.js';

const oneYearMs = 365 * 24 * 3_600_000;
const idParams = z.object({ id: z.string() });

export interface AccountRouteDependencies {
  store: Store;
  apiKeys: TokenKeyRepository<'api_keys', ApiKeyRow>;
  ledger: CreditLedger;
}

function accountView(caller: AdminCaller, row: AccountRow): Account {
  return {
    ...ref(caller, 'accounts', row.id),
    name: row.name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Operator-only paths read as missing for every other key, like another account's resources. */
function requireOperator(caller: AdminCaller): void {
  if (!caller.isOperator) throw new TollgateError('not_found', 'Not found.');
}

/** `/accounts`: the operator creates accounts, their API keys and their credit grants. */
export function registerAccountRoutes(app: FastifyInstance, dependencies: AccountRouteDependencies): void {
  const { store, apiKeys, ledger } = dependencies;
  const accountOr404 = async (id: string) => {
    const account = await findAccount(store.db, id);
    if (!account) throw new TollgateError('not_found', `Account ${id} was not found.`);
    return account;
  };
  /** The operator caller and the existing account a `/accounts/:id/…` path names. */
  const operatorOnAccount = async (request: FastifyRequest) => {
    const caller = callerOf(request);
    requireOperator(caller);
    const { id } = parseInput(idParams, request.params);
    await accountOr404(id);
    return { caller, id };
  };

  app.get('/accounts', async (request) => {
    const caller = callerOf(request);
    requireOperator(caller);
    const query = parseInput(pageQuery, request.query);
    const page = await listAccounts(store.db, query);
    return listEnvelope(caller, '/accounts', 'accounts', page, query.limit, (row) =>
      accountView(caller, row),
    );
  });

  app.post('/accounts', async (request, reply) => {
    const caller = callerOf(request);
    requireOperator(caller);
    const input = parseInput(accountCreateSchema, request.body);
    reply.code(201);
    return accountView(caller, await insertAccount(store.db, input.name));
  });

  app.get('/accounts/:id', async (request) => {
    const caller = callerOf(request);
    requireOperator(caller);
    return accountView(caller, await accountOr404(parseInput(idParams, request.params).id));
  });

  app.patch('/accounts/:id', async (request) => {
    const { caller, id } = await operatorOnAccount(request);
    const renamed = await renameAccount(store.db, id, parseInput(accountUpdateSchema, request.body).name);
    if (!renamed) throw new TollgateError('not_found', `Account ${id} was not found.`);
    return accountView(caller, renamed);
  });

  app.get('/accounts/:id/api-keys', async (request) => {
    const { caller, id } = await operatorOnAccount(request);
    const query = parseInput(pageQuery, request.query);
    const page = await apiKeys.list(id, query);
    return listEnvelope(caller, `/accounts/${id}/api-keys`, 'aiGatewayApiKeys', page, query.limit, (row) =>
      apiKeyView(caller, row),
    );
  });

  /** Keys made for another account manage that account only (they are not operator keys). */
  app.post('/accounts/:id/api-keys', async (request, reply) => {
    const { caller, id } = await operatorOnAccount(request);
    const input = parseInput(accountApiKeyCreateSchema, request.body);
    const { row, token } = await apiKeys.create(id, caller.apiKeyId, { name: input.name, is_operator: 0 });
    reply.code(201);
    return { ...apiKeyView(caller, row), token };
  });

  app.post('/accounts/:id/credits/grants', async (request, reply) => {
    const { caller, id } = await operatorOnAccount(request);
    const input = parseInput(creditGrantCreateSchema, request.body);
    const expiresAt =
      input.expiresAt === undefined
        ? new Date(Date.now() + oneYearMs).toISOString()
        : input.expiresAt === null
          ? null
          : new Date(input.expiresAt).toISOString();
    const grant = await ledger.grant(id, {
      amountNanoUsd: input.amountCents * nanoPerCent,
      category: input.category,
      expiresAt,
      createdBy: caller.apiKeyId,
    });
    reply.code(201);
    return grantView(grant);
  });
}
