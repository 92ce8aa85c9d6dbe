// A school's logo and accent colour, with the logo file found and checked through the World.

import { posix } from 'node:path';
import type { Diagnostic } from '../diagnostics/index.ts';
import type { Branding } from '../tree/types.ts';
import { locate } from '../validate/toDiagnostics.ts';
import type { School } from '../validate/validateSchool.ts';
import type { World } from './World.ts';

/** The logo is copied beside every page and inlined into the self-contained policy.html. */
export const MAX_LOGO_BYTES = 512 * 1024;

const SIGNATURES: { test: (b: Uint8Array) => boolean }[] = [
  { test: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 }, // PNG
  { test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff }, // JPEG
  { test: (b) => b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 }, // GIF
  { test: (b) => String.fromCharCode(...b.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...b.subarray(8, 12)) === 'WEBP' },
];

export function brandingOf(school: School, world: World): { value: Branding | undefined; diagnostics: Diagnostic[] } {
  const { logo, accent_colour: accentColour } = school.data.school;
  const branding: Branding = {};
  const diagnostics: Diagnostic[] = [];
  if (accentColour) branding.accentColour = accentColour.toLowerCase();
  if (logo) {
    // Relative to the file that names it, so a trust's defaults file can name the trust's logo.
    const from = school.locator.fileOf?.(['school', 'logo']) ?? school.file;
    const path = posix.normalize(posix.join(posix.dirname(from), logo));
    // Only a problem needs the position, and finding positions reads the file again (see load/parseYamlFile.ts).
    const at = () => locate(school.locator, ['school', 'logo']);
    const bytes = path.startsWith('../') ? undefined : world.readFile(path);
    if (!bytes) {
      diagnostics.push({ code: 'LOGO_NOT_FOUND', severity: 'error', message: `there is no logo file ${path}`, hint: `put the image at ${path}, or correct the path (it is relative to ${from})`, ...at() });
    } else if (bytes.length > MAX_LOGO_BYTES) {
      diagnostics.push({ code: 'LOGO_TOO_LARGE', severity: 'error', message: `the logo ${path} is ${Math.round(bytes.length / 1024)} KB; the limit is ${MAX_LOGO_BYTES / 1024} KB`, hint: 'save a smaller version: about 400 pixels wide is plenty', ...at() });
    } else if (!SIGNATURES.some((s) => s.test(bytes))) {
      diagnostics.push({ code: 'LOGO_FORMAT', severity: 'error', message: `${path} is not a PNG, JPEG, WebP or GIF image`, hint: 'open it in an image editor and export it as PNG', ...at() });
    } else {
      branding.logo = path;
    }
  }
  return { value: Object.keys(branding).length ? branding : undefined, diagnostics };
}
