// Small DOM helpers: elements, sortable tables with CSV export of exactly what they show, status lights, charts.

import { saveBlob } from './api.js';
import { STATUS } from './format.js';

/** el('td', {class: 'num'}, 'text', otherNode) */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** A traffic light with its word: colour is never the only carrier of the status. */
export function light(status, text) {
  const label = STATUS[status] || status || '–';
  return el('span', { class: `light ${status || ''}`, title: label, 'data-status': status || '' },
    text ? `${text} (${label})` : label);
}

export function errorBox(error) {
  return el('div', { class: 'error', role: 'alert' }, error && error.message ? error.message : String(error));
}

/** A select with a label above it; options as [value, text]. */
export function select(id, label, options, value, onChange) {
  const s = el('select', { id, name: id, onchange: onChange ? (e) => onChange(e.target.value) : null },
    options.map(([v, t]) => el('option', { value: v, selected: String(v) === String(value ?? '') }, t)));
  return el('div', { class: 'field' }, el('label', { for: id }, label), s);
}

export function field(id, label, input) {
  input.id = id;
  if (!input.name) input.name = id;
  return el('div', { class: 'field' }, el('label', { for: id }, label), input);
}

/**
 * A data table. columns: {label, value: row => cell text or Node, sort: row => comparable, num: bool}. With
 * `csv` a button exports exactly the rows and cells shown, in the order shown (after sorting).
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
          value instanceof Node ? value : (value ?? '–'));
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

function compare(a, b) {
  const missingA = a === null || a === undefined || Number.isNaN(a);
  const missingB = b === null || b === undefined || Number.isNaN(b);
  if (missingA || missingB) return missingA === missingB ? 0 : (missingA ? 1 : -1);
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'de');
}

/**
 * The table as shown, as CSV for German spreadsheets: semicolons, UTF-8 with byte-order mark, the cells' visible
 * text (numbers as formatted); cells starting with = + - @ are prefixed with ' so no spreadsheet runs them.
 */
export function tableCsv(table) {
  const quote = (text) => {
    let t = text.replace(/\s+/g, ' ').trim();
    if (/^[=+\-@]/.test(t) && t !== '–') t = `'${t}`;
    return /[;"\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  const lines = [...table.querySelectorAll('tr')].map((tr) => [...tr.children].map((c) => quote(c.innerText)).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * A line chart (Chart.js) with a text alternative: the canvas is an image whose label names what it shows and
 * where the data table with the same numbers is.
 */
export function lineChart({ label, tableCaption, labels, datasets, yTitle, tooltip }) {
  const canvas = el('canvas', { role: 'img', 'aria-label': `${label}. Die Werte stehen in der Tabelle „${tableCaption}“.` });
  const box = el('div', { class: 'chart-box' }, canvas);
  queueMicrotask(() => {
    if (!window.Chart) return;
    const chart = new window.Chart(canvas, {
      type: 'line',
      data: { labels, datasets },
      options: {
        animation: false, maintainAspectRatio: false, locale: 'de-DE', spanGaps: false,
        interaction: { mode: 'nearest', intersect: false },
        scales: { y: { title: { display: Boolean(yTitle), text: yTitle } } },
        plugins: { legend: { position: 'bottom' }, tooltip: tooltip ? { callbacks: tooltip } : {} },
      },
    });
    canvas.chart = chart;
  });
  return box;
}

export function barChart({ label, labels, values, highlight }) {
  const canvas = el('canvas', { role: 'img', 'aria-label': `${label}. Die Werte stehen in der Tabelle darunter.` });
  const box = el('div', { class: 'chart-box' }, canvas);
  queueMicrotask(() => {
    if (!window.Chart) return;
    canvas.chart = new window.Chart(canvas, {
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
