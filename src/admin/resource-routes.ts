import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { TollgateError } from '../errors/tollgate-error.js';
import type { Page, PageRequest } from '../store/paging.js';
import { callerOf } from './admin-context.js';
import { pageQuery } from './resource-schemas.js';
import { type AdminCaller, listEnvelope } from './resource-views.js';
import { parseInput } from './validation.js';

const idParams = z.object({ id: z.string() });

/** What a create answers: the row, and a token shown only this once (access and API keys). */
export interface Created<Row> {
  row: Row;
  token?: string;
}

type Keyed = { id: string };
type Schema = z.ZodType;
type PageSchema = z.ZodType<PageRequest>;
type DefaultQuery = typeof pageQuery;

/**
 * One admin resource in the reference's CRUD layout. Each operation is the resource's own;
 * the routes around them (caller, parsing with the resource's zod schemas, 404, status codes,
 * list envelope and paging) are the same for all.
 */
export interface ResourceRoutes<
  Row extends Keyed,
  View,
  Create extends Schema,
  Update extends Schema,
  Query extends PageSchema = DefaultQuery,
> {
  /** `/access-keys`; the list envelope's field, `aiGatewayAccessKeys`; `Access key` for its 404s. */
  names: { collection: string; envelope: string; noun: string };
  /** The bodies of create and update, and the page query with the resource's own filters. */
  schemas: { create: Create; update: Update; list?: Query };
  /** Query values the next page's URI keeps (a list filter). */
  listFilters?(query: z.output<Query>): Record<string, string | undefined>;
  list(caller: AdminCaller, query: z.output<Query>): Promise<Page<Row>>;
  get(caller: AdminCaller, id: string): Promise<Row | undefined>;
  create(caller: AdminCaller, input: z.output<Create>): Promise<Created<Row>>;
  update(caller: AdminCaller, id: string, input: z.output<Update>): Promise<Row | undefined>;
  /** False when there is no such row; throws `resource_in_use` while something references it. */
  delete(caller: AdminCaller, id: string): Promise<boolean>;
  /** The views of some rows, built together so that what they reference is read in one query. */
  views(caller: AdminCaller, rows: Row[]): Promise<(row: Row) => View> | ((row: Row) => View);
}

/** An account-scoped repository's list and get, as a resource's own. */
export function byAccount<Row>(repository: {
  list(accountId: string, page: PageRequest): Promise<Page<Row>>;
  get(accountId: string, id: string): Promise<Row | undefined>;
}) {
  return {
    list: (caller: AdminCaller, query: PageRequest) => repository.list(caller.accountId, query),
    get: (caller: AdminCaller, id: string) => repository.get(caller.accountId, id),
  };
}

/**
 * An account-scoped service whose writes also take the acting API key (custom providers, virtual
 * models): all five operations as the resource's own, the service's rules and side effects intact.
 */
export function byAccountService<Row, Create, Update>(service: {
  list(accountId: string, page: PageRequest): Promise<Page<Row>>;
  get(accountId: string, id: string): Promise<Row | undefined>;
  create(accountId: string, actorId: string, input: Create): Promise<Row>;
  update(accountId: string, id: string, actorId: string, input: Update): Promise<Row | undefined>;
  delete(accountId: string, id: string): Promise<boolean>;
}) {
  return {
    ...byAccount(service),
    create: async (caller: AdminCaller, input: Create): Promise<Created<Row>> => ({
      row: await service.create(caller.accountId, caller.apiKeyId, input),
    }),
    update: (caller: AdminCaller, id: string, input: Update) =>
      service.update(caller.accountId, id, caller.apiKeyId, input),
    delete: (caller: AdminCaller, id: string) => service.delete(caller.accountId, id),
  };
}

/** `GET`/`POST` on the collection and `GET`/`PATCH`/`DELETE` on one item, for any resource. */
export function registerResourceRoutes<
  Row extends Keyed,
  View,
  Create extends Schema,
  Update extends Schema,
  Query extends PageSchema = DefaultQuery,
>(app: FastifyInstance, resource: ResourceRoutes<Row, View, Create, Update, Query>): void {
  const { collection, envelope, noun } = resource.names;
  const listQuery = resource.schemas.list ?? pageQuery;
  const notFound = (id: string) => new TollgateError('not_found', `${noun} ${id} was not found.`);
  const viewOne = async (caller: AdminCaller, row: Row) => (await resource.views(caller, [row]))(row);

  app.get(collection, async (request) => {
    const caller = callerOf(request);
    const query = parseInput(listQuery, request.query) as z.output<Query>;
    const page = await resource.list(caller, query);
    const view = await resource.views(caller, page.items);
    const filters = resource.listFilters?.(query) ?? {};
    return listEnvelope(caller, collection, envelope, page, query.limit, view, filters);
  });

  app.post(collection, async (request, reply) => {
    const caller = callerOf(request);
    const { row, token } = await resource.create(caller, parseInput(resource.schemas.create, request.body));
    reply.code(201);
    const view = await viewOne(caller, row);
    return token === undefined ? view : { ...view, token };
  });

  app.get(`${collection}/:id`, async (request) => {
    const caller = callerOf(request);
    const { id } = parseInput(idParams, request.params);
    const row = await resource.get(caller, id);
    if (!row) throw notFound(id);
    return viewOne(caller, row);
  });

  app.patch(`${collection}/:id`, async (request) => {
    const caller = callerOf(request);
    const { id } = parseInput(idParams, request.params);
    const row = await resource.update(caller, id, parseInput(resource.schemas.update, request.body));
    if (!row) throw notFound(id);
    return viewOne(caller, row);
  });

  app.delete(`${collection}/:id`, async (request, reply) => {
    const caller = callerOf(request);
    const { id } = parseInput(idParams, request.params);
    if (!(await resource.delete(caller, id))) throw notFound(id);
    reply.code(204).send();
  });
}
