// N synthetic schools for scale tests: the example schools varied (names up to 200 characters, optional
// sections on and off, 0–300 information assets, logos, accent colours, approvals), reproducibly from a seed.
//
//   node test/bench/generateSchools.ts --count 1000 --out /tmp/schools-1000 [--seed 1]

import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse, stringify } from 'yaml';
import { slugify } from '../../src/project/loadProject.ts';
import { random } from '../support/random.ts';
import { tinyPng } from '../support/tinyPng.ts';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const PLACES = ['Oakwood', 'Riverside', 'Ashfield', 'Kingsmead', 'Hollybank', 'Meadowcroft', 'Larkrise', 'Brookfield', 'Thornhill', 'Willowbrook', 'Castle Hill', 'Fenwick', 'Grange Park', 'Llanfair', 'Pen-y-bryn', 'St Mary’s', 'St Anne’s', 'Holy Trinity', 'Our Lady of Lourdes', 'Łąka'];
const KINDS = ['Primary School', 'Infant School', 'Junior School', 'Academy', 'Church of England Primary School', 'Catholic Primary School', 'Infant and Nursery School', 'High School', 'Free School', 'Ysgol Gynradd'];
const LONG_TAIL = ' Voluntary Aided Primary School and Nursery, with Specialist Resource Provision for Pupils with Speech, Language and Communication Needs, and a Children’s Centre';
const PEOPLE = ['Keith Bridges', 'Priya Raman', 'Siân Llŷr', 'Daniel Okafor', 'Agnieszka Nowak', 'Fatima Hussain', 'Tom O’Brien', 'Grace Mensah'];
const ACCENTS = ['#1d4f91', '#00703c', '#4c2c92', '#6f0000', '#005a30', '#003078', '#28a197', '#d4351c', '#505a5f', '#912b88'].filter((_, i) => i !== 6 && i !== 7);
const CATEGORIES = ['Pupil data', 'Staff data', 'Finance', 'Safeguarding', 'Governance', 'Admissions', 'Special educational needs', 'Estates'];
const SYSTEMS = ['MIS (SIMS)', 'Arbor', 'CPOMS', 'Microsoft 365', 'Google Workspace', 'ParentPay', 'Tapestry', 'Evolve', 'paper files'];

type Data = Record<string, unknown>;

export interface Generated {
  root: string;
  slugs: string[];
}

