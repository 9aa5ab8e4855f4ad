// @ts-check
// Small DOM helpers: elements, sortable tables with CSV export of exactly what they show, status lights, charts.

import { saveBlob } from './api.js';
import { lightParts } from './attainment.js';

/**
 * @typedef {Node | string | number | boolean | null | undefined | any[]} Child nested arrays are flattened
 * @typedef {Record<string, any>} Attributes class, text, on… handlers, other attributes (true: present)
 */

/**
 * el('td', {class: 'num'}, 'text', otherNode)
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Attributes | null} [attrs]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of /** @type {Array<Node | string | number | boolean | null | undefined>} */ (children.flat(Infinity))) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/**
 * A traffic light with its word: colour is never the only carrier of the status (attainment.js).
 * @param {string | null | undefined} status
 * @param {string} [text]
 */
export function light(status, text) {
  const parts = lightParts(status, text);
  return el('span', { class: parts.className, title: parts.title, 'data-status': parts.status }, parts.text);
}

/**
 * An alert with the error's message (an ApiError's is German already).
 * @param {Error | string} error
 */
export function errorBox(error) {
  return el('div', { class: 'error', role: 'alert' }, typeof error !== 'string' && error && error.message ? error.message : String(error));
}

/**
 * A select with a label above it; options as [value, text].
 * @param {string} id
 * @param {string} label
 * @param {Array<Array<string | number>>} options each [value, text]
 * @param {string | number | null | undefined} value
 * @param {(value: string) => void} [onChange]
 */
export function select(id, label, options, value, onChange) {
  const s = el('select', { id, name: id, onchange: onChange ? (/** @type {Event} */ e) => onChange(/** @type {HTMLSelectElement} */ (e.target).value) : null },
    options.map(([v, t]) => el('option', { value: v, selected: String(v) === String(value ?? '') }, t)));
  return el('div', { class: 'field' }, el('label', { for: id }, label), s);
}

/**
 * @param {string} id
 * @param {string} label
 * @param {HTMLElement & { name?: string }} input
 */
export function field(id, label, input) {
  input.id = id;
  if (!input.name) input.name = id;
  return el('div', { class: 'field' }, el('label', { for: id }, label), input);
}

/**
 * A data table. columns: {label, value: row => cell text or Node, sort: row => comparable, num: bool}. With
 * `csv` a button exports exactly the rows and cells shown, in the order shown (after sorting).
 * @template R
 * @typedef {{ label: string, value: (row: R) => Child, sort?: (row: R) => unknown, num?: boolean,
 *   header?: boolean }} Column
 */
/**
 * @template R
 * @param {{ caption?: string, columns: Array<Column<R>>, rows: R[], csv?: string, id?: string, empty?: string }} table
 */
export function dataTable({ caption, columns, rows, csv, id, empty = 'Keine Einträge.' }) {
  const table = el('table', { id });
  if (caption) table.append(el('caption', {}, caption));
  const headRow = el('tr');
  const tbody = el('tbody');
  let order = rows.slice();
  const render = () => {
    tbody.replaceChildren(...(order.length ? order.map((row) => el('tr', {},
      columns.map((c, i) => {
        const value = c.value(row);
        const cell = el(i === 0 && c.header !== false ? 'th' : 'td', { class: c.num ? 'num' : null },
          value instanceof Node ? value : /** @type {Child} */ (value ?? '–'));
        if (cell.tagName === 'TH') cell.setAttribute('scope', 'row');
        return cell;
      }))) : [el('tr', {}, el('td', { colspan: columns.length, class: 'muted' }, empty))]));
  };
  columns.forEach((c) => {
    const th = el('th', { scope: 'col', class: c.num ? 'num' : null });
    if (c.sort) {
      th.setAttribute('aria-sort', 'none');
      th.append(el('button', {
        type: 'button', class: 'sort',
        onclick: () => {
          const ascending = th.getAttribute('aria-sort') !== 'ascending';
          headRow.querySelectorAll('th').forEach((h) => h.hasAttribute('aria-sort') && h.setAttribute('aria-sort', 'none'));
          th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
          order = rows.slice().sort((a, b) => compare(c.sort(a), c.sort(b)) * (ascending ? 1 : -1));
          render();
        },
      }, c.label));
    } else {
      th.textContent = c.label;
    }
    headRow.append(th);
  });
  table.append(el('thead', {}, headRow), tbody);
  render();
  const tools = csv ? el('div', { class: 'table-tools' }, el('button', {
    type: 'button', class: 'secondary', 'data-csv': csv,
    onclick: () => saveBlob(new Blob([tableCsv(table)], { type: 'text/csv;charset=utf-8' }), csv),
  }, 'Tabelle als CSV exportieren')) : null;
  return el('div', { class: 'table-block' }, tools, el('div', { class: 'table-wrap' }, table));
}

