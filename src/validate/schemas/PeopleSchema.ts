// Who holds the data-protection roles.

import { z } from 'zod';
import { NameText, PhraseText } from './common.ts';
import { PersonSchema } from './PersonSchema.ts';

export const InformationAssetOwnerSchema = z
  .strictObject({
    /** @example 'Jane Smith' */
    name: NameText.optional().meta({ description: "The owner's name.", examples: ['Jane Smith'] }),
    /** @example 'School Business Manager' */
    role: NameText.optional().meta({ description: 'Their post.', examples: ['School Business Manager'] }),
    /** @example 'pupil records in the MIS' */
    responsible_for: PhraseText.meta({ description: 'The information they own.', examples: ['pupil records in the MIS'] }),
  })
  .refine((p) => p.name !== undefined || p.role !== undefined, {
    params: { code: 'PERSON_NEEDS_NAME_OR_ROLE' },
    message: 'needs a `name`, a `role`, or both',
  });

export const PeopleSchema = z
  .strictObject({
    /** @example { role: 'Head Teacher' } */
    siro: PersonSchema.meta({
      description: 'The Senior Information Risk Owner (SIRO): the relevant responsible person staff report security incidents to. Must not be the DPO.',
      examples: [{ role: 'Head Teacher' }],
    }),
    /** @example { name: 'Keith Bridges' } */
    dpo: PersonSchema.optional().meta({
      description: 'The Data Protection Officer (DPO). Must not be the SIRO. Required by the lgfl-e-security template.',
      examples: [{ name: 'Keith Bridges' }],
    }),
    /** @example { name: 'Linda Blake', role: 'ICT technician' } */
    network_manager: PersonSchema.optional().meta({
      description: 'Who manages the school network: anti-virus, downloads, accounts and passwords. Required, with a name, by the herts-data-security template.',
      examples: [{ name: 'Linda Blake', role: 'ICT technician' }],
    }),
    /** @example [{ role: 'School Business Manager', responsible_for: 'the MIS' }] */
    information_asset_owners: z
      .array(InformationAssetOwnerSchema)
      .min(1)
      .optional()
      .meta({ description: 'The key contacts for key school information.' }),
  })
  .meta({ description: 'Who holds the data-protection roles.' });
