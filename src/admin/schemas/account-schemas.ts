import { z } from 'zod';
import { nameField } from '../../domain/label-fields.js';
import { listSchema, text, timestamp } from './schema-fields.js';
import { component } from './schema-registry.js';

/** Accounts (`/accounts`, operator API keys only): a Tollgate addition. */

export const accountSchema = component(
  'Account',
  z.object({
    id: text('Unique identifier for this account (`acct_…`).'),
    uri: text('URI of this account resource.'),
    name: text('Label for this account.'),
    createdAt: timestamp('Timestamp when the account was created.'),
    updatedAt: timestamp('Timestamp when the account was last updated.'),
  }),
  'Tollgate addition: every resource belongs to one account. Operator keys only.',
);
export type Account = z.output<typeof accountSchema>;

export const accountListSchema = component(
  'AccountList',
  listSchema('accounts', accountSchema, 'The accounts of this deployment.'),
);

/** A request body of one field, the label (every account write and an account's API key). */
const nameBody = (id: string, description: string) =>
  component(id, z.strictObject({ name: nameField.describe(description) }));

export const accountCreateSchema = nameBody('AccountCreate', 'Label for the account.');
export const accountUpdateSchema = nameBody('AccountUpdate', 'New label for the account.');
export const accountApiKeyCreateSchema = nameBody(
  'AccountAPIKeyCreate',
  'User-friendly label for this API key.',
);
