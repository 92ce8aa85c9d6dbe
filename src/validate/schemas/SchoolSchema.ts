// The school itself: its name, sites and how its web page is branded.

import { z } from 'zod';
import { NameText } from './common.ts';

/** Logo formats every browser shows in an <img>; SVG is left out because an SVG file can carry script. */
export const LOGO_EXTENSIONS = ['png', 'jpg', 'jpeg', 'webp', 'gif'] as const;
const LOGO_FILE = new RegExp(`\\.(?:${LOGO_EXTENSIONS.join('|')})$`, 'i');

/** A colour written as #rrggbb (or the short #rgb). */
export const HEX_COLOUR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

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
    /** @example 'logos/ashmole-primary.png' */
    logo: NameText.refine((path) => LOGO_FILE.test(path), { params: { code: 'LOGO_FORMAT' }, message: 'is not a PNG, JPEG, WebP or GIF image' })
      .optional()
      .meta({
        description: "The school's logo, shown at the top of its web page: a PNG, JPEG, WebP or GIF file, relative to the YAML file that names it.",
        examples: ['logos/ashmole-primary.png'],
      }),
    /** @example '#1d4f91' */
    accent_colour: z
      .string()
      .trim()
      .refine((value) => HEX_COLOUR.test(value), { params: { code: 'INVALID_COLOUR' }, message: 'is not a colour written #rrggbb' })
      .optional()
      .meta({
        description: "The colour of the band behind the school's name on its web page, written #rrggbb. White text must be readable on it (a contrast ratio of at least 4.5:1).",
        examples: ['#1d4f91'],
      }),
  })
  .meta({ description: 'The school.' });
