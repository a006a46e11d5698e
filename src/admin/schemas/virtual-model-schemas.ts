import { z } from 'zod';
import {
  targetsDescription,
  targetWriteSchema,
  virtualModelSpec,
  virtualModelUpdateSchema,
} from '../../domain/virtual-models/virtual-model-input.js';
import { resourceSchemaOf } from './resource-schema.js';
import { listSchema, text } from './schema-fields.js';
import { component, requestBodies } from './schema-registry.js';

/**
 * Virtual models (`/virtual-models`), a Tollgate addition. The request bodies and the response
 * derive from the domain's spec (`virtualModelSpec`), registered here under their component names.
 */

component('AIGatewayVirtualModelTargetCreate', targetWriteSchema);

export const virtualModelBodies = requestBodies('AIGatewayVirtualModel', {
  create: virtualModelSpec,
  update: virtualModelUpdateSchema,
});

// A target reads back as written, under its own component name (the request's is strict).
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
  resourceSchemaOf(
    virtualModelSpec,
    {
      id: 'Unique identifier for this virtual model (`aigvm_…`).',
      uri: 'URI of this virtual model resource.',
      noun: 'virtual model',
    },
    { targets: z.array(targetSchema).describe(targetsDescription) },
  ),
);
export type VirtualModel = z.output<typeof virtualModelSchema>;

component(
  'AIGatewayVirtualModelList',
  listSchema('aiGatewayVirtualModels', virtualModelSchema, 'The virtual models of this account.'),
);