/** Writes a project folder (templates, trusts, schools/) with `count` school files; returns their slugs. */
export function generateSchools(root: string, count: number, seed = 1): Generated {
  const rand = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const chance = (p: number) => rand() < p;
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

  mkdirSync(join(root, 'schools', 'logos'), { recursive: true });
  for (const dir of ['templates', 'trusts']) if (existsSync(join(REPO, dir))) cpSync(join(REPO, dir), join(root, dir), { recursive: true });
  const bases = readdirSync(join(REPO, 'schools'))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => parse(readFileSync(join(REPO, 'schools', f), 'utf8')) as Data);

  const slugs: string[] = [];
  for (let i = 0; i < count; i++) {
    const data = structuredClone(bases[i % bases.length]!);
    const lgfl = (data.template ?? 'lgfl-e-security') === 'lgfl-e-security' && !String(data.defaults ?? '').includes('herts');
    let name = `${pick(PLACES)} ${pick(KINDS)}`;
    if (chance(0.05)) name = `The Federation of ${name}${LONG_TAIL}`.slice(0, 200).trim();
    const slug = `${slugify(name).slice(0, 48).replace(/-+$/, '')}-${i + 1}`;
    const school = (data.school ?? {}) as Data;
    school.name = name;
    delete school.sites;
    if (chance(0.3)) school.sites = Array.from({ length: int(1, 3) }, (_, k) => `Site ${k + 1}, ${pick(PLACES)} Road`);
    if (chance(0.3)) school.accent_colour = pick(ACCENTS);
    if (chance(0.1)) {
      school.logo = `logos/${slug}.png`;
      writeFileSync(join(root, 'schools', 'logos', `${slug}.png`), tinyPng(int(40, 200), int(20, 80), [int(0, 255), int(0, 255), int(0, 255)]));
    }
    data.school = school;

    // Review dates from 2016 to 2026, so every status (in date, due soon, overdue) occurs.
    const year = int(2016, 2025);
    const month = int(1, 12);
    const review = (data.review ?? {}) as Data;
    review.last_reviewed = `${year}-${String(month).padStart(2, '0')}`;
    review.next_review = `${year + (chance(0.8) ? 1 : 2)}-${String(month).padStart(2, '0')}`;
    review.reviewed_by = pick(PEOPLE);
    data.review = review;
    const approvals = int(0, 3);
    if (approvals) {
      data.approvals = Array.from({ length: approvals }, (_, k) => ({
        date: `${year - approvals + k + 1}-${String(month).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`,
        approved_by: chance(0.5) ? 'Full Governing Body' : 'Local Governing Body',
        ...(chance(0.5) ? { minute_ref: `FGB ${year}/${int(1, 40)}` } : {}),
        ...(chance(0.3) ? { version: `${k + 1}.0` } : {}),
      }));
    } else {
      delete data.approvals;
    }

    if (lgfl) {
      data.lockout_minutes = int(1, 15);
      // Optional parts of the model policy on and off.
      for (const key of ['acceptable_use', 'housekeeping', 'premises', 'disposal', 'data_transfer_guidelines']) if (chance(0.3)) delete data[key];
      data.sections = { ...((data.sections as Data | undefined) ?? {}), passwords: { include: chance(0.5) } };
      const own = int(0, 3);
      if (own) {
        const clauses = (data.clauses ?? {}) as Data;
        clauses.add = [
          ...((clauses.add as unknown[] | undefined) ?? []),
          ...Array.from({ length: own }, (_, k) => ({ section: 'technical', id: `own-clause-${k + 1}`, text: `We review access to ${pick(SYSTEMS)} every ${pick(['term', 'half term', 'year'])}, and remove leavers within ${int(1, 10)} days.` })),
        ];
        data.clauses = clauses;
      }
      // 0–300 information assets, grouped by category (about a third of schools list none).
      const assets = chance(0.35) ? 0 : int(1, 300);
      delete data.asset_register;
      if (assets) {
        const groups = Math.min(assets, int(1, CATEGORIES.length));
        data.asset_register = Array.from({ length: groups }, (_, g) => ({
          category: CATEGORIES[g],
          assets: Array.from({ length: Math.floor(assets / groups) + (g < assets % groups ? 1 : 0) }, (_, k) => ({
            asset: `${pick(SYSTEMS)} record ${g + 1}.${k + 1}`,
            owner: pick(['School Business Manager', 'Headteacher', 'SENCo', 'Office Manager', 'Designated Safeguarding Lead']),
            data_entry: pick(['Office staff', 'Teachers', 'SLT', 'Finance officer']),
            purpose: pick(['Statutory pupil records', 'Payroll', 'Safeguarding records', 'Parent communication', 'Trips and clubs']),
          })),
        }));
      }
    }
    writeFileSync(join(root, 'schools', `${slug}.yaml`), `# Synthetic school ${i + 1} of ${count} (seed ${seed}), made by test/bench/generateSchools.ts.\n${stringify(data, { lineWidth: 0 })}`);
    slugs.push(slug);
  }
  return { root, slugs };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { count: { type: 'string', default: '100' }, out: { type: 'string' }, seed: { type: 'string', default: '1' } } });
  if (!values.out) {
    process.stderr.write('usage: node test/bench/generateSchools.ts --count N --out DIR [--seed S]\n');
    process.exit(2);
  }
  const { slugs } = generateSchools(values.out, Number(values.count), Number(values.seed));
  process.stderr.write(`wrote ${slugs.length} schools to ${join(values.out, 'schools')}\n`);
}
