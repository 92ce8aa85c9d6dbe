// When the policy was reviewed, by whom, when it is next due, and its approvals.

import { z } from 'zod';
import { NameText, PhraseText, PolicyDateSchema } from './common.ts';

export const ReviewSchema = z
  .strictObject({
    /** @example '2023-09' */
    last_reviewed: PolicyDateSchema.meta({ description: 'When the policy was last reviewed.', examples: ['2023-09'] }),
    /** @example '2024-09' */
    next_review: PolicyDateSchema.meta({ description: 'When it is next due; after `last_reviewed`.', examples: ['2024-09'] }),
    /** @example 'Keith Bridges' */
    reviewed_by: NameText.meta({ description: 'Who reviewed it.', examples: ['Keith Bridges'] }),
    /** @example 'every 12 months' */
    frequency: PhraseText.optional().meta({ description: 'How often the policy is reviewed ("This policy will be reviewed every 12 months").', examples: ['every 12 months', 'every two years'] }),
  })
  .meta({ description: 'Review dates and reviewer.' });

export const ApprovalSchema = z
  .strictObject({
    /** @example '2023-10-05' */
    date: PolicyDateSchema.meta({ description: 'The governors’ meeting that approved the policy.', examples: ['2023-10-05'] }),
    /** @example 'Full Governing Body' */
    approved_by: NameText.meta({ description: 'Who approved it.', examples: ['Full Governing Body'] }),
    /** @example 'FGB 2023/14' */
    minute_ref: NameText.optional().meta({ description: 'The minute reference.', examples: ['FGB 2023/14'] }),
    /** @example '2.0' */
    version: NameText.optional().meta({ description: 'The version approved.', examples: ['2.0'] }),
    /** @example 'Lock-out time cut to 5 minutes.' */
    summary: PhraseText.optional().meta({ description: 'What changed in this version.', examples: ['Annual review.'] }),
  })
  .meta({ description: "A governors' approval of the policy." });
