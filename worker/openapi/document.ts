/**
 * The OpenAPI 3.1 description of the atlas, generated from the routes' operations (each declared
 * beside its handler, worker/openapi/operation.ts) and their zod schemas: what validates a request
 * is what describes it, and what describes a response is what its test holds it to.
 */
import { z } from 'zod';
import type { DataBundle } from '../../geo/bundle.ts';
import { ErrorBody } from '../errors.ts';
import { TAGS, type Operation } from './operation.ts';

/** A JSON Schema (2020-12, as OpenAPI 3.1 uses). */
type JsonSchema = Record<string, unknown>;

/** A schema as JSON Schema: `input` for a request's text (before the route's transforms), `output` for a response. */
const jsonSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

/**
 * The documented schema of a JSON response.
 *
 * @param schema - the response's zod schema
 * @returns its JSON Schema, as the description carries it
 * @example
 * responseSchema(ReachResponse).properties; // { type, origin, year, features }
 */
export const responseSchema = (schema: z.ZodType): JsonSchema => jsonSchema(schema, 'output');

/** `/api/layers/:id` → `/api/layers/{id}`. */
export const openApiPath = (path: string): string => path.replace(/:(\w+)\{[^}]*\.(\w+)\}/g, '{$1}.$2').replace(/:(\w+)/g, '{$1}');

const STATUS_TEXT: Record<number, string> = {
  204: 'No content: nothing lies in this tile.',
  301: 'Moved permanently to the route’s own address.',
  304: 'Not modified: the client’s copy (If-None-Match) is current.',
  400: 'A parameter is invalid, unknown or repeated; the message names it and says what was expected.',
  404: 'No such layer, feature, view or page.',
  405: 'The method is not GET, HEAD or OPTIONS.',
  413: 'The URL is too long.',
  503: 'The configured layer source cannot answer (an empty bucket, a missing binding); the message says what is missing.',
};

/** The parameters of a path or a query, each described by its schema's meta. */
const parameters = (schema: z.ZodObject | undefined, where: 'path' | 'query') =>
  Object.entries(schema?.shape ?? {}).map(([name, s]) => {
    const json = jsonSchema(s as z.ZodType, 'input');
    const description = json.description as string | undefined;
    const required = where === 'path' || !(s as z.ZodType).safeParse(undefined).success;
    return { name, in: where, required, ...(description ? { description } : {}), schema: json };
  });

function describe(op: Operation, index: number, origin: string) {
  const ok = op.ok.status ?? 200;
  const content = { [op.ok.type]: op.ok.schema ? { schema: responseSchema(op.ok.schema) } : {} };
  const responses: Record<string, unknown> = { [ok]: ok === 301 ? { description: op.ok.description } : { description: op.ok.description, content } };
  for (const status of [...op.errors, 405, 413]) {
    const page = op.errorPage && op.errors.includes(status) && status >= 400 ? op.errorPage : null;
    responses[status] = status < 400 ? { description: STATUS_TEXT[status] } : page ? { description: page.description, content: { [page.type]: {} } } : { $ref: `#/components/responses/E${status}` };
  }
  return {
    operationId: `op${index}_${op.path.replace(/[^a-z]+/gi, '_').replace(/^_|_$/g, '') || 'root'}`,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: [op.tag],
    parameters: [...parameters(op.params, 'path'), ...parameters(op.query, 'query')],
    responses,
    ...(op.lenientQuery ? { 'x-lenient-query': true } : {}),
    'x-examples': op.examples.map((e) => ({ ...e, request: e.request.replace('{origin}', encodeURIComponent(origin)) })),
  };
}

/**
 * The OpenAPI 3.1 document of the atlas.
 *
 * @param data - the bundle served (its version is the document's)
 * @param origin - the atlas's origin, for the server and the examples
 * @param operations - every route, in the reference's order (worker/app.ts `OPERATIONS`)
 * @returns the document, ready for `JSON.stringify`
 * @example
 * const doc = openApiDocument(bundle, 'https://atlas.example', OPERATIONS); doc.paths['/api/reach'].get.parameters;
 */
export function openApiDocument(data: DataBundle, origin: string, operations: readonly Operation[]) {
  const paths: Record<string, { get: ReturnType<typeof describe> }> = {};
  operations.forEach((op, i) => (paths[openApiPath(op.path)] = { get: describe(op, i, origin) }));
  const error = (status: number) => ({ description: STATUS_TEXT[status], content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
  return {
    openapi: '3.1.0',
    info: {
      title: '万达开云地图集 API · Wan-Da-Kai-Yun Atlas API',
      version: data.version,
      description:
        'GeoJSON layers and reach analyses of 万州, 达州, 开州 and 云阳. Every route takes GET and HEAD (and OPTIONS for CORS); every error of the API is JSON `{ "error": { "code", "message" } }` (the embed pages answer theirs with a short HTML page, as documented). Responses carry strong ETags (data version and normalised query) and answer 304 to If-None-Match. Unknown or repeated query parameters are refused, except on the pages.',
      license: { name: 'Code MIT; data as its sources state' },
    },
    servers: [{ url: origin }],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      schemas: { Error: jsonSchema(ErrorBody, 'input') },
      responses: Object.fromEntries([400, 404, 405, 413, 503].map((s) => [`E${s}`, error(s)])),
    },
  };
}

/** The document's type. */
export type OpenApiDocument = ReturnType<typeof openApiDocument>;
