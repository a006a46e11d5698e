import type {
  OperationObject,
  ParameterObject,
  ParameterOrReference,
  PathItemObject,
  ReferenceObject,
  ResponseObject,
} from './openapi-types.js';

/** Builders for operations and for the reference's CRUD resource layout. */

export const errorResponse: ReferenceObject = { $ref: '#/components/responses/Error' };

/** A schema component by name (`#/components/schemas/…`). */
function ref(name: string): ReferenceObject {
  return { $ref: `#/components/schemas/${name}` };
}

export function parameter(name: string): ReferenceObject {
  return { $ref: `#/components/parameters/${name}` };
}

export const pageParameters = [parameter('BeforeID'), parameter('Limit')];

export function jsonBody(schema: string) {
  return { required: true, content: { 'application/json': { schema: ref(schema) } } };
}

export function jsonResponse(description: string, schema: string): ResponseObject {
  return { description, content: { 'application/json': { schema: ref(schema) } } };
}

export function conflictResponse(description: string): ResponseObject {
  return {
    description: `${description} (\`resource_in_use\`).`,
    content: { 'application/json': { schema: ref('Error') } },
  };
}

interface OperationOptions {
  parameters?: ParameterOrReference[];
  requestSchema?: string;
  /** Success status → response; `default` (the Error body) is added. */
  responses: Record<string, ResponseObject>;
  description?: string;
}

export function operation(
  tag: string,
  operationId: string,
  summary: string,
  options: OperationOptions,
): OperationObject {
  return {
    tags: [tag],
    summary,
    ...(options.description ? { description: options.description } : {}),
    operationId,
    ...(options.parameters && options.parameters.length > 0 ? { parameters: options.parameters } : {}),
    ...(options.requestSchema ? { requestBody: jsonBody(options.requestSchema) } : {}),
    responses: { ...options.responses, default: errorResponse },
  };
}

export interface ResourceLayout {
  collection: string;
  tag: string;
  /** Schema and operation stem, e.g. `AIGatewayAccessKey` → `ListAIGatewayAccessKeys`, `AIGatewayAccessKeyCreate`. */
  stem: string;
  /** The item schema when it is not the stem itself (provider keys: `…Detail`). */
  itemSchema?: string;
  noun: string;
  idParameter: string;
  listFilters?: ParameterObject[];
  /** Why DELETE may answer 409, for resources that others reference. */
  deleteConflict?: string;
}

/** `/things` (GET, POST) and `/things/{id}` (GET, PATCH, DELETE), named as the reference names them. */
export function resourcePaths(layout: ResourceLayout): Record<string, PathItemObject> {
  const { stem, noun, tag } = layout;
  const item = layout.itemSchema ?? stem;
  const plural = `${noun}s`;
  return {
    [layout.collection]: {
      get: operation(tag, `List${stem}s`, `List ${plural}`, {
        description: `List the ${plural} of the calling API key's account, newest first.`,
        parameters: [...pageParameters, ...(layout.listFilters ?? [])],
        responses: { '200': jsonResponse(`A page of ${plural}.`, `${stem}List`) },
      }),
      post: operation(tag, `Create${stem}`, `Create an ${noun}`, {
        requestSchema: `${stem}Create`,
        responses: { '201': jsonResponse(`The created ${noun}.`, item) },
      }),
    },
    [`${layout.collection}/{id}`]: {
      parameters: [parameter(layout.idParameter)],
      get: operation(tag, `Get${stem}`, `Get an ${noun}`, {
        description: `Get a single ${noun} by ID. A resource of another account reads as 404.`,
        responses: { '200': jsonResponse(`The ${noun}.`, item) },
      }),
      patch: operation(tag, `Update${stem}`, `Update an ${noun}`, {
        description: 'Partial update: omit a field to leave it unchanged; send null to clear it.',
        requestSchema: `${stem}Update`,
        responses: { '200': jsonResponse(`The updated ${noun}.`, item) },
      }),
      delete: operation(tag, `Delete${stem}`, `Delete an ${noun}`, {
        ...(layout.deleteConflict ? { description: `Fails with 409 while ${layout.deleteConflict}.` } : {}),
        responses: {
          '204': { description: `The ${noun} was deleted.` },
          ...(layout.deleteConflict
            ? { '409': conflictResponse(`Still referenced: ${layout.deleteConflict}`) }
            : {}),
        },
      }),
    },
  };
}

/**
 * The admin listener answers HEAD wherever it answers GET (200 when the resource exists,
 * the GET's error status otherwise, no body), as the reference documents for its resources.
 */
export function withHeadVariants(paths: Record<string, PathItemObject>): Record<string, PathItemObject> {
  const result: Record<string, PathItemObject> = {};
  for (const [path, item] of Object.entries(paths)) {
    const get = item.get;
    if (!get || item.head) {
      result[path] = item;
      continue;
    }
    const head: OperationObject = {
      ...get,
      summary: `Check: ${get.summary}`,
      description: `HEAD variant of ${get.operationId}: the same status, no body.`,
      operationId: `Head${get.operationId.replace(/^(List|Get)/, '')}`,
      responses: { '200': { description: 'The resource is available.' }, default: errorResponse },
    };
    result[path] = { ...item, head };
  }
  return result;
}
