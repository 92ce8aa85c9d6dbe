// Fields the Hertfordshire model Data Security Policy (templates/herts-data-security) asks of a school.

import { z } from 'zod';
import { NameText, PhraseText } from './common.ts';

/** @example '19.00' */
export const NetworkLogoffTimeSchema = NameText.max(40).meta({
  description: 'The time of day the school network logs every user off ("The automatic log-off time for the school network is 19.00"). Not the screen lock-out, which is `lockout_minutes`.',
  examples: ['19.00', '6pm'],
});

export const WebcamsSchema = z
  .strictObject({
    /** @example 'in the ICT suite' */
    location: PhraseText.meta({ description: 'Where the school’s webcams are ("Webcams can be found …").', examples: ['in the ICT suite', 'in Year 6 classrooms and the hall'] }),
  })
  .meta({ description: 'The school’s webcams; leave out when it has none.' });

export const CctvSchema = z
  .strictObject({
    /** @example 'the Headteacher' */
    access: PhraseText.meta({ description: 'Who can see the CCTV recordings ("The only people with access to this is …").', examples: ['the Headteacher', 'the Headteacher and the Site Manager'] }),
  })
  .meta({ description: 'The school’s CCTV; leave out when it has none.' });

/** The levels the Hertfordshire model policy labels documents with (its "Protective marking" section). */
export const PROTECTIVE_MARKINGS = ['Unclassified', 'Protect', 'Restricted'] as const;
export const RISK_LEVELS = ['low', 'medium', 'high'] as const;

export const InformationRiskSchema = z
  .strictObject({
    /** @example 'Pupil records in the MIS' */
    asset: NameText.meta({ description: 'The information asset.', examples: ['Pupil records in the MIS'] }),
    /** @example 'School Business Manager' */
    owner: NameText.meta({ description: 'Its Information Asset Owner.', examples: ['School Business Manager'] }),
    /** @example 'Protect' */
    protective_marking: z.enum(PROTECTIVE_MARKINGS).meta({ description: 'Its protective marking: Unclassified, Protect or Restricted.', examples: ['Protect'] }),
    /** @example 'medium' */
    likelihood: z.enum(RISK_LEVELS).meta({ description: 'How likely a loss or breach is: low, medium or high.', examples: ['medium'] }),
    /** @example 'high' */
    overall_risk: z.enum(RISK_LEVELS).meta({ description: 'The overall risk level: low, medium or high.', examples: ['high'] }),
    /** @example 'Encrypt laptops; lock the office when empty.' */
    actions: PhraseText.meta({ description: 'The action(s) taken to minimise the risk.', examples: ['Encrypt laptops; lock the office when empty.'] }),
  })
  .meta({ description: 'One row of the information risk actions form.' });

export const InformationRisksSchema = z
  .array(InformationRiskSchema)
  .min(1)
  .meta({ description: 'The information risk actions form, printed as a table in an appendix; with no rows it prints as a blank form.' });
