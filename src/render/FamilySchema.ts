// What templates/<family>/family.yaml says about a model policy.

import { z } from 'zod';

export const FamilySchema = z.strictObject({
  /** @example 'E-Security Policy' */
  title: z.string().min(1).meta({ description: 'The policy title every school of this family gets.' }),
  /** @example '2023' */
  version: z.string().min(1).meta({ description: 'The model policy version the templates follow.' }),
  /** @example 'London Grid for Learning (LGfL)' */
  issued_by: z.string().min(1).meta({ description: 'Who issued the model policy.' }),
  /** @example '(based on Herts Model Policy for eSafety and Data Security issued January 2016)' */
  attribution: z.string().min(1).optional().meta({ description: 'The line the model policy asks schools to keep; printed with every policy of the family.' }),
  /** @example ['people.dpo', 'lockout_minutes', 'backup.provider'] */
  requires: z
    .array(z.string().regex(/^[a-z_]+(?:\.[a-z_]+)*$/, { message: 'is not a field path such as `people.dpo`' }))
    .optional()
    .meta({ description: 'School fields this family needs beyond those every school gives (dotted paths); a school of this family without one gets a MISSING_FIELD error.' }),
  /** @example ['details.mdx', 'strategic.mdx'] */
  sections: z.array(z.string().regex(/^[a-z0-9-]+\.mdx$/)).min(1).meta({ description: 'Section files in the order they print.' }),
});

export type FamilyMeta = z.output<typeof FamilySchema>;
