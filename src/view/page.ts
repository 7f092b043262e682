import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * index.html and the page's script. The page's code is TypeScript in src/view/browser/ (compiled with the DOM
 * library by its own tsconfig, `npm run build`), written as plain scripts sharing one scope: they are joined into
 * view/app.js in this order.
 */

const BROWSER_SCRIPTS = ['util.js', 'styles.js', 'data.js', 'tables.js', 'legacy.js', 'pictures.js', 'report.js', 'list.js', 'grid.js', 'main.js'];

/** The compiled page scripts: beside this module in dist/, or in dist/ when this module runs from source (tests). */
function browserScript(name: string): string {
  for (const base of ['./browser/', '../../dist/src/view/browser/']) {
    const path = fileURLToPath(new URL(base + name, import.meta.url));
    if (existsSync(path)) return readFileSync(path, 'utf8');
  }
  throw new Error(`the audit view's script ${name} is missing: run npm run build`);
}

export function viewScript(): string {
  return `'use strict';\n${BROWSER_SCRIPTS.map((name) => `// ${name}\n${browserScript(name)}`).join('\n')}`;
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
