// What every block layout function is handed: the page cursor, the font's widths, and link numbering.

import type { Metrics } from '../metrics.ts';
import type { Flow } from './Flow.ts';

export interface BlockContext {
  flow: Flow;
  metrics: Metrics;
  nextLinkId: () => number;
}
