/**
 * The API's one error shape, `{ "error": { "code", "message" } }`, and the
 * handlers that make every failure take it: no HTML, no stack trace, no 500 page.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';

/** Machine-readable error codes; the message says the rest in words. */
export const ERROR_CODES = ['invalid_parameter', 'unknown_parameter', 'not_found', 'method_not_allowed', 'too_large', 'unavailable', 'internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The body of every error response (the API description is generated from it). */
export const ErrorBody = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES).meta({ description: 'What kind of problem: for programs.' }),
    message: z.string().meta({ description: 'What was wrong and what was expected: for people.' }),
  }),
});

/** An error that becomes a JSON response with its status. Throw it from any handler. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The JSON body of an error.
 *
 * @param code - the error code
 * @param message - what was wrong and what was expected
 * @returns `{ error: { code, message } }`
 * @example
 * errorBody('not_found', 'unknown layer "x"');
 */
export const errorBody = (code: ErrorCode, message: string) => ({ error: { code, message } });

/** `app.onError`: an ApiError keeps its status; anything else is logged and answered as a bare 500. */
export function onError(err: Error, c: Context): Response {
  if (err instanceof ApiError) return c.json(errorBody(err.code, err.message), err.status);
  console.error(err);
  return c.json(errorBody('internal', 'the atlas could not answer this request'), 500);
}

/** `app.notFound`: a JSON 404 that names the path asked for (as JSON, so never rendered as HTML). */
export function onNotFound(c: Context): Response {
  return c.json(errorBody('not_found', `no route ${c.req.path}; the API starts at /api/layers and /api/health (see the README)`), 404);
}

/**
 * A handler that answers 405 for a known path asked with a method it does not take.
 *
 * @param allow - the methods the path takes
 * @returns a Hono handler
 * @example
 * app.all('/api/health', methodNotAllowed(['GET', 'HEAD']));
 */
export function methodNotAllowed(allow: readonly string[]) {
  return (c: Context): Response => {
    c.header('Allow', allow.join(', '));
    return c.json(errorBody('method_not_allowed', `${c.req.method} is not allowed on ${c.req.path}; use ${allow.join(' or ')}`), 405);
  };
}
