/**
 * A few DOM helpers instead of a framework: the pane is small, must run in IE11, and every
 * kilobyte is downloaded on a poor line. Only APIs IE11 has (no closest, no append, no
 * NodeList.forEach, classList with one class at a time).
 */

export type Child = Node | string | null | undefined | false;

export interface Props {
  [name: string]: unknown;
}

export function h(tag: string, props?: Props | null, ...children: (Child | Child[])[]): HTMLElement {
  const el = document.createElement(tag);
  if (props) {
    for (const name of Object.keys(props)) {
      const v = props[name];
      if (v === undefined || v === null || v === false) continue;
      if (name.slice(0, 2) === "on" && typeof v === "function") {
        el.addEventListener(name.slice(2).toLowerCase(), v as EventListener);
      } else if (name === "className") {
        el.className = String(v);
      } else if (name === "value") {
        (el as HTMLInputElement).value = String(v);
      } else if (name === "checked" || name === "disabled" || name === "selected") {
        (el as unknown as Record<string, boolean>)[name] = Boolean(v);
      } else {
        el.setAttribute(name, v === true ? "" : String(v));
      }
    }
  }
  appendAll(el, children);
  return el;
}

function appendAll(el: Node, children: (Child | Child[])[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) appendAll(el, c);
    else el.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  }
}

export function replaceChildren(el: Node, ...children: (Child | Child[])[]): void {
  while (el.firstChild) el.removeChild(el.firstChild);
  appendAll(el, children);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error("missing #" + id);
  return el as T;
}

export function setBusy(button: HTMLElement, busy: boolean, busyText?: string): void {
  const b = button as HTMLButtonElement;
  if (busy) {
    b.setAttribute("data-label", b.textContent || "");
    if (busyText) b.textContent = busyText;
    b.disabled = true;
  } else {
    const label = b.getAttribute("data-label");
    if (label !== null) b.textContent = label;
    b.disabled = false;
  }
}
