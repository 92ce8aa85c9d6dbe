// This revision of the policy, and who signs the PDF's governor sign-off page.

import { z } from 'zod';
import { signatoryId } from '../../tree/signOff.ts';
import { NameText } from './common.ts';

export const PolicySchema = z
  .strictObject({
    /** @example '2.1' */
    version: NameText.max(40).optional().meta({
      description: "This revision's version label, printed on the PDF's title page and footer (default: the approved version, else the review month).",
      examples: ['2.1', '2024/25'],
    }),
  })
  .meta({ description: 'About this revision of the policy.' });

const Signatory = NameText.max(80)
  .refine((role) => signatoryId(role) !== '', {
    params: { code: 'SIGNATORY_NEEDS_LETTERS' },
    message: 'needs letters or digits: its form field names are made from them',
  })
  .meta({ description: 'A post that signs, e.g. "Chair of Governors".', examples: ['Chair of Governors'] });

export const SignOffSchema = z
  .strictObject({
    /** @example ['Chair of Governors', 'Headteacher'] */
    signatories: z
      .array(Signatory)
      .min(1)
      .max(8)
      .refine((roles) => new Set(roles.map(signatoryId)).size === roles.length, {
        params: { code: 'DUPLICATE_ITEM' },
        message: 'names the same post twice (its form fields would share a name)',
      })
      .meta({
        description: 'The posts that sign, each with a signature, name and date field on the sign-off page (default: Chair of Governors, Headteacher).',
        examples: [['Chair of Governors', 'Headteacher'], ['Chair of Governors', 'Headteacher', 'Clerk to the Governors']],
      }),
  })
  .meta({ description: "The PDF's governor sign-off page." });
