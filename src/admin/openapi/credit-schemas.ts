import type { SchemaObject } from './openapi-types.js';
import { int64, nullable, ref, requestObject, responseObject, text, timestamp } from './schema-builders.js';

/**
 * Credits. Cents keep the reference's integer type (rounded down); Tollgate adds the exact
 * amounts beside them as USD decimal strings with 9 places.
 */

const exactUsd = (description: string) =>
  text(`${description} Exact USD as a decimal string with 9 places.`, { pattern: '^-?[0-9]+\\.[0-9]{9}$' });

const invoiceProperties = {
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
const invoiceRequired = ['type', ...Object.keys(invoiceProperties)];

const category = text('Credit grant category.', { enum: ['purchase', 'promotional'] });

export const creditSchemas: Record<string, SchemaObject> = {
  CreditBalance: responseObject(['balanceCents', 'balanceUsd', 'reservedUsd', 'availableUsd'], {
    balanceCents: int64('Current credit balance in cents, rounded down.'),
    balanceUsd: exactUsd('Tollgate addition: the exact balance (unexpired grants minus settled usage).'),
    reservedUsd: exactUsd('Tollgate addition: held by reservations of requests in flight.'),
    availableUsd: exactUsd(
      'Tollgate addition: `balanceUsd` minus `reservedUsd`, what new requests may reserve.',
    ),
  }),
  CreditTransactionCredits: responseObject(
    [
      'type',
      'createdAt',
      'category',
      'amountCents',
      'id',
      'amountUsd',
      'expiresAt',
      'remainingUsd',
      'expiredCents',
      'expiredAt',
    ],
    {
      type: text('The type of transaction.', { enum: ['credits'] }),
      id: text('Tollgate addition: the grant (`cg_…`).'),
      amountCents: int64('Amount of credits granted in cents.', { minimum: 0 }),
      amountUsd: exactUsd('Tollgate addition: the amount granted, exactly.'),
      category,
      expiresAt: nullable(timestamp('When the credit grant expires. Null if the grant does not expire.')),
      createdAt: timestamp('When this transaction occurred.'),
      remainingUsd: exactUsd('Tollgate addition: what is left of the grant.'),
      expiredCents: int64('Tollgate addition: what expired unused, in cents.', { minimum: 0 }),
      expiredAt: nullable(timestamp('Tollgate addition: when the unused rest expired, or null.')),
    },
    'A credit grant. Grants are made by operator API keys (`POST /accounts/{id}/credits/grants`).',
  ),
  CreditTransactionUsageInvoice: responseObject([...invoiceRequired, 'invoiceUrl'], {
    type: text('The type of transaction: a past UTC day of usage.', { enum: ['usageInvoice'] }),
    ...invoiceProperties,
    invoiceUrl: nullable(text('Hosted invoice URL; always null.', { format: 'uri' })),
  }),
  CreditTransactionUsageInvoicePreview: responseObject(invoiceRequired, {
    type: text("The type of transaction: today's usage so far.", { enum: ['usageInvoicePreview'] }),
    ...invoiceProperties,
  }),
  CreditTransactionItem: {
    oneOf: [
      ref('CreditTransactionCredits'),
      ref('CreditTransactionUsageInvoice'),
      ref('CreditTransactionUsageInvoicePreview'),
    ],
    discriminator: {
      propertyName: 'type',
      mapping: {
        credits: '#/components/schemas/CreditTransactionCredits',
        usageInvoice: '#/components/schemas/CreditTransactionUsageInvoice',
        usageInvoicePreview: '#/components/schemas/CreditTransactionUsageInvoicePreview',
      },
    },
  },
  CreditTransactionList: responseObject(['items'], {
    items: {
      type: 'array',
      description: 'Grants and daily usage, newest first.',
      items: ref('CreditTransactionItem'),
    },
  }),
  CreditGrantCreate: requestObject(['amountCents', 'category'], {
    amountCents: int64('Amount of credits to grant in cents.', { minimum: 1, maximum: 100_000_000 }),
    category,
    expiresAt: nullable(timestamp('When the grant expires: omitted = one year from now, `null` = never.')),
  }),
};
