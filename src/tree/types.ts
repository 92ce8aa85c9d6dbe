// The document tree: one per school, the only thing every writer (HTML, PDF, text) reads.

/**
 * Inline content. Every `text` value is literal: writers escape it, never interpret it.
 * A link whose `url` starts with `#` is a cross-reference to the section or clause with
 * that id in the same document (always present: checked at render); writers link to it
 * (HTML `href="#id"` on the element carrying that id, PDF a GoTo to its destination).
 */
export type Inline =
  | { type: 'text'; value: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'emphasis'; children: Inline[] }
  | { type: 'link'; url: string; children: Inline[] };

/** A paragraph; with an `id` it is a clause a school can omit or replace. */
export interface Paragraph {
  type: 'paragraph';
  id?: string;
  children: Inline[];
}

export interface List {
  type: 'list';
  ordered: boolean;
  items: ListItem[];
}

/** A list item; with an `id` it is a clause. */
export interface ListItem {
  type: 'listItem';
  id?: string;
  children: Block[];
}

export interface TableRow {
  cells: Inline[][];
}

/** A group of rows under its own heading row (an asset category). */
export interface TableGroup {
  title?: string;
  rows: TableRow[];
}

export interface Table {
  type: 'table';
  id: string;
  caption: string;
  /** Column headings. */
  columns: string[];
  groups: TableGroup[];
  /** When true the first cell of each row heads its row (a key/value table). */
  rowHeaders?: boolean;
}

export interface Section {
  type: 'section';
  id: string;
  /** 1 for the policy's sections, 2 and 3 for subsections. */
  depth: 1 | 2 | 3;
  title: string;
  /** Appendices are numbered and printed after the body. */
  appendix?: boolean;
  children: Block[];
}

export type Block = Paragraph | List | Table | Section;

export interface PolicyDate {
  /** As written in the data: YYYY-MM or YYYY-MM-DD. */
  iso: string;
  /** As printed: "September 2024" or "15 September 2024". */
  text: string;
}

export interface Approval {
  date: PolicyDate;
  approvedBy: string;
  minuteRef?: string;
  version?: string;
  summary?: string;
}

/** How the school's web page looks; writers with no use for it ignore it. */
export interface Branding {
  /** The logo image, as a path relative to the project root (already checked to exist). */
  logo?: string;
  /** #rrggbb, dark enough for white text on it (checked at validation). */
  accentColour?: string;
}

export interface DocumentMeta {
  schoolName: string;
  /** The model policy family, e.g. "lgfl-e-security". */
  family: string;
  title: string;
  /** The attribution line the model policy asks schools to keep. */
  attribution?: string;
  lastReviewed: PolicyDate;
  nextReview: PolicyDate;
  reviewedBy: string;
  approvals: Approval[];
  /** The policy's own version label, when the school gives one (`policy.version`). */
  version?: string;
  /** Posts that sign the PDF's governor sign-off page, in order (`sign_off.signatories`). */
  signatories?: string[];
  branding?: Branding;
}

export interface PolicyDocument {
  type: 'document';
  slug: string;
  meta: DocumentMeta;
  children: Section[];
}

export type Node = PolicyDocument | Block | ListItem | Inline;
