import type { FastifyRequest } from 'fastify';
import type { AdminCaller } from './resource-views.js';

declare module 'fastify' {
  interface FastifyRequest {
    adminCaller: AdminCaller | undefined;
  }
}

/** The authenticated caller of an admin route (the auth hook runs before every route that needs one). */
export function callerOf(request: FastifyRequest): AdminCaller {
  if (!request.adminCaller) throw new Error('admin route reached without authentication');
  return request.adminCaller;
}

export function baseUrlOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}
