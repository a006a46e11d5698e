import type { OpenApiDocument, ParameterObject } from './openapi/openapi-types.js';
import { paths, tags } from './openapi/paths.js';
import { zodComponents } from './openapi/zod-components.js';

export type { OpenApiDocument } from './openapi/openapi-types.js';

const idParameter = (description: string, name = 'id'): ParameterObject => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});

const tagDescriptions: Record<(typeof tags)[keyof typeof tags], string> = {
  'AI Gateway Access Key Configurations':
    'Reusable access key configurations: scope, routing rules and limits.',
  'AI Gateway Access Keys': 'Access keys (`tg-…`) that clients send to the gateway listener.',
  'AI Gateway Configuration': 'Per-account gateway settings (timeouts, token caps, metadata).',
  'AI Gateway API Keys': 'API keys (`tgapi-…`) for this management API.',
  'AI Gateway Credits': 'Credit balance and transactions of the account.',
  'AI Gateway Custom Providers': 'Custom providers and the models they expose.',
  'AI Gateway Virtual Models':
    'Names clients send as `model`, each standing for an ordered list of target models (Tollgate addition).',
  'AI Gateway Provider Keys': 'Upstream provider keys, stored encrypted and never returned.',
  'AI Gateway Usage': 'Read-only usage events and aggregated usage of the account.',
  'Tollgate Firewall Policies':
    'Rules over the tools clients advertise and the tool calls models emit, attached to configurations.',
  'Tollgate Accounts': 'Accounts, their API keys and credit grants (operator API keys only).',
  'Tollgate Operations': 'Health, readiness, metrics and this document; no API key needed.',
};

function createDocument(): OpenApiDocument {
  return {
    openapi: '3.0.3',
    info: {
      title: 'Tollgate management API',
      version: '0.1.0',
      description:
        "Tollgate's management API, served by the admin listener. It follows the ngrok AI Gateway's " +
        '`api.ngrok.ai` (same paths, fields, list envelopes, paging and error body), so a client written for it ' +
        'works by changing the base URL. Tollgate adds fields (marked "Tollgate addition"), never drops, renames ' +
        "or retypes one. Every resource belongs to the calling API key's account; a resource of another account " +
        'reads as 404.',
    },
    servers: [
      {
        url: '/',
        description: 'The admin listener that serves this document (default `http://127.0.0.1:8081`).',
      },
    ],
    security: [{ bearerAuth: [] }],
    tags: Object.values(tags).map((name) => ({ name, description: tagDescriptions[name] })),
    paths,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'tgapi-<publicId>-g1-<secret>',
          description:
            'A Tollgate API key. An access key (`tg-…`) is refused with 401 `wrong_key_kind`: it belongs on the ' +
            'gateway listener.',
        },
      },
      parameters: {
        BeforeID: {
          name: 'beforeId',
          in: 'query',
          required: false,
          description: 'Returns items before this resource identifier in descending ID order.',
          schema: { type: 'string' },
        },
        Limit: {
          name: 'limit',
          in: 'query',
          required: false,
          description: 'Maximum number of items to return. Defaults to 100 and may not exceed 100.',
          schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 100 },
        },
        AIGatewayAccessKeyConfigurationID: idParameter(
          'Unique identifier for an AI Gateway access key configuration.',
        ),
        AIGatewayAccessKeyID: idParameter('Unique identifier for an AI Gateway access key.'),
        AIGatewayAPIKeyID: idParameter('Unique identifier for an AI Gateway API key.'),
        AIGatewayProviderAPIKeyID: idParameter('Unique identifier for an AI Gateway provider key.'),
        AIGatewayProviderID: idParameter('Unique identifier for an AI Gateway provider.'),
        AIGatewayVirtualModelID: idParameter('Unique identifier for a virtual model (`aigvm_…`).'),
        FirewallPolicyID: idParameter('Unique identifier for a firewall policy (`aigfp_…`).'),
        AccountID: idParameter('Unique identifier for an account (`acct_…`).'),
        RequestID: idParameter('A request id (`rq_…`).', 'requestId'),
      },
      schemas: {
        ...zodComponents(),
      },
      responses: {
        Error: {
          description: 'API error response: `{errorCode, statusCode, msg, details}`.',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    },
  };
}

let document: OpenApiDocument | undefined;

/** The OpenAPI 3.0.3 document served at `/openapi.json`; built once, then shared (do not mutate it). */
export function buildOpenApiDocument(): OpenApiDocument {
  document ??= createDocument();
  return document;
}
