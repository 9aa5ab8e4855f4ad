// The traffic light as an element and the CSV export. The light needs a document: a tiny fake one with just what
// ui.js's el() uses; the CSV is built from the cells' texts without one.
import { test } from 'node:test';
import assert from 'node:assert/strict';

class FakeNode {
  constructor() { /** @type {FakeNode[]} */ this.childNodes = []; this.textValue = ''; }
  /** @param {...FakeNode} nodes */
  append(...nodes) { this.childNodes.push(...nodes); }
  get textContent() { return this.textValue + this.childNodes.map((c) => c.textContent).join(''); }
  set textContent(value) { this.textValue = value; this.childNodes = []; }
}
class FakeElement extends FakeNode {
  /** @param {string} tag */
  constructor(tag) {
    super();
    this.tagName = tag.toUpperCase();
    this.className = '';
    /** @type {Record<string, string>} */ this.attributes = {};
    /** @type {Record<string, Function>} */ this.listeners = {};
  }
  /** @param {string} name @param {string} value */
  setAttribute(name, value) { this.attributes[name] = String(value); }
  /** @param {string} type @param {Function} handler */
  addEventListener(type, handler) { this.listeners[type] = handler; }
}
const g = /** @type {any} */ (globalThis);
g.Node = FakeNode;
g.document = {
  createElement: (/** @type {string} */ tag) => new FakeElement(tag),
  createTextNode: (/** @type {string} */ text) => Object.assign(new FakeNode(), { textValue: text }),
};

const { csvText, el, light } = await import('../../main/resources/static/app/ui.js');

test('a traffic light is a span with its status as class and data, and its word as title and text', () => {
  const span = /** @type {any} */ (light('ON_TRACK', '20,99 %'));
  assert.equal(span.tagName, 'SPAN');
  assert.equal(span.className, 'light ON_TRACK');
  assert.equal(span.attributes['data-status'], 'ON_TRACK');
  assert.equal(span.attributes.title, 'im Plan');
  assert.equal(span.textContent, '20,99 % (im Plan)');
});

test('el leaves out attributes and children without a value and flattens nested children', () => {
  const node = /** @type {any} */ (el('p', { class: 'lead', hidden: false, title: null, required: true }, 'a', [null, ['b', 3]], false, undefined));
  assert.deepEqual(node.attributes, { required: '' });
  assert.equal(node.className, 'lead');
  assert.equal(node.textContent, 'ab3');
});

test('the CSV is for German spreadsheets: byte-order mark, semicolons, CRLF, whitespace collapsed', () => {
  assert.equal(csvText([['Monat', 'Wert'], ['März  2014', '20,99\u00a0%']]), '\uFEFFMonat;Wert\r\nMärz 2014;20,99 %\r\n');
});

test('a CSV cell with a semicolon, quote or line break is quoted', () => {
  assert.equal(csvText([['a;b', 'say "hi"']]), '\uFEFF"a;b";"say ""hi"""\r\n');
});

test('a CSV cell that a spreadsheet would run as a formula is prefixed with an apostrophe, the dash is not', () => {
  assert.equal(csvText([['=1+1', '+49', '-0,30 Pp.', '@SUM(A1)', '–', 'x=1']]), "\uFEFF'=1+1;'+49;'-0,30 Pp.;'@SUM(A1);–;x=1\r\n");
});
