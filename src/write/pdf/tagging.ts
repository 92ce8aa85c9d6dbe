// PDF tagging, which pdf-lib has no API for: marked-content operators, the structure tree and its ParentTree.

import { type PDFContext, PDFDict, PDFHexString, PDFName, PDFNumber, PDFObject, type PDFRef } from 'pdf-lib';
import type { ArtifactKind, StructElem } from './layout/types.ts';

// Marked-content operators, as content-stream text (see draw/pageContent.ts).

/** `/P <</MCID 3>> BDC`: opens tagged content that a structure element points at. */
export function beginTagged(role: string, mcid: number): string {
  return `/${role} <</MCID ${mcid}>> BDC`;
}

/** `/Artifact <</Type /Pagination /Subtype /Header>> BDC`: content that assistive technology skips. */
export function beginArtifact(kind: ArtifactKind): string {
  const properties = kind === 'Layout' ? '/Type /Layout' : kind === 'Pagination' ? '/Type /Pagination' : `/Type /Pagination /Subtype /${kind}`;
  return `/Artifact <<${properties}>> BDC`;
}

export const END_MARKED = 'EMC';

/** Where drawing put each piece of content, by the ids layout gave it. */
export interface TaggedContent {
  pageRefs: readonly PDFRef[];
  /** Layout mark → page index and marked-content id on that page. */
  marks: ReadonlyMap<number, { page: number; mcid: number }>;
  /** Layout annotation id → page index and the annotation dictionary. */
  annotations: ReadonlyMap<number, { page: number; ref: PDFRef; dict: PDFDict }>;
}

/** The role each mark is drawn under (its nearest element), for the BDC tag. */
export function rolesOfMarks(root: StructElem): Map<number, string> {
  const roles = new Map<number, string>();
  addRoles(root, roles);
  return roles;
}

// The recursive walks of this module are functions of the module, not closures made per document: see writeElement.
function addRoles(element: StructElem, roles: Map<number, string>): void {
  for (const kid of element.kids) {
    if ('role' in kid) addRoles(kid, roles);
    else if ('mark' in kid) roles.set(kid.mark, element.role);
  }
}

/**
 * An object written as its PDF syntax. A structure element is a small dictionary, and a policy
 * with a long asset register has a thousand of them: as pdf-lib objects (a PDFDict of PDFNames,
 * sized and copied name by name) they were a third of the time pdf-lib spent writing the file.
 * The text must be ASCII, as everything written here is (names, numbers, references, hex strings).
 */
class RawObject extends PDFObject {
  private readonly text: string;
  constructor(text: string) {
    super();
    this.text = text;
  }
  override clone(): RawObject {
    return new RawObject(this.text);
  }
  override toString(): string {
    return this.text;
  }
  override sizeInBytes(): number {
    return this.text.length;
  }
  override copyBytesInto(buffer: Uint8Array, offset: number): number {
    return Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength).write(this.text, offset, 'latin1');
  }
}

const ref = (r: PDFRef) => `${r.objectNumber} ${r.generationNumber} R`;

/**
 * Writes /StructTreeRoot. Each page's /StructParents indexes the ParentTree
 * entry listing, by MCID, the element owning that content; each annotation's
 * /StructParent indexes its owning element. Readers walk these to go from
 * what is on the page back to the structure.
 */
export function writeStructureTree(context: PDFContext, root: StructElem, content: TaggedContent): PDFRef {
  const treeRef = context.nextRef();
  const tree: TreeInProgress = {
    context,
    content,
    pages: content.pageRefs.map(ref),
    byPage: content.pageRefs.map(() => []),
    annotationOwners: [],
    nextKey: content.pageRefs.length,
  };
  const documentRef = writeElement(tree, root, treeRef);

  const nums: string[] = [];
  tree.byPage.forEach((owners, page) => {
    nums.push(`${page} [${owners.join(' ')}]`);
    const pageDict = context.lookup(content.pageRefs[page]!, PDFDict);
    pageDict.set(PDFName.of('StructParents'), PDFNumber.of(page));
  });
  for (const { key, owner } of tree.annotationOwners) nums.push(`${key} ${ref(owner)}`);

  context.assign(treeRef, new RawObject(`<</Type/StructTreeRoot/K ${ref(documentRef)}/ParentTree<</Nums[${nums.join('\n')}]>>/ParentTreeNextKey ${tree.nextKey}>>`));
  return treeRef;
}

