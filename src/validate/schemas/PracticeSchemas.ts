// The school's day-to-day practices that the model policy leaves to each school.

import { z } from 'zod';
import { NameText, PhraseText } from './common.ts';

export const STAKEHOLDERS = ['staff', 'governors', 'pupils', 'parents', 'volunteers', 'visitors'] as const;

export const AcceptableUseSchema = z
  .strictObject({
    /** @example ['staff', 'governors', 'pupils'] */
    signed_by: z
      .array(z.enum(STAKEHOLDERS))
      .min(1)
      .refine((list) => new Set(list).size === list.length, {
        params: { code: 'DUPLICATE_ITEM' },
        message: 'lists the same group twice',
      })
      .meta({ description: 'Who signs the Acceptable Use Agreement.', examples: [['staff', 'governors', 'pupils', 'parents']] }),
    /** @example 'Acceptable Use of IT and School Systems' */
    agreement: NameText.optional().meta({
      description: 'The name of the agreement when it is not "Acceptable Use Agreement".',
      examples: ['Acceptable Use of IT and School Systems'],
    }),
  })
  .meta({ description: 'The Acceptable Use Agreement.' });

export const PasswordsSchema = z
  .strictObject({
    /** @example 'at least twice a year' */
    change_frequency: PhraseText.optional().meta({ description: 'How often staff change passwords.', examples: ['at least twice a year', 'every 90 days'] }),
    /** @example 'the MIS, USO admin site, other secure system' */
    systems: PhraseText.optional().meta({
      description: 'Which systems the change applies to.',
      examples: ['the MIS, USO admin site, other secure system'],
    }),
    /** @example 8 */
    min_length: z.number().int().min(4).max(64).optional().meta({ description: 'The fewest characters a password may have (printed in words: "a minimum of eight characters").', examples: [8] }),
    /** @example 'one week' */
    leavers_removed_within: PhraseText.optional().meta({
      description: 'How soon the accounts of staff and pupils who leave are removed ("… are removed from the system within one week").',
      examples: ['one week', '48 hours'],
    }),
  })
  .meta({ description: 'Password rules.' });

export const HousekeepingSchema = z
  .strictObject({
    /** @example 'at least annually' */
    frequency: PhraseText.meta({ description: 'How often staff review and delete digital material.', examples: ['at least termly', 'at least annually'] }),
  })
  .meta({ description: 'Digital house-keeping.' });

export const LockoutMinutesSchema = z
  .number()
  .int()
  .min(1)
  .max(60)
  .meta({ description: 'Screens lock after this many idle minutes: a whole number from 1 to 60 (more than 15 is warned about).', examples: [10] });

/** @example ['flash drives', 'laptops'] */
export const EncryptedDevicesSchema = z
  .array(NameText)
  .min(1)
  .meta({
    description: 'The encrypted devices staff use to take sensitive information off site ("We use encrypted flash drives and laptops …"); the model policy\'s "flash drives and laptops" when not set.',
    examples: [['flash drives', 'laptops'], ['flash drives']],
  });

export const SystemsSchema = z
  .strictObject({
    /** @example 'RAv3 / VPN solution with its 2-factor authentication' */
    remote_access: PhraseText.optional().meta({ description: 'Remote access.', examples: ['RAv3 / VPN solution with its 2-factor authentication'] }),
    /** @example 'the DfE S2S site' */
    pupil_data_transfer: PhraseText.optional().meta({ description: 'Transfer of CTF pupil data files.', examples: ['the DfE S2S site'] }),
    /** @example 'the Pan-London Admissions system' */
    admissions: PhraseText.optional().meta({ description: 'Admissions data transfer.', examples: ['the Pan-London Admissions system'] }),
    /** @example 'a LGfL OTP tag' */
    admissions_extra_precaution: PhraseText.optional().meta({ description: 'The extra precaution admissions staff use.', examples: ['a LGfL OTP tag'] }),
    /** @example 'LGfL AutoUpdate' */
    accounts: PhraseText.optional().meta({ description: 'Creation of online user accounts.', examples: ['LGfL AutoUpdate'] }),
    /** @example "LGfL's USO-FX2" */
    file_transfer: PhraseText.optional().meta({ description: 'Transfer of documents to other schools.', examples: ["LGfL's USO-FX2"] }),
    /** @example "LGfL's myDrive" */
    storage: PhraseText.optional().meta({ description: 'Online document storage.', examples: ["LGfL's myDrive"] }),
    /** @example 'secure areas on the network' */
    secure_areas: PhraseText.optional().meta({
      description: 'Where staff store sensitive documents or photographs ("Staff have … to store …"); the model policy\'s "secure areas on the network" when not set.',
      examples: ['secure areas on the network', 'a secure, access-controlled SharePoint site'],
    }),
    /** @example 'SITSS' */
    ict_support: NameText.optional().meta({ description: 'The ICT support service the school uses (virus updates, advice).', examples: ['SITSS', 'our local authority ICT team'] }),
    /** @example 'the HICS web filtering service' */
    filtering: PhraseText.optional().meta({ description: 'The service that filters the school’s internet access ("School internet access is controlled through …").', examples: ['the HICS web filtering service', "LGfL's WebScreen"] }),
    /** @example 'SIMS' */
    staff_records: NameText.optional().meta({ description: 'Where the central record of DBS checks is held.', examples: ['SIMS'] }),
  })
  .meta({ description: 'The systems the school uses.' });

export const BackupSchema = z
  .strictObject({
    /** @example "LGfL's GridStore" */
    provider: NameText.meta({ description: 'The remote back-up service.', examples: ["LGfL's GridStore", 'RedStor'] }),
    /** @example 'network / admin, curriculum server' */
    scope: PhraseText.optional().meta({ description: 'What is backed up.', examples: ['network / admin, curriculum server'] }),
    /** @example 'a secure, fire-proof cabinet' */
    tapes_location: PhraseText.optional().meta({ description: 'Where back-up tapes are locked.', examples: ['a secure, fire-proof cabinet'] }),
    /** @example true */
    encrypted: z.boolean().optional().meta({ description: 'Whether back-ups are encrypted.' }),
    /** @example true */
    tapes_stay_on_site: z.boolean().optional().meta({ description: 'Whether back-up tapes never leave the site on mobile devices.' }),
  })
  .meta({ description: 'Back-ups.' });

export const PremisesSchema = z
  .strictObject({
    /** @example 'lockable storage cabinets in a lockable storage area' */
    paper_records: PhraseText.optional().meta({ description: 'Where sensitive paper records are locked.', examples: ['lockable storage cabinets in a lockable storage area'] }),
    /** @example 'in lockable locations' */
    servers: PhraseText.optional().meta({ description: 'Where servers are kept.', examples: ['in lockable locations', 'locked in the server room'] }),
    /** @example 'a cross-cut shredder' */
    shredder: PhraseText.optional().meta({ description: 'How paper is shredded.', examples: ['a cross-cut shredder'] }),
  })
  .meta({ description: 'Physical security.' });

export const DisposalSchema = z
  .strictObject({
    /** @example 'an approved disposal company' */
    company: PhraseText.meta({ description: 'Who disposes of IT equipment.', examples: ['an approved disposal company', 'Computer Disposals Ltd'] }),
  })
  .meta({ description: 'Equipment disposal.' });
