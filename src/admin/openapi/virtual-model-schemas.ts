import type { SchemaObject } from './openapi-types.js';
import {
  arrayOf,
  auditProperties,
  listEnvelope,
  nullable,
  ref,
  requestObject,
  responseObject,
  text,
  timestamp,
} from './schema-builders.js';

/** Virtual models (`/virtual-models`): a Tollgate addition. */

const nameSchema = text(
  'The name clients send as `model`: letters, digits, `.`, `_` and `-`; unique per account (any case) and ' +
    'never a catalog model id (`virtual_model_name_taken` otherwise).',
  { minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._-]+$' },
);
const descriptionSchema = text('Human-readable description of this virtual model.', { maxLength: 255 });
const targetsDescription =
  'The targets in the order the gateway tries them: `provider:model` pins a provider, a bare catalog model id ' +
  'lets the catalog pick it. 1 to 20, no duplicates.';

export const virtualModelSchemas: Record<string, SchemaObject> = {
  AIGatewayVirtualModelTarget: responseObject(['model'], {
    model: text(
      'A model address: `provider:model`, or a bare catalog model id for any provider that serves it.',
    ),
  }),
  AIGatewayVirtualModel: responseObject(
    ['id', 'uri', 'name', 'targets', 'createdAt', 'updatedAt', 'createdBy', 'lastUpdatedBy'],
    {
      id: text('Unique identifier for this virtual model (`aigvm_…`).'),
      uri: text('URI of this virtual model resource.'),
      name: text('The name clients send as `model`.'),
      description: text('Human-readable description; omitted when unset.'),
      targets: arrayOf(ref('AIGatewayVirtualModelTarget'), targetsDescription),
      createdAt: timestamp('Timestamp when the virtual model was created.'),
      updatedAt: timestamp('Timestamp when the virtual model was last updated.'),
      ...auditProperties,
    },
  ),
  AIGatewayVirtualModelList: listEnvelope(
    'aiGatewayVirtualModels',
    'AIGatewayVirtualModel',
    'The virtual models of this account.',
  ),
  AIGatewayVirtualModelTargetCreate: requestObject(['model'], {
    model: text('A model address: `provider:model`, or a bare catalog model id.', {
      minLength: 1,
      maxLength: 512,
    }),
  }),
  AIGatewayVirtualModelCreate: requestObject(['name', 'targets'], {
    name: nameSchema,
    description: descriptionSchema,
    targets: arrayOf(ref('AIGatewayVirtualModelTargetCreate'), targetsDescription, {
      minItems: 1,
      maxItems: 20,
    }),
  }),
  AIGatewayVirtualModelUpdate: requestObject(
    [],
    {
      name: nameSchema,
      description: nullable(descriptionSchema),
      targets: arrayOf(
        ref('AIGatewayVirtualModelTargetCreate'),
        `Full replacement list. ${targetsDescription}`,
        {
          minItems: 1,
          maxItems: 20,
        },
      ),
    },
    'Partial update: omitted fields are unchanged; `description: null` clears it. Applies on the next request on every instance.',
  ),
};