/** The structure tree as writeElement fills it in. */
interface TreeInProgress {
  context: PDFContext;
  content: TaggedContent;
  /** Each page's reference, as PDF syntax. */
  pages: string[];
  /** By page, by MCID: the element that owns the content (the ParentTree). */
  byPage: string[][];
  annotationOwners: { key: number; owner: PDFRef }[];
  /** The next ParentTree key for an annotation: the pages take the first ones. */
  nextKey: number;
}

/**
 * Writes an element and, depth first, those under it; returns its reference. A function of the module
 * rather than a closure made for each document: V8 keeps a closure's optimised code only while a
 * closure made at the same place is alive, so the PDF worker, collecting its heap every ten PDFs or
 * so, compiled this one 34 times in a 1,000-school build (1.1 s of compiler time), against once here.
 */
function writeElement(tree: TreeInProgress, element: StructElem, parent: PDFRef): PDFRef {
  const { context, content, pages, byPage } = tree;
  const own = context.nextRef();
  const ownRef = ref(own);
  const first = firstPage(element, content);
  const kids: string[] = [];
  for (const kid of element.kids) {
    if ('role' in kid) {
      kids.push(ref(writeElement(tree, kid, own)));
    } else if ('mark' in kid) {
      const where = content.marks.get(kid.mark);
      if (!where) throw new Error(`layout mark ${kid.mark} was never drawn`);
      byPage[where.page]![where.mcid] = ownRef;
      // Content on the element's own /Pg is its bare MCID (ISO 32000-1, 14.7.4.2); elsewhere a reference naming the page.
      kids.push(where.page === first ? String(where.mcid) : `<</Type/MCR/Pg ${pages[where.page]}/MCID ${where.mcid}>>`);
    } else {
      const annotation = content.annotations.get(kid.annotation);
      if (!annotation) throw new Error(`layout annotation ${kid.annotation} was never drawn`);
      const key = tree.nextKey++;
      annotation.dict.set(PDFName.of('StructParent'), PDFNumber.of(key));
      tree.annotationOwners.push({ key, owner: own });
      kids.push(`<</Type/OBJR/Obj ${ref(annotation.ref)}/Pg ${pages[annotation.page]}>>`);
    }
  }
  let dict = `<</Type/StructElem/S/${element.role}/P ${ref(parent)}/K[${kids.join(' ')}]`;
  const attributes = attributesOf(element);
  if (attributes) dict += `/A<<${Object.entries(attributes).map(([key, value]) => `/${key} ${typeof value === 'number' ? value : `/${value}`}`).join('')}>>`;
  if (element.title) dict += `/T ${PDFHexString.fromText(element.title).toString()}`;
  if (element.alt) dict += `/Alt ${PDFHexString.fromText(element.alt).toString()}`;
  if (first !== undefined) dict += `/Pg ${pages[first]}`;
  context.assign(own, new RawObject(`${dict}>>`));
  return own;
}

function attributesOf(element: StructElem): Record<string, string | number> | undefined {
  const a = element.attributes;
  if (!a) return undefined;
  if (a.listNumbering) return { O: 'List', ListNumbering: a.listNumbering };
  const table: Record<string, string | number> = { O: 'Table' };
  if (a.scope) table['Scope'] = a.scope;
  if (a.colSpan) table['ColSpan'] = a.colSpan;
  return table;
}

/** The page an element's first content is on, its /Pg: some readers need it to find the element's page. */
function firstPage(element: StructElem, content: TaggedContent): number | undefined {
  for (const kid of element.kids) {
    if ('mark' in kid) return content.marks.get(kid.mark)?.page;
    if ('annotation' in kid) return content.annotations.get(kid.annotation)?.page;
  }
  return undefined;
}
