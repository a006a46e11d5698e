import { z } from 'zod';
import {
  accessDimensionSchema,
  accessScopeSchema,
  configurationCreateSchema,
  configurationUpdateSchema,
  limitsSchema,
  routerWriteSchema,
  ruleWriteSchema,
  spendLimitSchema,
  stepKeyWriteSchema,
  stepWriteSchema,
} from '../../domain/configurations/configuration-schema.js';
import { auditFields, labelFields, listSchema, text, timestamp } from './schema-fields.js';
import { component, requestBodies } from './schema-registry.js';

/**
 * Access key configurations. The request bodies are the domain's schemas (they validate what is
 * stored), registered here under the reference's component names; the response is written here.
 */

component('AccessDimension', accessDimensionSchema);
component('AccessScope', accessScopeSchema);
component('RouterStepKeyWrite', stepKeyWriteSchema);
component('RouterStepWrite', stepWriteSchema);
component('RouterRuleWrite', ruleWriteSchema);
component('RouterWrite', routerWriteSchema);
component('SpendLimit', spendLimitSchema);
component('AccessKeyLimits', limitsSchema);

export const configurationBodies = requestBodies('AIGatewayAccessKeyConfiguration', {
  create: configurationCreateSchema,
  update: configurationUpdateSchema,
});
export type ConfigurationCreate = z.input<typeof configurationBodies.create>;
export type ConfigurationUpdate = z.input<typeof configurationBodies.update>;
export type AccessScope = z.output<typeof accessScopeSchema>;
export type Limits = z.output<typeof limitsSchema>;

/** A router key read back: its label and redacted form, never its value. */
const routerStepKeySchema = component(
  'RouterStepKey',
  z.object({
    id: text('Provider key ID.'),
    name: text('User-defined label.'),
    keyRedacted: text('Redacted display form of the key value.'),
  }),
);

const routerStepSchema = component(
  'RouterStep',
  z.object({
    type: z
      .enum(['user', 'ngrok'])
      .describe('Step type: `user` (provider keys) or `ngrok` (managed inference).'),
    keys: z.array(routerStepKeySchema).optional().describe('Provider keys for this step, tried in order.'),
    keySelectionStrategy: z.literal('ordered').optional().describe('How to select among `keys`.'),
  }),
);
export type RouterStepView = z.output<typeof routerStepSchema>;

const routerRuleSchema = component(
  'RouterRule',
  z.object({
    provider: text('Provider this rule applies to.').optional(),
    model: text('Provider-qualified model id this rule applies to.').optional(),
    steps: z.array(routerStepSchema).describe('Fallback chain. Steps run in order.'),
  }),
);
export type RouterRuleView = z.output<typeof routerRuleSchema>;

const routerSchema = component(
  'Router',
  z.object({ rules: z.array(routerRuleSchema).optional().describe('Routing rules.') }),
);

export const configurationSchema = component(
  'AIGatewayAccessKeyConfiguration',
  z.object({
    id: text('Unique identifier for this configuration (`aigac_…`).'),
    uri: text('URI of this AI Gateway Access Key Configuration API resource.'),
    name: text('User-defined label for this configuration.'),
    createdAt: timestamp('Timestamp when the configuration was created.'),
    updatedAt: timestamp('Timestamp when the configuration was last updated.'),
    ...auditFields,
    description: labelFields('configuration').description,
    metadata: labelFields('configuration').metadata,
    access: accessScopeSchema.optional(),
    router: routerSchema.optional(),
    limits: limitsSchema.optional(),
    firewallPolicy: z
      .object({
        id: text('The firewall policy (`aigfp_…`).'),
        uri: text('URI of the firewall policy.'),
      })
      .nullable()
      .describe('Tollgate addition: the attached firewall policy, or null for none.'),
  }),
);

export type Configuration = z.output<typeof configurationSchema>;

component(
  'AIGatewayAccessKeyConfigurationList',
  listSchema(
    'aiGatewayAccessKeyConfigurations',
    configurationSchema,
    'The AI Gateway access key configurations for this account.',
  ),
);
