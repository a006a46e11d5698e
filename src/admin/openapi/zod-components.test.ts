import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../openapi-document.js';
import { configurationBodies } from '../schemas/configuration-schemas.js';
import { creditGrantCreateSchema } from '../schemas/credit-schemas.js';
import { firewallPolicyBodies } from '../schemas/firewall-policy-schemas.js';
import { gatewayConfigUpdateSchema } from '../schemas/gateway-config-schemas.js';
import { accessKeyCreateSchema } from '../schemas/token-key-schemas.js';
import { usageListQuery } from '../schemas/usage-schemas.js';
import { virtualModelBodies } from '../schemas/virtual-model-schemas.js';
import { parseInput } from '../validation.js';
import { zodComponents } from './zod-components.js';

describe('components written as zod schemas', () => {
  const document = buildOpenApiDocument();
  const components = zodComponents();

  it('are served in /openapi.json as generated, each under its component name', () => {
    expect(Object.keys(components)).toEqual(
      expect.arrayContaining([
        'Ref',
        'AIGatewayAccessKey',
        'AIGatewayAccessKeyCreate',
        'AIGatewayAPIKey',
        'Me',
        'AIGatewayAccessKeyConfiguration',
        'AIGatewayAccessKeyConfigurationCreate',
        'AIGatewayAccessKeyConfigurationUpdate',
        'AIGatewayAccessKeyConfigurationList',
        'AccessScope',
        'RouterWrite',
        'RouterStepKeyWrite',
        'AccessKeyLimits',
        'AIGatewayProvider',
        'AIGatewayProviderCreate',
        'AIGatewayProviderUpdate',
        'SupportedAPISurface',
        'AIGatewayVirtualModel',
        'AIGatewayVirtualModelCreate',
        'AIGatewayVirtualModelUpdate',
        'FirewallPolicy',
        'FirewallPolicyCreate',
        'FirewallPolicyUpdate',
        'FirewallRule',
        'Error',
        'Account',
        'AccountList',
        'CreditBalance',
        'CreditTransactionItem',
        'CreditGrantCreate',
        'AIGatewayConfig',
        'AIGatewayConfigUpdate',
        'AIGatewayUsageEvent',
        'AIGatewayUsageRequest',
        'RequestCapture',
        'Catalog',
      ]),
    );
    for (const [id, schema] of Object.entries(components)) {
      expect(document.components?.schemas?.[id], id).toEqual(schema);
    }
  });

  it('document a request body as the route validates it: strict, with its limits', () => {
    expect(components.AIGatewayAccessKeyCreate).toMatchObject({
      additionalProperties: false,
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 255 },
        accessKeyConfigurationId: { type: 'string', minLength: 1 },
      },
    });
    expect(() => parseInput(accessKeyCreateSchema, { name: '' })).toThrow(/name/);
    expect(() => parseInput(accessKeyCreateSchema, { unknownField: 1 })).toThrow(/unknownField|Unrecognized/);
  });

  it('document a response as the view types it: nullable fields nullable, references as $ref', () => {
    expect(components.AIGatewayAccessKey).toMatchObject({
      properties: {
        lastUsed: { type: 'string', format: 'date-time', nullable: true },
        createdBy: { $ref: '#/components/schemas/Ref' },
        accessKeyConfiguration: { type: 'object', nullable: true },
      },
    });
    expect(components.AIGatewayAccessKey).not.toHaveProperty('additionalProperties');
    expect(components.AIGatewayAccessKey).not.toHaveProperty('$id');
  });

  it('write an optional component as its $ref, and a nullable one as allOf with nullable', () => {
    expect(components.AIGatewayAccessKeyConfigurationCreate?.properties).toMatchObject({
      access: { $ref: '#/components/schemas/AccessScope' },
      router: { $ref: '#/components/schemas/RouterWrite' },
    });
    expect(components.AIGatewayAccessKeyConfigurationUpdate?.properties?.access).toEqual({
      nullable: true,
      allOf: [{ $ref: '#/components/schemas/AccessScope' }],
    });
    // A described optional component keeps its allOf: a $ref's siblings would be ignored.
    expect(components.AccessScope?.properties?.providers).toMatchObject({
      description: expect.stringContaining('Provider scope'),
      allOf: [{ $ref: '#/components/schemas/AccessDimension' }],
    });
  });

  it("validate the domain's bodies with the limits they document", () => {
    expect(components.RouterStepKeyWrite).toMatchObject({
      type: 'object',
      additionalProperties: false,
      properties: { id: { type: 'string' }, name: { maxLength: 255 }, value: { type: 'string' } },
    });
    const mixedKey = {
      name: 'x',
      router: { rules: [{ steps: [{ type: 'user', keys: [{ id: 'a', value: 'v' }] }] }] },
    };
    expect(() => parseInput(configurationBodies.create, mixedKey)).toThrow(/keys\.0/);

    expect(components.AIGatewayVirtualModelCreate).toMatchObject({
      required: ['name', 'targets'],
      properties: {
        name: { pattern: '^[A-Za-z0-9._-]+$', maxLength: 128 },
        targets: { minItems: 1, maxItems: 20 },
      },
    });
    expect(() => parseInput(virtualModelBodies.create, { name: 'a b', targets: [] })).toThrow(
      /name.*targets/,
    );

    expect(components.FirewallPolicyCreate?.properties?.mode).toMatchObject({
      enum: ['enforce', 'dry_run'],
      default: 'enforce',
    });
    expect(parseInput(firewallPolicyBodies.create, { name: 'p', rules: [] }).mode).toBe('enforce');
  });

  it('document credit transactions as the reference does: oneOf with its discriminator', () => {
    expect(components.CreditTransactionItem).toEqual({
      oneOf: [
        { $ref: '#/components/schemas/CreditTransactionCredits' },
        { $ref: '#/components/schemas/CreditTransactionUsageInvoice' },
        { $ref: '#/components/schemas/CreditTransactionUsageInvoicePreview' },
      ],
      discriminator: {
        propertyName: 'type',
        mapping: {
          credits: '#/components/schemas/CreditTransactionCredits',
          usageInvoice: '#/components/schemas/CreditTransactionUsageInvoice',
          usageInvoicePreview: '#/components/schemas/CreditTransactionUsageInvoicePreview',
        },
      },
    });
  });

  it('document money as integer cents and exact USD strings, never as a float', () => {
    expect(components.CreditBalance).toMatchObject({
      properties: {
        balanceCents: { type: 'integer', format: 'int64' },
        balanceUsd: { type: 'string', pattern: '^-?[0-9]+\\.[0-9]{9}$' },
      },
    });
    expect(components.AIGatewayUsageEvent).toMatchObject({
      properties: {
        totalCost: { type: 'string' },
        costNanoUsd: { type: 'integer', format: 'int64', minimum: 0 },
      },
    });
  });

  it('document a transformed request field as the client sends it, and parse it to what the route uses', () => {
    expect(components.AIGatewayConfigUpdate).toMatchObject({
      additionalProperties: false,
      properties: {
        totalTimeout: { type: 'string', nullable: true, pattern: expect.any(String) },
        captureRetention: { type: 'string', nullable: true },
        captureMaxBodyBytes: { type: 'integer', minimum: 1024, maximum: 1048576, nullable: true },
      },
    });
    expect(parseInput(gatewayConfigUpdateSchema, { totalTimeout: '2m', captureRetention: '1h' })).toEqual({
      totalTimeout: 120_000,
      captureRetention: 3_600,
    });
    expect(() => parseInput(gatewayConfigUpdateSchema, { totalTimeout: '31m' })).toThrow(/totalTimeout/);
    expect(() => parseInput(gatewayConfigUpdateSchema, { captureRetention: '30s' })).toThrow(
      /captureRetention/,
    );
  });

  it('validate credit grants and usage queries with the schemas the document shows', () => {
    expect(components.CreditGrantCreate).toMatchObject({
      required: ['amountCents', 'category'],
      properties: { amountCents: { minimum: 1, maximum: 100_000_000 } },
    });
    expect(() => parseInput(creditGrantCreateSchema, { amountCents: 0, category: 'purchase' })).toThrow(
      /amountCents/,
    );
    expect(() => parseInput(creditGrantCreateSchema, { amountCents: 5, category: 'gift' })).toThrow(
      /category/,
    );
    expect(parseInput(usageListQuery, { startTime: '2026-01-01T00:00:00Z' })).toMatchObject({
      includeRetries: 'false',
      limit: 100,
    });
    expect(() => parseInput(usageListQuery, { startTime: 'yesterday' })).toThrow(/startTime/);
  });

  it('document nullable references as allOf with nullable, and optional ones without it', () => {
    expect(components.AIGatewayUsageAttempt).toMatchObject({
      properties: {
        event: { $ref: '#/components/schemas/AIGatewayUsageEvent' },
        charge: { allOf: [{ $ref: '#/components/schemas/AIGatewayUsageCharge' }], nullable: true },
      },
    });
    expect(components.AIGatewayUsageRequest?.required).not.toContain('capture');
  });

  it('admit null in the enum of a nullable enum, as OpenAPI 3.0.3 needs', () => {
    expect(components.AIGatewayUsageEvent?.properties?.firewallDecision).toMatchObject({
      nullable: true,
      enum: ['allowed', 'stripped', 'blocked', 'would_strip', 'would_block', null],
    });
    expect(components.AIGatewayUsageEvent?.properties?.keySource).toMatchObject({ enum: ['ngrok', 'user'] });
  });
});
