import { z } from "zod";
import type { JsonSchema } from "./reports.ts";

// Shared pieces of the OpenAPI document (document.ts) and its public routes (alerts.ts).

export const DECIMAL = "^(0|[1-9][0-9]*)$";
export const HEX32 = { type: "string", pattern: "^0x[0-9a-f]{64}$" };
export const ADDRESS = { type: "string", pattern: "^0x[0-9a-fA-F]{40}$" };

/** An error answer of a status: the codes it may carry (the body is always `{ error }`). */
export function errorAnswer(
  description: string,
  codes: readonly string[],
  headers: JsonSchema = {},
): JsonSchema {
  return {
    description,
    ...(Object.keys(headers).length === 0 ? {} : { headers }),
    content: {
      "application/json": {
        schema: {
          type: "object",
          required: ["error"],
          additionalProperties: false,
          properties: {
            error: {
              allOf: [{ $ref: "#/components/schemas/ErrorDetail" }],
              properties: { code: { enum: [...codes] } },
            },
          },
        },
      },
    },
  };
}

export const retryAfter = {
  "Retry-After": {
    description: "Seconds to wait before retrying (an integer ≥ 1).",
    schema: { type: "string", pattern: "^[1-9][0-9]*$" },
  },
};

/** A zod input schema as JSON Schema (its input side: what the caller sends), without `$schema`. */
export function inputJsonSchema(schema: z.ZodType): JsonSchema & { properties?: Record<string, JsonSchema> } {
  const { $schema: _, ...json } = z.toJSONSchema(schema, {
    io: "input",
    target: "draft-2020-12",
  }) as JsonSchema;
  return json;
}

/** A query's zod schema (an object of strings) as OpenAPI query parameters. */
export function queryParameters(schema: z.ZodType): JsonSchema[] {
  const input = inputJsonSchema(schema);
  const required = new Set((input.required as string[] | undefined) ?? []);
  return Object.entries(input.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property as { description?: string };
    return {
      name,
      in: "query",
      required: required.has(name),
      ...(description === undefined ? {} : { description }),
      schema: rest,
    };
  });
}
