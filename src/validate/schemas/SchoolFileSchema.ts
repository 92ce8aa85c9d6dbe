// Everything one school file (with its defaults) may say.

import { z } from 'zod';
import { AssetRegisterSchema } from './AssetRegisterSchema.ts';
import { ClausesSchema, SectionsSchema } from './ClausesSchema.ts';
import { NameText } from './common.ts';
import { CctvSchema, InformationRisksSchema, NetworkLogoffTimeSchema, WebcamsSchema } from './HertsSchemas.ts';
import { PeopleSchema } from './PeopleSchema.ts';
import { PolicySchema, SignOffSchema } from './PolicySchema.ts';
import {
  AcceptableUseSchema,
  BackupSchema,
  DisposalSchema,
  EncryptedDevicesSchema,
  HousekeepingSchema,
  LockoutMinutesSchema,
  PasswordsSchema,
  PremisesSchema,
  SystemsSchema,
} from './PracticeSchemas.ts';
import { ApprovalSchema, ReviewSchema } from './ReviewSchema.ts';
import { SchoolSchema } from './SchoolSchema.ts';

export const SchoolFileSchema = z
  .strictObject({
    /** @example 'lgfl-e-security' */
    template: NameText.optional().meta({ description: 'The model policy this school follows (a folder under templates/).', examples: ['lgfl-e-security'] }),
    /** @example '../trusts/oak-valley-trust.yaml' */
    defaults: NameText.optional().meta({
      description: 'A defaults file (relative to this file) whose values apply unless this file sets its own.',
      examples: ['../trusts/oak-valley-trust.yaml'],
    }),
    school: SchoolSchema,
    people: PeopleSchema,
    review: ReviewSchema,
    approvals: z.array(ApprovalSchema).optional().meta({ description: "Governors' approvals, oldest first." }),
    policy: PolicySchema.optional(),
    sign_off: SignOffSchema.optional(),
    acceptable_use: AcceptableUseSchema.optional(),
    passwords: PasswordsSchema.optional(),
    housekeeping: HousekeepingSchema.optional(),
    /** @example 10 */
    lockout_minutes: LockoutMinutesSchema.optional(),
    /** @example ['flash drives', 'laptops'] */
    encrypted_devices: EncryptedDevicesSchema.optional(),
    systems: SystemsSchema.optional(),
    backup: BackupSchema.optional(),
    premises: PremisesSchema.optional(),
    disposal: DisposalSchema.optional(),
    /** @example 'LA and Academy' */
    data_transfer_guidelines: NameText.optional().meta({
      description: 'Whose guidelines staff follow when transferring data ("We follow … guidelines").',
      examples: ['LA and Academy', 'LA'],
    }),
    clauses: ClausesSchema.optional(),
    sections: SectionsSchema.optional(),
    asset_register: AssetRegisterSchema.optional(),
    /** @example '19.00' */
    network_logoff_time: NetworkLogoffTimeSchema.optional(),
    webcams: WebcamsSchema.optional(),
    cctv: CctvSchema.optional(),
    information_risks: InformationRisksSchema.optional(),
  })
  .meta({ title: 'policy-press school', description: 'One school’s data for its e-security policy.' });

export type SchoolData = z.output<typeof SchoolFileSchema>;
