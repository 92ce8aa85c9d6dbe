// The cursor that fills pages top to bottom, numbers tagged content, and starts a new page when one is full.

import { MARGIN, PAGE } from './theme.ts';
import type { Anchor, Box, PageLayout } from './types.ts';

export class Flow {
  readonly pages: PageLayout[] = [];
  /** Index in the whole document of this flow's first page. */
  readonly firstPage: number;
  /** Top of the free space on the current page. */
  y = 0;
  /** Called after every page break, e.g. to repeat a table's header row. */
  onNewPage: (() => void) | undefined;
  readonly anchors: Map<string, Anchor>;
  private readonly counters: { mark: number; annotation: number };

  constructor(firstPage: number, shared: { anchors: Map<string, Anchor>; counters: { mark: number; annotation: number } }) {
    this.firstPage = firstPage;
    this.anchors = shared.anchors;
    this.counters = shared.counters;
    this.newPage();
  }

  get top(): number {
    return PAGE.height - MARGIN.top;
  }

  get bottom(): number {
    return MARGIN.bottom;
  }

  /** Space left on the current page. */
  get room(): number {
    return this.y - this.bottom;
  }

  get atTop(): boolean {
    return this.y >= this.top;
  }

  /** Index in the whole document of the current page. */
  get page(): number {
    return this.firstPage + this.pages.length - 1;
  }

  newPage(): void {
    this.pages.push({ boxes: [] });
    this.y = this.top;
    this.onNewPage?.();
  }

  /** Starts a new page unless `height` fits on this one (or this one is still empty). */
  ensure(height: number): void {
    if (height > this.room && !this.atTop) this.newPage();
  }

  /** Vertical space, dropped at the top of a page where it would only push content down. */
  gap(height: number): void {
    if (!this.atTop) this.y = Math.max(this.bottom, this.y - height);
  }

  add(box: Box): void {
    this.pages.at(-1)!.boxes.push(box);
  }

  anchor(id: string): void {
    this.anchors.set(id, { page: this.page, y: this.y });
  }

  nextMark(): number {
    return this.counters.mark++;
  }

  nextAnnotation(): number {
    return this.counters.annotation++;
  }
}
