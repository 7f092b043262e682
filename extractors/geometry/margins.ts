/**
 * What a page prints in its margins besides the report: running heads and page numbers, dropped from digital pages
 * and scanned ones alike.
 */

/** Share of the page height at the top and bottom treated as margins. */
export const MARGIN_SHARE = 0.08;

/** A page number: `- 3 -`, `— 3 —` (OCR often reads its dashes as 一), `第3页`, `3/5`. */
export const PAGE_NUMBER = /^[-—–－_一\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*[/／]\s*\d{1,4})?[-—–－_一\s]*$/;
