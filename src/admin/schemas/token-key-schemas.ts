import { z } from 'zod';
import {
  auditFields,
  flag,
  labelCreateFields,
  labelFields,
  labelUpdateFields,
  listSchema,
  text,
  timestamp,
} from './schema-fields.js';
import { component } from './schema-registry.js';

/** Access keys and API keys: the reference's schemas plus Tollgate's additions, from one source. */

function tokenKeyFields(noun: string, resource: string, tokenFormat: string) {
  return {
    id: text(`Unique identifier for this ${noun}.`),
    uri: text(`URI of this ${resource} API resource.`),
    createdAt: timestamp(`Timestamp when the ${noun} was created.`),
    updatedAt: timestamp(`Timestamp when the ${noun} was last updated.`),
    ...labelFields(noun),
    ...auditFields,
    token: text(
      `Plaintext ${noun} token (\`${tokenFormat}\`). Only returned when the key is first created.`,
    ).optional(),
    keyRedacted: text(
      `Redacted display form of the ${noun} token: all but the last 4 characters of the secret hidden.`,
    ),
    lastUsed: timestamp(`Timestamp when the ${noun} was last used.`).nullable(),
  };
}

const configurationId = (description: string) => z.string().min(1).describe(description);

export const accessKeySchema = component(
  'AIGatewayAccessKey',
  z.object({
    ...tokenKeyFields('access key', 'AI Gateway Access Key', 'tg-<publicId>-g1-<secret>'),
    accessKeyConfiguration: z
      .object({
        id: text('Configuration ID.'),
        uri: text('URI of the linked configuration resource.'),
        name: text('Configuration name.'),
      })
      .nullable()
      .describe('Linked access key configuration, or null for allow-all scope.'),
  }),
);

export const accessKeyListSchema = component(
  'AIGatewayAccessKeyList',
  listSchema('aiGatewayAccessKeys', accessKeySchema, 'The AI Gateway access keys for this account.'),
);

const linkedConfiguration = configurationId(
  'ID of an access key configuration to link. Omit for allow-all scope.',
);
const relinkedConfiguration = configurationId(
  'ID of an access key configuration. Set to null to revert to allow-all scope.',
).nullable();

export const accessKeyCreateSchema = component(
  'AIGatewayAccessKeyCreate',
  z.strictObject({
    ...labelCreateFields('access key'),
    accessKeyConfigurationId: linkedConfiguration.optional(),
  }),
);

export const accessKeyUpdateSchema = component(
  'AIGatewayAccessKeyUpdate',
  z.strictObject({
    ...labelUpdateFields('access key'),
    accessKeyConfigurationId: relinkedConfiguration.optional(),
  }),
);

export const apiKeySchema = component(
  'AIGatewayAPIKey',
  z.object({
    ...tokenKeyFields('API key', 'AI Gateway API Key', 'tgapi-<publicId>-g1-<secret>'),
    accountId: text('Tollgate addition: the account (`acct_…`) this API key manages.'),
    isOperator: flag(
      'Tollgate addition: true for an operator key, which may also create accounts, create API keys in them and grant credits.',
    ),
  }),
);

export const apiKeyListSchema = component(
  'AIGatewayAPIKeyList',
  listSchema('aiGatewayApiKeys', apiKeySchema, 'The AI Gateway API keys for this account.'),
);

export const apiKeyCreateSchema = component(
  'AIGatewayAPIKeyCreate',
  z.strictObject(labelCreateFields('API key')),
);

export const apiKeyUpdateSchema = component(
  'AIGatewayAPIKeyUpdate',
  z.strictObject(labelUpdateFields('API key')),
);

export const meSchema = component(
  'Me',
  z.object({
    id: text('The calling API key (`aigapi_…`).'),
    accountId: text('The account (`acct_…`) the calling API key manages.'),
    isOperator: flag('True when the calling API key is an operator key.'),
  }),
  'Tollgate addition: who the calling API key is.',
);

export type AccessKey = z.output<typeof accessKeySchema>;
export type AccessKeyCreate = z.input<typeof accessKeyCreateSchema>;
export type AccessKeyUpdate = z.input<typeof accessKeyUpdateSchema>;
export type ApiKey = z.output<typeof apiKeySchema>;
export type ApiKeyCreate = z.input<typeof apiKeyCreateSchema>;
export type ApiKeyUpdate = z.input<typeof apiKeyUpdateSchema>;
export type Me = z.output<typeof meSchema>;
