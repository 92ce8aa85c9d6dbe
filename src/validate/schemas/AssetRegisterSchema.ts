// The information-asset register printed as the policy's appendix.

import { z } from 'zod';
import { NameText, PhraseText } from './common.ts';

export const AssetSchema = z
  .strictObject({
    /** @example 'Pupil records' */
    asset: NameText.meta({ description: 'The information asset.', examples: ['Pupil records'] }),
    /** @example 'School Business Manager' */
    owner: NameText.meta({ description: 'Its Information Asset Owner.', examples: ['School Business Manager'] }),
    /** @example 'Office staff' */
    data_entry: PhraseText.meta({ description: 'Who can enter data.', examples: ['Office staff'] }),
    /** @example 'Statutory pupil records' */
    purpose: PhraseText.meta({ description: 'What it is for.', examples: ['Statutory pupil records'] }),
  })
  .meta({ description: 'One information asset.' });

export const AssetCategorySchema = z
  .strictObject({
    /** @example 'Pupil data' */
    category: NameText.meta({ description: 'A heading grouping assets.', examples: ['Pupil data', 'Staff data'] }),
    assets: z.array(AssetSchema).min(1).meta({ description: 'The assets in this category.' }),
  })
  .meta({ description: 'A category of information assets.' });

export const AssetRegisterSchema = z
  .array(AssetCategorySchema)
  .min(1)
  .meta({ description: 'Information assets, grouped by category; printed as a table in an appendix.' });
