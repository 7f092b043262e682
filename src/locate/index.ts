import type { DocumentModel } from '../model/document.js';
import type { TableKey } from '../template/template.js';
import { findSections, type LocatedSection } from './sections.js';
import { findTableRegions, type TableRegion } from './tables.js';
import { findTitle, type Title } from './title.js';

/** Where the report's parts are in a document: its title, its six sections and its three template tables. */
export interface Located {
  title?: Title;
  sections: LocatedSection[];
  regions: Map<TableKey, TableRegion>;
}

export function locate(document: DocumentModel): Located {
  const sections = findSections(document.blocks);
  const title = findTitle(document);
  return { ...(title ? { title } : {}), sections, regions: findTableRegions(document.blocks, sections) };
}

export type { LocatedSection, TableRegion, Title };
