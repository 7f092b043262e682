import type { Block, DocumentModel } from '../core/model/document.js';
import type { TableKey } from '../core/template/template.js';
import { findSections, splitRunOnText, type LocatedSection } from './sections.js';
import { findTableRegions, type TableRegion } from './tables.js';
import { findTitle, type Title } from './title.js';

/** Where the report's parts are in a document: its title, its six sections and its three template tables. */
export interface Located {
  title?: Title;
  /** The blocks sections and regions index into (the document's, or the same with run-on text cut at headings). */
  blocks: Block[];
  sections: LocatedSection[];
  regions: Map<TableKey, TableRegion>;
}

export function locate(document: DocumentModel): Located {
  const title = findTitle(document);
  let blocks = document.blocks;
  let sections = findSections(blocks);
  if (sections.length < 3) {
    const split = splitRunOnText(blocks);
    const splitSections = findSections(split);
    if (splitSections.length > sections.length) [blocks, sections] = [split, splitSections];
  }
  return { ...(title ? { title } : {}), blocks, sections, regions: findTableRegions(blocks, sections) };
}
