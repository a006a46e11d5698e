import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../openapi-document.js';
import { configurationBodies } from '../schemas/configuration-schemas.js';
import { firewallPolicyBodies } from '../schemas/firewall-policy-schemas.js';
import { accessKeyCreateSchema } from '../schemas/token-key-schemas.js';
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
});
