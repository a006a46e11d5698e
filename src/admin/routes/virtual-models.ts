import type { FastifyInstance } from 'fastify';
import { virtualModelFields } from '../../domain/virtual-models/virtual-model-columns.js';
import type { VirtualModelService } from '../../domain/virtual-models/virtual-model-service.js';
import type { VirtualModelRow } from '../../store/schema.js';
import { byAccountService, registerResourceRoutes } from '../resource-routes.js';
import { type AdminCaller, rowResourceFields } from '../resource-views.js';
import { type VirtualModel, virtualModelBodies } from '../schemas/virtual-model-schemas.js';

export function virtualModelView(caller: AdminCaller, row: VirtualModelRow): VirtualModel {
  return { ...rowResourceFields(caller, 'virtual-models', row), ...virtualModelFields.read(row) };
}

/** `/virtual-models`: names clients send as `model`, each standing for an ordered list of targets. */
export function registerVirtualModelRoutes(app: FastifyInstance, service: VirtualModelService): void {
  registerResourceRoutes(app, {
    names: { collection: '/virtual-models', envelope: 'aiGatewayVirtualModels', noun: 'Virtual model' },
    schemas: virtualModelBodies,
    ...byAccountService(service),
    views: (caller) => (row) => virtualModelView(caller, row),
  });
}
