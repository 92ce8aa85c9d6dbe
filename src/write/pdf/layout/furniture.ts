// The running header (school, policy) and footer ("Page 3 of 12") on every page: artifacts, not content.

import { policyStatus, policyVersion } from '../../../tree/policyStatus.ts';
import type { DocumentMeta } from '../../../tree/types.ts';
import type { Metrics } from '../metrics.ts';
import { normaliseText } from './breakLines.ts';
import { COLOR, MARGIN, PAGE, SMALL } from './theme.ts';
import type { PageLayout } from './types.ts';

export function addFurniture(pages: readonly PageLayout[], meta: DocumentMeta, metrics: Metrics): void {
  const right = PAGE.width - MARGIN.right;
  const headerY = PAGE.height - MARGIN.top + 28;
  const footerY = MARGIN.bottom - 32;
  const size = SMALL.size;
  const status = policyStatus(meta).status === 'approved' ? 'Approved' : 'Draft';
  const version = `Version ${policyVersion(meta)} · ${status}`;
  const fit = (value: string, width: number) => {
    const text = normaliseText(value);
    // A 200-character school name must not run into the policy title: cut it with an ellipsis.
    if (metrics.width(text, 'regular', size) <= width) return text;
    let cut = text;
    while (cut.length > 1 && metrics.width(`${cut}…`, 'regular', size) > width) cut = cut.slice(0, -1);
    return `${cut.trimEnd()}…`;
  };
  pages.forEach((page, i) => {
    const boxes = page.boxes;
    if (i > 0) {
      const title = normaliseText(meta.title);
      const titleWidth = metrics.width(title, 'regular', size);
      const school = fit(meta.schoolName, right - MARGIN.left - titleWidth - 24);
      boxes.unshift(
        { kind: 'text', x: MARGIN.left, y: headerY, text: school, style: 'regular', size, color: COLOR.muted, artifact: 'Header' },
        { kind: 'text', x: right - titleWidth, y: headerY, text: title, style: 'regular', size, color: COLOR.muted, artifact: 'Header' },
        { kind: 'line', x1: MARGIN.left, y1: headerY - 7, x2: right, y2: headerY - 7, lineWidth: 0.5, color: COLOR.rule, artifact: 'Header' },
      );
    }
    const number = `Page ${i + 1} of ${pages.length}`;
    boxes.push(
      { kind: 'line', x1: MARGIN.left, y1: footerY + 12, x2: right, y2: footerY + 12, lineWidth: 0.5, color: COLOR.rule, artifact: 'Footer' },
      { kind: 'text', x: MARGIN.left, y: footerY, text: fit(version, 300), style: 'regular', size, color: COLOR.muted, artifact: 'Footer' },
      { kind: 'text', x: right - metrics.width(number, 'regular', size), y: footerY, text: number, style: 'regular', size, color: COLOR.muted, artifact: 'Footer' },
    );
  });
}
