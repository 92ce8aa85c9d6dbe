// A document tree that pushes the PDF layout: long words and URLs, deep lists, links, a many-page table, Welsh and Polish names.

import type { Block, Inline, PolicyDocument, Section, TableGroup } from '../../src/tree/types.ts';

const t = (value: string): Inline => ({ type: 'text', value });
const p = (...children: Inline[]): Block => ({ type: 'paragraph', children });
const list = (ordered: boolean, ...items: Block[][]): Block => ({ type: 'list', ordered, items: items.map((children) => ({ type: 'listItem', children })) });

export const LONG_NAME = `Ysgol${'Gynradd'.repeat(27)}Llanfair`.slice(0, 200);
export const LONG_URL = `https://example.org/${'very-long-path-segment/'.repeat(9)}policy?school=ysgol-gynradd&year=2024`;
export const SPECIAL_WORDS = ['Ŵyr', 'Ŷr', 'Łukasz', 'Cláudia', 'school’s', '2023–2024', '£250', 'Renée'];

const prose = 'Staff keep personal and sensitive data secure, and report any loss at once so that the school can act. ';

function groups(): TableGroup[] {
  return ['Pupil data', 'Staff data', 'Finance', 'Premises'].map((title, g) => ({
    title,
    rows: Array.from({ length: 14 }, (_, i) => ({
      cells: [
        [t(g === 0 && i === 0 ? LONG_NAME : `Asset ${g + 1}.${i + 1}`)],
        [t(i % 3 ? 'School Business Manager' : 'Łukasz Wiśniewski')],
        [t('Office staff')],
        [t(i % 4 === 0 ? `${prose}${prose}Held for six years after the pupil leaves, then destroyed.` : 'Statutory records')],
      ],
    })),
  }));
}

const section = (id: string, depth: 1 | 2 | 3, title: string, children: Block[]): Section => ({ type: 'section', id, depth, title, children });

export function stressDocument(): PolicyDocument {
  return {
    type: 'document',
    slug: 'stress',
    meta: {
      schoolName: 'Ysgol Gynradd Llanfair Pwllgwyngyll',
      family: 'lgfl-e-security',
      title: 'E-Security Policy',
      attribution: 'Based on the LGfL e-security model policy.',
      lastReviewed: { iso: '2024-09-12', text: '12 September 2024' },
      nextReview: { iso: '2025-09', text: 'September 2025' },
      reviewedBy: 'Siân Llŷr',
      approvals: [{ date: { iso: '2024-10-03', text: '3 October 2024' }, approvedBy: 'Full Governing Body', minuteRef: 'FGB 2024/07', version: '3.1' }],
      signatories: ['Chair of Governors', 'Headteacher', 'Clerk to the Governors'],
    },
    children: [
      section('welcome', 1, 'Introduction', [
        p(t('At this school '), { type: 'strong', children: [t('every')] }, t(' member of staff, '), { type: 'emphasis', children: [t('every governor')] }, t(' and every volunteer keeps data safe. '), t(prose.repeat(3))),
        p(t(`Names as long as ${LONG_NAME} break inside the margin.`)),
        p(t('The model policy is at '), { type: 'link', url: LONG_URL, children: [t(LONG_URL)] }, t(', and the '), { type: 'link', url: 'https://www.lgfl.net/', children: [t('London Grid for Learning')] }, t(' publishes it.')),
        { type: 'paragraph', id: 'special', children: [t(`Special characters: ${SPECIAL_WORDS.join(' ')}.`)] },
        p(t('See '), { type: 'link', url: '#assets', children: [t('the information assets')] }, t(' and '), { type: 'link', url: '#special', children: [t('the special characters')] }, t('.')),
      ]),
      section('lists', 1, 'Lists', [
        list(
          false,
          [p(t(prose.repeat(2))), list(true, [p(t('First, in order.'))], [p(t('Second, in order.')), list(false, [p(t('Third level.'))])])],
          [p(t('Another item.')), p(t('A second paragraph of the same item.'))],
        ),
        section('sub', 2, 'A subsection', [p(t(prose)), section('subsub', 3, 'A sub-subsection', [p(t(prose.repeat(4)))])]),
      ]),
      ...Array.from({ length: 6 }, (_, i) => section(`filler-${i}`, 1, `Filler section ${i + 1}`, [p(t(prose.repeat(6))), p(t(prose.repeat(5)))])),
      section('assets', 1, 'Appendix: Information assets', [
        { type: 'table', id: 'asset-register', caption: 'Information assets', columns: ['Information asset', 'Owner', 'Who can enter data', 'Purpose'], groups: groups() },
      ]),
    ],
  };
}
