// Old and new school data → plain-English lines: "Screen lock-out: 5 → 10 minutes".

import { formatDate, formatList, formatPerson } from '../render/format.ts';
import type { Person } from '../validate/schemas/PersonSchema.ts';

export interface DataChange {
  path: string;
  label: string;
  from?: string;
  to?: string;
  /** The sentence shown to governors. */
  text: string;
}

type Shown = (value: unknown) => string;

const person: Shown = (v) => formatPerson(v as Person, true);
const date: Shown = (v) => formatDate(String(v));
const list: Shown = (v) => formatList((v as unknown[]).map(String));

/** Fields governors recognise by name, in the order they read best. Anything else is labelled by its path. */
const LABELS: [path: string, label: string, show?: Shown, unit?: string][] = [
  ['school.name', 'School name'],
  ['template', 'Model policy'],
  ['people.siro', 'Senior Information Risk Owner', person],
  ['people.dpo', 'Data Protection Officer', person],
  ['review.last_reviewed', 'Last reviewed', date],
  ['review.next_review', 'Next review', date],
  ['review.reviewed_by', 'Reviewed by'],
  ['lockout_minutes', 'Screen lock-out', String, 'minutes'],
  ['backup.provider', 'Back-up provider'],
  ['backup.scope', 'What is backed up'],
  ['backup.tapes_location', 'Where back-up tapes are kept'],
  ['disposal.company', 'Disposal company'],
  ['acceptable_use.signed_by', 'Who signs the Acceptable Use Agreement', list],
  ['passwords.change_frequency', 'Password changes'],
  ['housekeeping.frequency', 'Digital house-keeping'],
  ['systems.remote_access', 'Remote access'],
  ['systems.file_transfer', 'File transfer'],
  ['systems.admissions', 'Admissions system'],
  ['systems.accounts', 'Account creation'],
  ['systems.storage', 'Online storage'],
  ['premises.paper_records', 'Where paper records are locked'],
  ['people.network_manager', 'Network manager', person],
  ['systems.ict_support', 'ICT support service'],
  ['systems.filtering', 'Internet filtering'],
  ['passwords.min_length', 'Minimum password length', String, 'characters'],
  ['passwords.leavers_removed_within', "Leavers' accounts removed"],
  ['review.frequency', 'Review cycle'],
  ['network_logoff_time', 'Automatic network log-off'],
  ['webcams.location', 'Where webcams are'],
  ['cctv.access', 'Who can see CCTV recordings'],
];

export function summariseDataChanges(before: unknown, after: unknown): DataChange[] {
  const a = flatten(before);
  const b = flatten(after);
  const out: DataChange[] = [];
  for (const [path, label, show = defaultShow, unit] of LABELS) {
    const from = valueAt(before, path);
    const to = valueAt(after, path);
    if (same(from, to)) continue;
    out.push(change(path, label, from === undefined ? undefined : show(from), to === undefined ? undefined : show(to), unit));
  }
  // Clause and section changes are reported from the documents themselves.
  const ignored = /^(clauses|sections|defaults)(\.|$)/;
  for (const path of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    if (underLabel(path) || ignored.test(path)) continue;
    const from = a.get(path);
    const to = b.get(path);
    if (same(from, to)) continue;
    out.push(change(path, labelFor(path), from === undefined ? undefined : defaultShow(from), to === undefined ? undefined : defaultShow(to)));
  }
  return out;
}

function change(path: string, label: string, from: string | undefined, to: string | undefined, unit?: string): DataChange {
  const u = unit ? ` ${unit}` : '';
  const text = from === undefined ? `${label}: ${to}${u} (added)` : to === undefined ? `${label}: ${from}${u} (removed)` : `${label}: ${from} → ${to}${u}`;
  return { path, label, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}), text };
}

function defaultShow(value: unknown): string {
  if (Array.isArray(value)) return value.every((v) => typeof v !== 'object') ? formatList(value.map(String)) : `${value.length} entries`;
  if (value && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function labelFor(path: string): string {
  const words = path.replace(/\[\d+\]/g, (m) => ` ${Number(m.slice(1, -1)) + 1}`).replace(/[._]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Leaf values by dotted path; lists of objects are compared item by item. */
function flatten(data: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(data) && data.some((v) => v && typeof v === 'object')) data.forEach((v, i) => flatten(v, `${prefix}[${i}]`, out));
  else if (data && typeof data === 'object' && !Array.isArray(data)) for (const [k, v] of Object.entries(data)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  else if (prefix) out.set(prefix, data);
  return out;
}

const LABELLED = new Set(LABELS.map(([path]) => path));

/** Whether a leaf's path is a labelled path or inside one (so already reported with its label). */
function underLabel(path: string): boolean {
  if (LABELLED.has(path)) return true;
  for (let i = 0; i < path.length; i++) if ((path[i] === '.' || path[i] === '[') && LABELLED.has(path.slice(0, i))) return true;
  return false;
}

function valueAt(data: unknown, path: string): unknown {
  let node = data;
  for (const step of path.split('.')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[step];
  }
  return node;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
