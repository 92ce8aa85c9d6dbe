// A named person or a post ("the Head Teacher") who holds a role in the policy.

import { z } from 'zod';
import { NameText } from './common.ts';

/**
 * Someone who holds a role. Give a name, a post, or both: the policy prints
 * "Keith Bridges", "the Head Teacher" or "Adam Makepeace (Chair of Governors)".
 *
 * @example { name: 'Keith Bridges' }
 * @example { role: 'Head Teacher' }
 */
export const PersonSchema = z
  .strictObject({
    /** @example 'Keith Bridges' */
    name: NameText.optional().meta({ description: "The person's name.", examples: ['Keith Bridges'] }),
    /** @example 'Head Teacher' */
    role: NameText.optional().meta({
      description: 'Their post, used alone when no name is given ("The Head Teacher is …").',
      examples: ['Head Teacher', 'Chair of Governors'],
    }),
  })
  .refine((p) => p.name !== undefined || p.role !== undefined, {
    params: { code: 'PERSON_NEEDS_NAME_OR_ROLE' },
    message: 'needs a `name`, a `role`, or both',
  })
  .meta({ description: 'A person (name) or a post (role), or both.' });

export type Person = z.infer<typeof PersonSchema>;
