// The school itself: its name and sites.

import { z } from 'zod';
import { NameText } from './common.ts';

export const SchoolSchema = z
  .strictObject({
    /** @example 'Ashmole Primary' */
    name: NameText.meta({ description: "The school's name as it appears in the policy.", examples: ['Ashmole Primary'] }),
    /** @example ['Main site, Ashmole Road', 'Nursery, Park Lane'] */
    sites: z
      .array(NameText)
      .min(1)
      .optional()
      .meta({ description: 'The sites the policy covers, when there is more than one.', examples: [['Main site', 'Nursery annexe']] }),
  })
  .meta({ description: 'The school.' });
