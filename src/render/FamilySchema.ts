// What templates/<family>/family.yaml says about a model policy.

import { z } from 'zod';
import type { JsonSchema } from '../validate/schoolJsonSchema.ts';

export const FamilySchema = z.strictObject({
  title: z.string().min(1).meta({ examples: ['E-Security Policy'], description: 'The policy title every school of this family gets.' }),
  version: z.string().min(1).meta({ examples: ['2023'], description: 'The model policy version the templates follow.' }),
  issued_by: z.string().min(1).meta({ examples: ['London Grid for Learning (LGfL)'], description: 'Who issued the model policy.' }),
  attribution: z.string().min(1).optional().meta({ examples: ['(based on Herts Model Policy for eSafety and Data Security issued January 2016)'], description: 'The line the model policy asks schools to keep; printed with every policy of the family.' }),
  requires: z
    .array(z.string().regex(/^[a-z_]+(?:\.[a-z_]+)*$/, { message: 'is not a field path such as `people.dpo`' }))
    .optional()
    .meta({ examples: [['people.dpo', 'lockout_minutes', 'backup.provider']], description: 'School fields this family needs beyond those every school gives (dotted paths); a school of this family without one gets a MISSING_FIELD error.' }),
  sections: z.array(z.string().regex(/^[a-z0-9-]+\.mdx$/)).min(1).meta({ examples: [['details.mdx', 'strategic.mdx']], description: 'Section files in the order they print.' }),
});

export type FamilyMeta = z.output<typeof FamilySchema>;

let cached: JsonSchema | undefined;

/** FamilySchema as JSON Schema, for the fields, examples and "did you mean" of family.yaml's messages. */
export function familyJsonSchema(): JsonSchema {
  cached ??= z.toJSONSchema(FamilySchema, { io: 'input', target: 'draft-7' }) as JsonSchema;
  return cached;
}
