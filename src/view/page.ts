import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * index.html and the page's script. The page's code is TypeScript in src/view/browser/ (ES modules, type-checked
 * with the DOM library by its own tsconfig), bundled by esbuild into one script, `app.js` (`npm run build`): a page
 * opened from disk cannot load modules, only classic scripts.
 */

/** The bundled page script: beside this module in dist/, or in dist/ when this module runs from source (tests). */
export function viewScript(): string {
  for (const base of ['./browser/', '../../dist/src/view/browser/']) {
    const path = fileURLToPath(new URL(`${base}app.js`, import.meta.url));
    if (existsSync(path)) return readFileSync(path, 'utf8');
  }
  throw new Error("the audit view's script app.js is missing: run npm run build");
}

/**
 * The page: the data scripts load in order after the code that receives them; the list (the largest file) last, so
 * that the page shows it is loading before the list arrives.
 */
export function indexHtml(): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>xxgk 审计视图 · 政府信息公开工作年度报告</title>
</head>
<body>
<div id="app"><p id="loading" style="font:16px sans-serif;margin:2em">正在载入报告列表… / loading the report list…</p></div>
<noscript>审计视图需要启用 JavaScript。/ The audit view needs JavaScript.</noscript>
<script src="view/app.js"></script>
<script src="view/meta.js"></script>
<script src="view/list.js"></script>
<script>xxgkStart();</script>
</body>
</html>
`;
}
