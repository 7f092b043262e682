// Small helpers for building the page: elements, script loading, labels of statuses and rules.

type Child = Node | string | number | null | undefined | false | Child[];
export type Attributes = Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>;

/** An element with attributes (`class`, `title`, `data-*`, `on<event>` handlers) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes?: Attributes | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'value' && 'value' in element) (element as HTMLInputElement).value = String(value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  appendChildren(element, children);
  return element;
}

export function appendChildren(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) appendChildren(parent, child);
    else
      parent.appendChild(
        typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child,
      );
  }
}

export function replaceChildren(parent: Node, ...children: Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  appendChildren(parent, children);
}

export const loadedScripts = new Map<string, Promise<void>>();

/** Load a script beside the page once (a page opened from disk may load scripts, though it may not fetch files). */
export function loadScript(src: string): Promise<void> {
  let loading = loadedScripts.get(src);
  if (!loading) {
    loading = new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.onload = () => resolve();
      script.onerror = () => {
        loadedScripts.delete(src);
        reject(new Error(`无法载入 ${src} / cannot load ${src}`));
      };
      document.head.appendChild(script);
    });
    loadedScripts.set(src, loading);
  }
  return loading;
}

/** Status: label in Chinese, English key, and whether it is a report that was audited. */
export const STATUS_INFO: Record<string, { label: string; audited: boolean; order: number }> = {
  flagged: { label: '有问题', audited: true, order: 0 },
  incomplete: { label: '不完整', audited: true, order: 1 },
  // Read as a report, but no number was read, so no rule ran: never shown as passed (正常), ordered before it.
  unchecked: { label: '未核对', audited: true, order: 1.5 },
  ok: { label: '正常', audited: true, order: 2 },
  needs_ocr: { label: '需文字识别', audited: false, order: 3 },
  failed: { label: '无法读取', audited: false, order: 4 },
  not_a_report: { label: '非年度报告', audited: false, order: 5 },
  attached: { label: '网页附件', audited: false, order: 6 },
};

export function statusBadge(status: string): HTMLElement {
  const info = STATUS_INFO[status];
  return h('span', { class: `badge status-${status}`, title: status }, info ? info.label : status);
}

export function text(value: string | number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

export function debounce<A extends unknown[]>(action: (...args: A) => void, ms: number): (...args: A) => void {
  let timer: number | undefined;
  return (...args: A) => {
    if (timer !== undefined) window.clearTimeout(timer);
    timer = window.setTimeout(() => action(...args), ms);
  };
}

/** `requests:denied.state_secret:total` → table, row, column. */
export function splitRef(ref: string): [string, string, string] {
  const parts = ref.split(':');
  return [parts[0] ?? '', parts[1] ?? '', parts[2] ?? ''];
}

/** Where a number is printed: 第4页, or 第2个表格第5行第3列 in a web page or Word file. */
export function placeText(cell: XxgkView.Cell): string {
  const [, , , , page, , table, row, col] = cell;
  if (page !== null) return `第${page}页`;
  return `文档第${table + 1}个表格 第${row + 1}行 第${col + 1}列`;
}

/** The value as printed, with the number it was read as when they differ (251000元 = 25.1 万元; — = 0). */
export function printed(cell: XxgkView.Cell | undefined): string {
  if (!cell) return '未找到';
  const [, raw, value] = cell;
  const shown = raw.trim();
  if (shown === '') return value === null ? '(空)' : `(空 =${value})`;
  return value !== null && Number(shown) !== value ? `${shown} (=${value})` : shown;
}
