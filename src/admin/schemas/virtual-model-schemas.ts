import { z } from 'zod';
import {
  targetsDescription,
  targetWriteSchema,
  virtualModelCreateSchema,
  virtualModelUpdateSchema,
} from '../../domain/virtual-models/virtual-model-input.js';
import { auditFields, labelFields, listSchema, text, timestamp } from './schema-fields.js';
import { component, requestBodies } from './schema-registry.js';

/**
 * Virtual models (`/virtual-models`), a Tollgate addition. The request bodies are the domain's
 * schemas, registered here under their component names; the response is written here.
 */

component('AIGatewayVirtualModelTargetCreate', targetWriteSchema);

export const virtualModelBodies = requestBodies('AIGatewayVirtualModel', {
  create: virtualModelCreateSchema,
  update: virtualModelUpdateSchema,
});

const targetSchema = component(
  'AIGatewayVirtualModelTarget',
  z.object({
    model: text(
      'A model address: `provider:model`, or a bare catalog model id for any provider that serves it.',
    ),
  }),
);

export const virtualModelSchema = component(
  'AIGatewayVirtualModel',
  z.object({
    id: text('Unique identifier for this virtual model (`aigvm_…`).'),
    uri: text('URI of this virtual model resource.'),
    name: text('The name clients send as `model`.'),
    description: labelFields('virtual model').description,
    targets: z.array(targetSchema).describe(targetsDescription),
    createdAt: timestamp('Timestamp when the virtual model was created.'),
    updatedAt: timestamp('Timestamp when the virtual model was last updated.'),
    ...auditFields,
  }),
);
export type VirtualModel = z.output<typeof virtualModelSchema>;

component(
  'AIGatewayVirtualModelList',
  listSchema('aiGatewayVirtualModels', virtualModelSchema, 'The virtual models of this account.'),
);
