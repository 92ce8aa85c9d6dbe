// What layout hands to drawing: pages of positioned boxes, the structure tree that tags them, anchors and outline.

import type { FontStyle } from '../fonts.ts';

/** RGB, each 0–1. */
export type Color = readonly [number, number, number];

/** Standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4) that this document uses. */
export type StructRole =
  | 'Document'
  | 'Sect'
  | 'H1'
  | 'H2'
  | 'H3'
  | 'P'
  | 'L'
  | 'LI'
  | 'Lbl'
  | 'LBody'
  | 'Table'
  | 'Caption'
  | 'THead'
  | 'TBody'
  | 'TR'
  | 'TH'
  | 'TD'
  | 'Link'
  | 'TOC'
  | 'TOCI'
  | 'Form';

/** Content of an element: a marked run of page content, or an annotation (link, form field). */
export type StructKid = StructElem | { mark: number } | { annotation: number };

export interface StructElem {
  role: StructRole;
  kids: StructKid[];
  /** Table and list attributes (ISO 32000-1, 14.8.5.7 and 14.8.5.5). */
  attributes?: { scope?: 'Row' | 'Column'; colSpan?: number; listNumbering?: 'Disc' | 'Decimal' };
  /** A replacement text for assistive technology (/Alt), e.g. what a form field is for. */
  alt?: string;
  /** Its title (/T): a table's name where its caption is not drawn (see captionRepeatsHeading). */
  title?: string;
}

/** Why a box is not content: running header or footer, a repeated table header, or decoration. */
export type ArtifactKind = 'Header' | 'Footer' | 'Pagination' | 'Layout';

export interface TextBox {
  kind: 'text';
  /** Left end of the baseline. */
  x: number;
  y: number;
  text: string;
  style: FontStyle;
  size: number;
  color: Color;
  /** Content: the id its structure element refers to. Exactly one of mark and artifact is set. */
  mark?: number;
  artifact?: ArtifactKind;
}

/** Rules, fills and frames: always artifacts. */
export interface RectBox {
  kind: 'rect';
  x: number;
  y: number;
  width: number;
  height: number;
  fill?: Color;
  stroke?: Color;
  lineWidth?: number;
  artifact: ArtifactKind;
}

/** A straight rule, or with `dots` a dotted leader (round dots that far apart); an artifact. */
export interface LineBox {
  kind: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  lineWidth: number;
  color: Color;
  dots?: number;
  artifact: ArtifactKind;
}

export type LinkTarget = { uri: string } | { anchor: string };

/** A clickable area over text already drawn. */
export interface LinkBox {
  kind: 'link';
  x: number;
  y: number;
  width: number;
  height: number;
  target: LinkTarget;
  annotation: number;
}

/** An empty AcroForm field for the governors to fill in or sign. */
export interface FieldBox {
  kind: 'field';
  x: number;
  y: number;
  width: number;
  height: number;
  fieldType: 'signature' | 'text';
  /** The stable, documented field name (/T). */
  name: string;
  /** What the field is for, as a screen reader and a tooltip say it (/TU). */
  description: string;
  annotation: number;
}

export type Box = TextBox | RectBox | LineBox | LinkBox | FieldBox;

export interface PageLayout {
  boxes: Box[];
}

export interface Anchor {
  page: number;
  /** Top of the anchored heading, for the view a link opens. */
  y: number;
}

export interface OutlineEntry {
  title: string;
  anchor: string;
  children: OutlineEntry[];
}

export interface DocumentLayout {
  width: number;
  height: number;
  pages: PageLayout[];
  /** The Document element; its reading order is the policy's. */
  structure: StructElem;
  anchors: Map<string, Anchor>;
  outline: OutlineEntry[];
}
