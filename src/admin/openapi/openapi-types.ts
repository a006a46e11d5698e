/** The subset of OpenAPI 3.0.3 that Tollgate's management API document uses. */

export interface ReferenceObject {
  $ref: string;
}

export type SchemaType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';

export interface SchemaObject {
  type?: SchemaType;
  format?: string;
  description?: string;
  nullable?: boolean;
  enum?: readonly (string | number | boolean | null)[];
  default?: string | number | boolean;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, SchemaOrReference>;
  required?: readonly string[];
  additionalProperties?: boolean | SchemaOrReference;
  items?: SchemaOrReference;
  allOf?: readonly SchemaOrReference[];
  oneOf?: readonly SchemaOrReference[];
  discriminator?: { propertyName: string; mapping?: Record<string, string> };
}

export type SchemaOrReference = SchemaObject | ReferenceObject;

export interface ParameterObject {
  name: string;
  in: 'query' | 'path' | 'header';
  required?: boolean;
  description?: string;
  schema: SchemaOrReference;
}

export type ParameterOrReference = ParameterObject | ReferenceObject;

export interface MediaTypeObject {
  schema: SchemaOrReference;
}

export interface ResponseObject {
  description: string;
  content?: Record<string, MediaTypeObject>;
}

export interface RequestBodyObject {
  required?: boolean;
  content: Record<string, MediaTypeObject>;
}

export type SecurityRequirement = Record<string, string[]>;

export interface OperationObject {
  tags: string[];
  summary: string;
  description?: string;
  operationId: string;
  parameters?: ParameterOrReference[];
  requestBody?: RequestBodyObject;
  responses: Record<string, ResponseObject | ReferenceObject>;
  /** `[]` for the few paths that need no API key. */
  security?: SecurityRequirement[];
}

export type HttpMethod = 'get' | 'head' | 'post' | 'patch' | 'delete';

export type PathItemObject = { parameters?: ParameterOrReference[] } & Partial<
  Record<HttpMethod, OperationObject>
>;

export interface OpenApiDocument {
  openapi: '3.0.3';
  info: { title: string; version: string; description: string };
  servers: { url: string; description: string }[];
  security: SecurityRequirement[];
  tags: { name: string; description: string }[];
  paths: Record<string, PathItemObject>;
  components: {
    securitySchemes: Record<
      string,
      { type: 'http'; scheme: 'bearer'; bearerFormat: string; description: string }
    >;
    parameters: Record<string, ParameterObject>;
    schemas: Record<string, SchemaObject>;
    responses: Record<string, ResponseObject>;
  };
}
