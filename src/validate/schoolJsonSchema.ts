// The JSON Schema editors use (VS Code via yaml-language-server), generated from the zod schemas.

import { z } from 'zod';
import { SchoolFileSchema } from './schemas/SchoolFileSchema.ts';

export const SCHEMA_PATH = 'schema/school.schema.json';

let cached: Record<string, unknown> | undefined;

/** Generated once per process: hints and template checks look fields up in it often. Treat as read-only. */
export function schoolJsonSchema(): Record<string, unknown> {
  cached ??= z.toJSONSchema(SchoolFileSchema, { io: 'input', target: 'draft-7' }) as Record<string, unknown>;
  return cached;
}

export function schoolJsonSchemaText(): string {
  return `${JSON.stringify(schoolJsonSchema(), null, 2)}\n`;
}

type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema; additionalProperties?: JsonSchema | boolean; anyOf?: JsonSchema[]; description?: string; examples?: unknown[] };

/** The schema node at a data path (sequence indexes and record keys step into items), if any. */
export function schemaAt(path: readonly (string | number)[], root: JsonSchema = schoolJsonSchema() as JsonSchema): JsonSchema | undefined {
  let node: JsonSchema | undefined = root;
  for (const step of path) {
    if (!node) return undefined;
    node = stepInto(node, step);
  }
  return node;
}

function stepInto(node: JsonSchema, step: string | number): JsonSchema | undefined {
  if (node.anyOf) {
    for (const option of node.anyOf) {
      const found = stepInto(option, step);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof step === 'number' || step === '[]') return node.items;
  if (node.properties && step in node.properties) return node.properties[step];
  if (typeof node.additionalProperties === 'object') return node.additionalProperties;
  return undefined;
}

/** Whether the schema requires the field at `path` wherever the mapping holding it is given (the school file's schema unless `root`). */
export function isRequired(path: readonly (string | number)[], root?: JsonSchema): boolean {
  return schemaAt(path.slice(0, -1), root)?.required?.includes(String(path.at(-1))) ?? false;
}

/** Field names allowed at a path, for "did you mean" hints. */
export function fieldsAt(path: readonly (string | number)[], root?: JsonSchema): string[] {
  const node = schemaAt(path, root);
  return node?.properties ? Object.keys(node.properties) : [];
}

export type { JsonSchema };
