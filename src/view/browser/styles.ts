// The page's styles, added by the script so that the view is one script and its data. Problems are marked strongly
// (solid red, bold): people auditing many reports must not miss one.

import { h } from './util.js';

const VIEW_CSS = `
:root { --red: #c62828; --red-bg: #ffebee; --amber: #e65100; --amber-bg: #fff3e0; --green: #2e7d32; --green-bg: #e8f5e9;
  --grey: #616161; --line: #d0d4d9; --head: #1f3a5f; --link: #0b57d0; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; color: #1d1d1f; background: #f6f7f9; }
a { color: var(--link); cursor: pointer; text-decoration: none; }
a:hover { text-decoration: underline; }
header.top { position: sticky; top: 0; z-index: 10; display: flex; gap: 16px; align-items: center; padding: 8px 16px; background: var(--head); color: #fff; flex-wrap: wrap; }
header.top h1 { font-size: 16px; margin: 0; font-weight: 600; white-space: nowrap; }
header.top h1 a { color: #fff; }
header.top input.search { flex: 1; min-width: 240px; max-width: 520px; padding: 6px 10px; border-radius: 4px; border: 0; font-size: 14px; }
header.top .counts { font-size: 13px; opacity: .95; }
nav.tabs { display: flex; gap: 4px; padding: 8px 16px 0; border-bottom: 1px solid var(--line); background: #fff; }
nav.tabs a { padding: 6px 14px; border: 1px solid transparent; border-bottom: 0; border-radius: 4px 4px 0 0; color: #333; }
nav.tabs a.active { border-color: var(--line); background: #f6f7f9; font-weight: 600; margin-bottom: -1px; }
main { padding: 12px 16px 40px; }
.summary { display: flex; flex-wrap: wrap; gap: 8px; margin-bottom: 10px; align-items: center; }
.chip { display: inline-flex; gap: 6px; align-items: center; padding: 3px 10px; border-radius: 14px; border: 1px solid var(--line); background: #fff; cursor: pointer; user-select: none; font-size: 13px; }
.chip.on { border-color: var(--head); background: #e3ebf6; font-weight: 600; }
.chip .n { font-weight: 600; }
.chip.rule { border-color: var(--red); color: var(--red); }
.chip.rule.on { background: var(--red); color: #fff; }
.filters { display: flex; flex-wrap: wrap; gap: 8px; margin-bottom: 8px; align-items: center; }
.filters select, .filters input { padding: 4px 6px; border: 1px solid var(--line); border-radius: 4px; background: #fff; font-size: 13px; }
.filters label { font-size: 13px; color: #444; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 3px; font-size: 12px; font-weight: 600; white-space: nowrap; color: #fff; background: var(--grey); }
.status-flagged { background: var(--red); }
.status-incomplete { background: var(--amber); }
.status-ok { background: var(--green); }
.status-unchecked { background: #fff; color: #555; border: 1px dashed #888; }
.list { position: relative; overflow-y: auto; border: 1px solid var(--line); background: #fff; height: calc(100vh - 260px); min-height: 300px; }
.list .head, .list .row { display: grid; grid-template-columns: var(--columns); align-items: center; height: 32px; padding: 0 8px; gap: 8px; }
.list .head { position: sticky; top: 0; z-index: 2; background: #eef1f5; font-weight: 600; font-size: 13px; border-bottom: 1px solid var(--line); }
.list .head span { cursor: pointer; white-space: nowrap; }
.list .row { position: absolute; left: 0; right: 0; border-bottom: 1px solid #eceef1; cursor: pointer; }
.list .row:hover { background: #f1f5fb; }
.list .row.flagged { background: var(--red-bg); }
.list .row.flagged:hover { background: #ffdfe3; }
.list .row span { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.errors { color: var(--red); font-weight: 700; }
.muted { color: #777; }
.empty { padding: 24px; color: #666; }
section.block { background: #fff; border: 1px solid var(--line); border-radius: 4px; padding: 12px 16px; margin-bottom: 14px; }
section.block > h2 { font-size: 15px; margin: 0 0 10px; }
.report-head { display: flex; flex-wrap: wrap; gap: 10px 16px; align-items: baseline; margin-bottom: 12px; }
.report-head h2 { margin: 0; font-size: 18px; }
.report-head .facts { color: #444; }
.finding { border-left: 6px solid var(--red); background: var(--red-bg); padding: 8px 12px; margin: 8px 0; border-radius: 2px; }
/* Paths, web addresses and cell keys have no place to break: break them anywhere rather than run off the box. */
.finding, .finding * { overflow-wrap: anywhere; min-width: 0; }
.finding.warning { border-left-color: var(--amber); background: var(--amber-bg); }
.finding.info { border-left-color: var(--grey); background: #f6f7f9; }
.notes-fold > summary { cursor: pointer; color: #444; font-size: 13px; padding: 4px 0; }
.finding .title { font-weight: 700; }
.finding.error .title { color: var(--red); }
.finding.warning .title { color: var(--amber); }
.finding .rule { font-family: ui-monospace, monospace; font-size: 12px; color: #555; margin-left: 6px; }
.finding .where { color: #333; font-size: 13px; }
.finding.active { outline: 3px solid #1565c0; }
.equation { font-size: 15px; margin: 4px 0; font-variant-numeric: tabular-nums; }
.equation .term { display: inline-block; padding: 0 4px; border-radius: 3px; background: #fff; border: 1px solid #e0b4b4; cursor: pointer; margin: 1px 0; }
.equation .term b { margin-left: 4px; }
.equation .ne { color: var(--red); font-weight: 800; font-size: 18px; margin: 0 8px; }
.equation .sum { font-weight: 700; }
.ok-note { border-left: 6px solid var(--green); background: var(--green-bg); padding: 8px 12px; }
.with-notes { display: grid; grid-template-columns: minmax(0, 1fr) 320px; gap: 14px; align-items: start; }
@media (max-width: 1100px) { .with-notes { grid-template-columns: minmax(0, 1fr); } }
table.template { border-collapse: collapse; font-size: 13px; width: 100%; }
table.template th, table.template td { border: 1px solid #b9c0c8; padding: 3px 6px; }
table.template th { background: #eef1f5; font-weight: 600; }
table.template td.label { text-align: left; }
table.template td.level-2 { padding-left: 18px; }
table.template td.level-3 { padding-left: 32px; }
table.template td.value { text-align: right; font-variant-numeric: tabular-nums; min-width: 44px; cursor: pointer; }
table.template td.value.missing { color: #aaa; background: #fafafa; }
table.template td.value.bad { background: var(--red); color: #fff; font-weight: 700; outline: 2px solid #7f0000; outline-offset: -2px; }
table.template td.value.warn { background: #ffe0b2; }
table.template td.value.picked, table.template td.value.lit { outline: 3px solid #1565c0; outline-offset: -3px; }
.equation .term.lit { border-color: #1565c0; }
table.template tr.group td { background: #f7f8fa; }
.table-source { font-size: 12px; color: #555; margin: 4px 0 10px; }
.notes h3 { font-size: 13px; margin: 0 0 6px; color: #555; }
.pages { display: flex; flex-wrap: wrap; gap: 16px; }
.page-picture { position: relative; display: inline-block; border: 1px solid #999; background: #fff; }
.page-picture canvas, .page-picture img { display: block; }
.page-picture .box { position: absolute; border: 3px solid var(--red); background: rgba(198, 40, 40, .12); }
.page-picture .box.warn { border-color: var(--amber); background: rgba(230, 81, 0, .1); }
.page-picture .box.picked, .page-picture .box.lit { border-color: #1565c0; background: rgba(21, 101, 192, .18); }
.page-picture .box span { display: none; position: absolute; left: 0; top: -20px; font-size: 12px; background: var(--red); color: #fff; padding: 0 4px; white-space: nowrap; z-index: 3; }
.page-picture .box:hover span, .page-picture .box.picked span { display: block; }
.page-picture .box.picked span { background: #1565c0; }
.page-caption { font-size: 13px; margin: 4px 0; }
table.compare { border-collapse: collapse; font-size: 13px; }
table.compare th, table.compare td { border: 1px solid #c4cad1; padding: 3px 8px; }
table.compare th { background: #eef1f5; }
table.compare td.num.bad, table.compare td.bad { background: var(--red); color: #fff; font-weight: 700; }
table.compare tr.current th, table.compare td.current { background: #e3ebf6; }
.grid-wrap { overflow: auto; border: 1px solid var(--line); background: #fff; height: calc(100vh - 260px); min-height: 300px; position: relative; }
.grid .cell { display: inline-block; width: 84px; flex: none; text-align: center; }
.grid .row, .grid .head { display: flex; align-items: center; height: 32px; border-bottom: 1px solid #eceef1; white-space: nowrap; }
.grid .head { position: sticky; top: 0; background: #eef1f5; font-weight: 600; z-index: 2; }
.grid .name { width: 320px; flex: none; overflow: hidden; text-overflow: ellipsis; padding: 0 8px; }
.grid .name.grouped { text-decoration: underline dotted #888; cursor: help; }
.grid .mark { display: inline-block; min-width: 56px; padding: 1px 0; border-radius: 3px; font-size: 12px; cursor: pointer; }
.grid .mark.ok { background: var(--green-bg); color: var(--green); border: 1px solid #a5d6a7; }
.grid .mark.flagged { background: var(--red); color: #fff; font-weight: 700; }
.grid .mark.incomplete { background: var(--amber-bg); color: var(--amber); border: 1px solid #ffcc80; }
.grid .mark.unchecked { background: #fff; color: #555; border: 1px dashed #888; }
.grid .mark.unread { background: #eee; color: #555; border: 1px solid #ccc; }
.grid .mark.missing { color: var(--red); border: 1px dashed var(--red); cursor: default; }
.grid .year-picked { background: #fff8c4; }
.kbd { font-family: ui-monospace, monospace; font-size: 12px; background: #f1f3f5; padding: 0 4px; border-radius: 3px; }
`;

export function addStyles(): void {
  document.head.appendChild(h('style', null, VIEW_CSS));
}
