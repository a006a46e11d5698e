import { z } from 'zod';
import { creditCategories } from '../../domain/credits/credit-categories.js';
import { int64, text, timestamp } from './schema-fields.js';
import { component } from './schema-registry.js';

/**
 * Credits. Cents keep the reference's integer type (rounded down); Tollgate adds the exact
 * amounts beside them as USD decimal strings with 9 places (nano-dollars, never a float).
 */

const exactUsd = (description: string) =>
  z
    .string()
    .regex(/^-?[0-9]+\.[0-9]{9}$/)
    .describe(`${description} Exact USD as a decimal string with 9 places.`);

const cents = (description: string, minimum: number, maximum = Number.MAX_SAFE_INTEGER) =>
  z.number().int().min(minimum).max(maximum).meta({ description, format: 'int64' });

/** Each kind of transaction's component, by its `type`: the union's discriminator mapping. */
const transactionIds = {
  credits: 'CreditTransactionCredits',
  usageInvoice: 'CreditTransactionUsageInvoice',
  usageInvoicePreview: 'CreditTransactionUsageInvoicePreview',
} as const;

const category = z.enum(creditCategories).describe('Credit grant category.');

export const creditBalanceSchema = component(
  'CreditBalance',
  z.object({
    balanceCents: int64('Current credit balance in cents, rounded down.'),
    balanceUsd: exactUsd('Tollgate addition: the exact balance (unexpired grants minus settled usage).'),
    reservedUsd: exactUsd('Tollgate addition: held by reservations of requests in flight.'),
    availableUsd: exactUsd(
      'Tollgate addition: `balanceUsd` minus `reservedUsd`, what new requests may reserve.',
    ),
  }),
);
export type CreditBalance = z.output<typeof creditBalanceSchema>;

export const creditGrantSchema = component(
  transactionIds.credits,
  z.object({
    type: z.literal('credits').describe('The type of transaction.'),
    id: text('Tollgate addition: the grant (`cg_…`).'),
    amountCents: cents('Amount of credits granted in cents.', 0),
    amountUsd: exactUsd('Tollgate addition: the amount granted, exactly.'),
    category,
    expiresAt: timestamp('When the credit grant expires. Null if the grant does not expire.').nullable(),
    createdAt: timestamp('When this transaction occurred.'),
    remainingUsd: exactUsd('Tollgate addition: what is left of the grant.'),
    expiredCents: cents('Tollgate addition: what expired unused, in cents.', 0),
    expiredAt: timestamp('Tollgate addition: when the unused rest expired, or null.').nullable(),
  }),
  'A credit grant. Grants are made by operator API keys (`POST /accounts/{id}/credits/grants`).',
);
export type CreditGrant = z.output<typeof creditGrantSchema>;

const invoiceFields = {
  createdAt: timestamp('When this transaction occurred.'),
  periodStart: timestamp('Start of the period (one UTC day of usage).'),
  periodEnd: timestamp('End of the period.'),
  totalCents: int64('Usage over the period, in cents.'),
  totalUsd: exactUsd('Tollgate addition: the same total, exactly.'),
  appliedCreditsCents: int64('Amount of credits applied (all of it: usage is paid from credits).'),
  amountDueCents: int64('Amount due after credits are applied (always 0).'),
  amountPaidCents: int64('Amount already paid (always 0).'),
  amountRemainingCents: int64('Amount still owed (always 0).'),
};

export const usageInvoiceSchema = component(
  transactionIds.usageInvoice,
  z.object({
    type: z.literal('usageInvoice').describe('The type of transaction: a past UTC day of usage.'),
    ...invoiceFields,
    invoiceUrl: z
      .string()
      .meta({ description: 'Hosted invoice URL; always null.', format: 'uri' })
      .nullable(),
  }),
);
export type UsageInvoice = z.output<typeof usageInvoiceSchema>;

export const usageInvoicePreviewSchema = component(
  transactionIds.usageInvoicePreview,
  z.object({
    type: z.literal('usageInvoicePreview').describe("The type of transaction: today's usage so far."),
    ...invoiceFields,
  }),
);
export type UsageInvoicePreview = z.output<typeof usageInvoicePreviewSchema>;

export const creditTransactionSchema = component(
  'CreditTransactionItem',
  z.discriminatedUnion('type', [creditGrantSchema, usageInvoiceSchema, usageInvoicePreviewSchema]).meta({
    // The reference names the discriminator; toJSONSchema writes only the `oneOf`.
    discriminator: {
      propertyName: 'type',
      mapping: Object.fromEntries(
        Object.entries(transactionIds).map(([type, id]) => [type, `#/components/schemas/${id}`]),
      ),
    },
  }),
);
export type CreditTransactionItem = z.output<typeof creditTransactionSchema>;

export const creditTransactionListSchema = component(
  'CreditTransactionList',
  z.object({
    items: z.array(creditTransactionSchema).describe('Grants and daily usage, newest first.'),
  }),
);
export type CreditTransactionList = z.output<typeof creditTransactionListSchema>;

export const creditGrantCreateSchema = component(
  'CreditGrantCreate',
  z.strictObject({
    amountCents: cents('Amount of credits to grant in cents.', 1, 100_000_000),
    category,
    expiresAt: z.iso
      .datetime({ offset: true })
      .nullable()
      .optional()
      .describe('When the grant expires: omitted = one year from now, `null` = never.'),
  }),
);
