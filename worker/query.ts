/**
 * Query-string validation: every parameter through a zod schema, unknown and
 * repeated parameters refused, and the first problem reported by name.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError } from './errors.ts';

/**
 * Parses a request's query against a schema of single-valued string parameters.
 *
 * @param c - the Hono context
 * @param schema - a zod object whose keys are the parameters the route takes
 * @returns the parsed, typed parameters
 * @throws ApiError 400 naming the parameter and what was expected
 * @example
 * const q = parseQuery(c, LayerQuery); // { bbox?: BBox, status?: Status[], year?: number }
 */
export function parseQuery<S extends z.ZodObject>(c: Context, schema: S): z.output<S> {
  const known = Object.keys(schema.shape);
  const single: Record<string, string> = {};
  for (const [name, values] of Object.entries(c.req.queries())) {
    if (!known.includes(name)) {
      const takes = known.length ? `this route takes ${known.join(', ')}` : 'this route takes no parameters';
      throw new ApiError(400, 'unknown_parameter', `unknown parameter "${clip(name)}"; ${takes}`);
    }
    if (values.length > 1) throw new ApiError(400, 'invalid_parameter', `${name}: given ${values.length} times; give it once`);
    single[name] = values[0];
  }
  const parsed = schema.safeParse(single);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiError(400, 'invalid_parameter', `${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

/** Keeps echoed input short; the JSON encoder escapes it. */
const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);
