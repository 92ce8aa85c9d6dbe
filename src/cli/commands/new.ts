// `policy-press new "School name"`: scaffold a school file with every field, commented.

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSlug, SCHOOLS_DIR, slugify } from '../../project/loadProject.ts';
import { type Command, EXIT, UsageError } from '../Command.ts';

export const newSchool: Command = {
  name: 'new',
  summary: 'scaffold a school file with every field, commented',
  usage: 'policy-press new "School name" [--slug SLUG]',
  help: `Writes ${SCHOOLS_DIR}/<slug>.yaml, where <slug> comes from the name
("Ashmole Primary" → ashmole-primary), with every field present and explained.
Required fields hold TODO, so \`policy-press check\` lists what is left to fill in.
It never overwrites an existing file.

Options:
  --slug SLUG  choose the file name (and web address) yourself
  -h, --help   show this help`,
  options: { slug: { type: 'string' } },
  allowPositionals: true,
  async run({ values, positionals }, io) {
    if (positionals.length !== 1 || !positionals[0]!.trim()) throw new UsageError('give the school\'s name in quotes, e.g. `policy-press new "Ashmole Primary"`');
    const name = positionals[0]!.trim();
    const slug = (values.slug as string | undefined) ?? slugify(name);
    if (!isSlug(slug)) throw new UsageError(`"${slug}" is not a usable slug: use lower-case letters, digits and hyphens (--slug oak-academy)`);
    const file = `${SCHOOLS_DIR}/${slug}.yaml`;
    const abs = join(io.world.root, file);
    if (existsSync(abs) || existsSync(abs.replace(/\.yaml$/, '.yml'))) {
      io.stderr(`${file} already exists; nothing was written.\nEdit it, or choose another file name with --slug.\n`);
      return EXIT.FAILED;
    }
    mkdirSync(join(io.world.root, SCHOOLS_DIR), { recursive: true });
    writeFileSync(abs, scaffold(name), { flag: 'wx' });
    io.stderr(`wrote ${file}\nFill in the TODOs, then run \`npx policy-press check\`.\n`);
    return EXIT.OK;
  },
};

export function scaffold(name: string): string {
  return `# yaml-language-server: $schema=../schema/school.schema.json
# ${name}: data for the e-security policy. Fields marked (required) must be
# filled in; the rest are optional — delete the "# " to use one.
# Run \`npx policy-press check\` after editing.

# The model policy to follow (a folder under templates/).
template: lgfl-e-security
# A defaults file shared by a trust or local authority (values here win):
# defaults: ../trusts/our-trust.yaml

school:
  name: ${JSON.stringify(name)}                        # (required)
  # sites: [Main site, Nursery annexe]

people:
  siro:                                 # (required) Senior Information Risk Owner
    role: TODO                          # e.g. Head Teacher; or give a name:
    # name: TODO
  dpo:                                  # (required) Data Protection Officer — not the SIRO
    name: TODO
    # role: Chair of Governors
  # information_asset_owners:
  #   - role: School Business Manager
  #     responsible_for: pupil records in the MIS

review:
  last_reviewed: TODO                   # (required) YYYY-MM or YYYY-MM-DD, e.g. 2024-09
  next_review: TODO                     # (required) after last_reviewed, e.g. 2025-09
  reviewed_by: TODO                     # (required) who reviewed the policy

# approvals:                            # governors' approvals, oldest first
#   - date: 2024-10-03
#     approved_by: Full Governing Body
#     minute_ref: FGB 2024/12

# policy:
#   version: "2.1"                      # on the PDF (default: the approved version)
# sign_off:                             # who signs the PDF's sign-off page
#   signatories: [Chair of Governors, Headteacher]

acceptable_use:
  signed_by: [staff, governors, pupils, parents]   # also: volunteers, visitors
  # agreement: Acceptable Use of IT and School Systems

passwords:
  change_frequency: at least twice a year
  # systems: the MIS, USO admin site, other secure system

housekeeping:
  frequency: at least termly

lockout_minutes: TODO                   # (required) whole minutes, 1 to 60, e.g. 10

# encrypted_devices: [flash drives, laptops]   # "We use encrypted … if any member of staff has to take …"

# data_transfer_guidelines: LA          # "We follow LA guidelines for the transfer of any data"

systems:
  # secure_areas: secure areas on the network   # "Staff have … to store sensitive documents"
  # remote_access: RAv3 / VPN solution with its 2-factor authentication
  # pupil_data_transfer: the DfE S2S site
  # admissions: the Pan-London Admissions system
  # admissions_extra_precaution: a LGfL OTP tag
  # accounts: LGfL AutoUpdate
  # file_transfer: LGfL's USO-FX2
  # storage: LGfL's myDrive
  # staff_records: SIMS

backup:
  provider: TODO                        # (required) e.g. LGfL's GridStore
  # scope: network / admin, curriculum server
  # tapes_location: a secure, fire-proof cabinet
  # encrypted: true
  # tapes_stay_on_site: true

# premises:
#   paper_records: lockable storage cabinets in a lockable storage area
#   servers: in lockable locations
#   shredder: a cross-cut shredder

# disposal:
#   company: an approved disposal company

# Optional sections of the template (\`npx policy-press templates\`):
# sections:
#   passwords: { include: true }
#   asset-disposal: { include: true }

# Changes to the template's clauses (ids: \`npx policy-press text SLUG --ids\`):
# clauses:
#   omit: [introduction]
#   replace:
#     staff-records: All staff are DBS checked and records are held in SIMS.
#   add:
#     - section: technical
#       text: Storage devices are physically destroyed before disposal.

# asset_register:                       # printed as a table in an appendix
#   - category: Pupil data
#     assets:
#       - asset: Pupil records
#         owner: School Business Manager
#         data_entry: Office staff
#         purpose: Statutory pupil records
`;
}
