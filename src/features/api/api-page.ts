import { API_INTRODUCTION, type OpenApiDocument } from './openapi.document.ts';

/** A JSON Schema as the document writes them: only what the page shows is read. */
type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  description?: string;
  format?: string;
  pattern?: string;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  maxLength?: number;
  maxItems?: number;
  default?: unknown;
};
type Parameter = { name: string; in: string; required?: boolean; schema: Schema; description?: string };
type Response = { $ref?: string; description?: string; content?: Record<string, { schema: Schema }> };
type Operation = {
  operationId: string;
  summary: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, Response>;
};

export type FieldRow = { name: string; type: string; required: boolean; notes: string };
export type OperationSection = {
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string | undefined;
  parameters: FieldRow[];
  body: FieldRow[];
  responses: Array<{ status: string; description: string; fields: FieldRow[] }>;
};

function resolve<T extends object>(document: OpenApiDocument, value: T & { $ref?: string }): T {
  if (!value.$ref) return value;
  const target = value.$ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], document);
  return target as T;
}

function typeOf(schema: Schema): string {
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type ?? 'object']).filter(Boolean);
  const named = types.map((type) => (type === 'array' && schema.items ? `array of ${typeOf(schema.items)}` : type));
  return named.join(' or ') + (schema.format ? ` (${schema.format})` : '');
}

/** The limits and allowed values a field is checked against, in words. */
function notesOf(schema: Schema, description?: string): string {
  const notes: string[] = [];
  if (description ?? schema.description) notes.push((description ?? schema.description)!);
  const values = schema.enum ?? schema.items?.enum;
  if (values) notes.push(`One of: ${values.map((value) => (value === null ? 'null' : String(value))).join(', ')}`);
  if (schema.exclusiveMinimum !== undefined) notes.push(`More than ${schema.exclusiveMinimum}`);
  if (schema.minimum !== undefined) notes.push(`At least ${schema.minimum}`);
  if (schema.maximum !== undefined) notes.push(`At most ${schema.maximum}`);
  const maxLength = schema.maxLength ?? schema.items?.maxLength;
  if (maxLength !== undefined) notes.push(`At most ${maxLength} characters`);
  if (schema.maxItems !== undefined) notes.push(`At most ${schema.maxItems} items`);
  if (schema.pattern) notes.push(`Like ${schema.pattern}`);
  if (schema.default !== undefined) notes.push(`Defaults to ${String(schema.default)}`);
  return notes.join('. ');
}

/** An object's fields, and (one level down) those of the objects it holds, as `results[].name`. */
function fieldsOf(document: OpenApiDocument, schemaOrRef: Schema, prefix = '', depth = 0): FieldRow[] {
  const schema = resolve(document, schemaOrRef);
  return Object.entries(schema.properties ?? {}).flatMap(([name, property]) => {
    const row = {
      name: `${prefix}${name}`,
      type: typeOf(property),
      required: schema.required?.includes(name) ?? false,
      notes: notesOf(property),
    };
    if (depth >= 2) return [row];
    const nested = property.items?.properties ? property.items : property.properties ? property : undefined;
    const suffix = property.items ? '[].' : '.';
    return nested ? [row, ...fieldsOf(document, nested, `${prefix}${name}${suffix}`, depth + 1)] : [row];
  });
}

function jsonSchemaOf(content: Record<string, { schema: Schema }> | undefined): Schema | undefined {
  return content?.['application/json']?.schema;
}

/** The page at /api: every operation of the document, with its parameters, body and answers. */
export function apiPage(document: OpenApiDocument) {
  const operations: OperationSection[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, raw] of Object.entries(methods as Record<string, Operation>)) {
      const body = jsonSchemaOf(raw.requestBody?.content);
      operations.push({
        id: raw.operationId,
        method: method.toUpperCase(),
        path,
        summary: raw.summary,
        description: raw.description,
        parameters: (raw.parameters ?? []).map((parameter) => ({
          name: `${parameter.name} (${parameter.in})`,
          type: typeOf(parameter.schema),
          required: parameter.required ?? false,
          notes: notesOf(parameter.schema, parameter.description),
        })),
        body: body ? fieldsOf(document, body) : [],
        responses: Object.entries(raw.responses).map(([status, response]) => {
          const resolved = resolve(document, response);
          const schema = jsonSchemaOf(resolved.content);
          return {
            status,
            description: resolved.description ?? '',
            fields: schema && status.startsWith('2') ? fieldsOf(document, schema) : [],
          };
        }),
      });
    }
  }
  return {
    title: document.info.title,
    version: document.info.version,
    introduction: API_INTRODUCTION,
    server: document.servers[0]!.url,
    license: document.info.license,
    operations,
  };
}
