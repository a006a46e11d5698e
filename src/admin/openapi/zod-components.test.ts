import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../openapi-document.js';
import { accessKeyCreateSchema } from '../schemas/token-key-schemas.js';
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
});
