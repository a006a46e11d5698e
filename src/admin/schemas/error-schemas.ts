import { z } from 'zod';
import { type ErrorCode, errorCodes } from '../../errors/registry.js';
import { int32, text } from './schema-fields.js';
import { component } from './schema-registry.js';

/** The reference's error body, which every admin error answers with. */
export const errorSchema = component(
  'Error',
  z.object({
    errorCode: z
      .enum(errorCodes as [ErrorCode, ...ErrorCode[]])
      .describe("Tollgate's error registry code (`not_found`, `validation_failed`, …).")
      .optional(),
    statusCode: int32('HTTP status code for this error.'),
    msg: text('Human-readable error message. Never contains a secret, a provider key or a full token.'),
    details: z
      .record(z.string(), z.string())
      .describe('Structured error details, e.g. the request fields at fault.'),
  }),
);