/**
 * @param {any} a
 * @param {any} b
 */
function compare(a, b) {
  const missingA = a === null || a === undefined || Number.isNaN(a);
  const missingB = b === null || b === undefined || Number.isNaN(b);
  if (missingA || missingB) return missingA === missingB ? 0 : (missingA ? 1 : -1);
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'de');
}

/**
 * Rows of cell texts as CSV for German spreadsheets: semicolons, UTF-8 with byte-order mark, CRLF; whitespace
 * collapsed; cells starting with = + - @ are prefixed with ' so no spreadsheet runs them as a formula.
 * @param {string[][]} rows
 */
export function csvText(rows) {
  const quote = (/** @type {string} */ text) => {
    let t = text.replace(/\s+/g, ' ').trim();
    if (/^[=+\-@]/.test(t) && t !== '–') t = `'${t}`;
    return /[;"\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  return `\uFEFF${rows.map((cells) => cells.map(quote).join(';')).join('\r\n')}\r\n`;
}

/**
 * The table as shown, as CSV (csvText): the cells' visible text, numbers as formatted.
 * @param {HTMLElement} table
 */
export function tableCsv(table) {
  return csvText([...table.querySelectorAll('tr')].map((tr) => [...tr.children].map((c) => /** @type {HTMLElement} */ (c).innerText)));
}

/**
 * Chart.js, which index.html loads as a classic script (the WebJar); untyped here.
 * @returns {any}
 */
const chartJs = () => /** @type {any} */ (window).Chart;

/**
 * A line chart (Chart.js) with a text alternative: the canvas is an image whose label names what it shows and
 * where the data table with the same numbers is.
 * @param {{ label: string, tableCaption: string, labels: string[], datasets: object[], yTitle?: string,
 *   tooltip?: object }} chart
 */
export function lineChart({ label, tableCaption, labels, datasets, yTitle, tooltip }) {
  const canvas = el('canvas', { role: 'img', 'aria-label': `${label}. Die Werte stehen in der Tabelle „${tableCaption}“.` });
  const box = el('div', { class: 'chart-box' }, canvas);
  queueMicrotask(() => {
    const Chart = chartJs();
    if (!Chart) return;
    const chart = new Chart(canvas, {
      type: 'line',
      data: { labels, datasets },
      options: {
        animation: false, maintainAspectRatio: false, locale: 'de-DE', spanGaps: false,
        interaction: { mode: 'nearest', intersect: false },
        scales: { y: { title: { display: Boolean(yTitle), text: yTitle } } },
        plugins: { legend: { position: 'bottom' }, tooltip: tooltip ? { callbacks: tooltip } : {} },
      },
    });
    /** @type {any} */ (canvas).chart = chart;
  });
  return box;
}

/**
 * @param {{ label: string, labels: string[], values: number[], highlight?: (index: number) => boolean }} chart
 */
export function barChart({ label, labels, values, highlight }) {
  const canvas = el('canvas', { role: 'img', 'aria-label': `${label}. Die Werte stehen in der Tabelle darunter.` });
  const box = el('div', { class: 'chart-box' }, canvas);
  queueMicrotask(() => {
    const Chart = chartJs();
    if (!Chart) return;
    /** @type {any} */ (canvas).chart = new Chart(canvas, {
      type: 'bar',
      data: {
        labels,
        datasets: [{
          label, data: values,
          backgroundColor: labels.map((l, i) => (highlight && highlight(i) ? '#b35900' : '#004b87')),
        }],
      },
      options: { animation: false, maintainAspectRatio: false, locale: 'de-DE', plugins: { legend: { display: false } } },
    });
  });
  return box;
}
