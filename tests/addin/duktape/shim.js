/*
 * The smallest browser Duktape needs to run the task pane bundle: a DOM tree, timers run by
 * an explicit loop, localStorage and an XMLHttpRequest that never connects. ES5 only, like
 * the bundle itself. Duktape is an ES5.1 engine without BigInt, Proxy or ES2015 syntax: the
 * closest thing to IE11's JavaScript that runs on Linux (docs/engineering.md).
 */
var window = this;
var self = this;
/* What the engine has of its own, before any bundle's polyfills: like IE11, no Promise and no Array.prototype.find. */
var __native = { Promise: typeof Promise, find: typeof Array.prototype.find };
var __errors = [];
var __timers = [];
var __timerSeq = 0;
var __now = 1767225600000; /* 2026-01-01T00:00:00Z */

function setTimeout(fn, ms) { __timerSeq++; __timers.push({ id: __timerSeq, fn: fn, at: __now + (ms || 0), every: 0 }); return __timerSeq; }
function setInterval(fn, ms) { __timerSeq++; __timers.push({ id: __timerSeq, fn: fn, at: __now + (ms || 0), every: ms || 1 }); return __timerSeq; }
function clearTimeout(id) { for (var i = 0; i < __timers.length; i++) if (__timers[i].id === id) { __timers.splice(i, 1); return; } }
var clearInterval = clearTimeout;
/* Runs due timers (and timers they add) until `ms` of fake time has passed. */
function __pump(ms) {
  var until = __now + ms;
  for (var guard = 0; guard < 100000; guard++) {
    var next = null;
    for (var i = 0; i < __timers.length; i++) if (!next || __timers[i].at < next.at) next = __timers[i];
    if (!next || next.at > until) break;
    __now = Math.max(__now, next.at);
    if (next.every) next.at = __now + next.every; else clearTimeout(next.id);
    try { next.fn(); } catch (e) { __errors.push(String(e && e.stack || e)); }
  }
  __now = until;
}

function Node(type, name) {
  this.nodeType = type; this.nodeName = name; this.tagName = name;
  this.childNodes = []; this.parentNode = null; this.attributes = {}; this.style = {};
  this.className = ""; this.listeners = {}; this._value = null; this.disabled = false; this.data = "";
}
Object.defineProperty(Node.prototype, "firstChild", { get: function () { return this.childNodes[0] || null; } });
Object.defineProperty(Node.prototype, "textContent", {
  get: function () { if (this.nodeType === 3) return this.data; var s = ""; for (var i = 0; i < this.childNodes.length; i++) s += this.childNodes[i].textContent; return s; },
  set: function (v) { this.childNodes = []; if (v !== "") this.appendChild(document.createTextNode(String(v))); }
});
/* A select's value is its chosen option's, the first one until the user picks another. */
Object.defineProperty(Node.prototype, "value", {
  get: function () {
    if (this._value !== null) return this._value;
    if (this.tagName === "SELECT") { for (var i = 0; i < this.childNodes.length; i++) if (this.childNodes[i].tagName === "OPTION") return this.childNodes[i].value; }
    return this.tagName === "OPTION" ? (this.getAttribute("value") || "") : "";
  },
  set: function (v) { this._value = String(v); }
});
Object.defineProperty(Node.prototype, "innerHTML", { set: function () { this.childNodes = []; }, get: function () { return ""; } });
Object.defineProperty(Node.prototype, "id", { get: function () { return this.attributes.id || ""; } });
Node.prototype.appendChild = function (c) { if (c.parentNode) c.parentNode.removeChild(c); c.parentNode = this; this.childNodes.push(c); return c; };
Node.prototype.removeChild = function (c) { var i = this.childNodes.indexOf(c); if (i >= 0) this.childNodes.splice(i, 1); c.parentNode = null; return c; };
Node.prototype.setAttribute = function (n, v) { this.attributes[n] = String(v); };
Node.prototype.getAttribute = function (n) { return Object.prototype.hasOwnProperty.call(this.attributes, n) ? this.attributes[n] : null; };
Node.prototype.removeAttribute = function (n) { delete this.attributes[n]; };
Node.prototype.addEventListener = function (t, f) { (this.listeners[t] = this.listeners[t] || []).push(f); };
Node.prototype.removeEventListener = function () {};
Node.prototype.focus = function () {};
Node.prototype.dispatch = function (t) {
  var ev = { type: t, target: this, preventDefault: function () {}, stopPropagation: function () {} };
  var ls = this.listeners[t] || []; for (var i = 0; i < ls.length; i++) ls[i].call(this, ev);
  if (typeof this["on" + t] === "function") this["on" + t](ev);
};
Node.prototype.click = function () { if (!this.disabled) this.dispatch("click"); };

var document = {
  body: new Node(1, "BODY"),
  createElement: function (t) { return new Node(1, String(t).toUpperCase()); },
  createTextNode: function (s) { var n = new Node(3, "#text"); n.data = String(s); return n; },
  getElementById: function (id) {
    var stack = [document.body];
    while (stack.length) { var n = stack.pop(); if (n.attributes && n.attributes.id === id) return n; for (var i = 0; i < n.childNodes.length; i++) stack.push(n.childNodes[i]); }
    return null;
  },
  addEventListener: function () {}, readyState: "complete", documentElement: null
};
document.documentElement = document.body;
var app = document.createElement("div"); app.setAttribute("id", "app"); document.body.appendChild(app);

var location = { protocol: "https:", host: "localhost:8787", href: "https://localhost:8787/taskpane.html", origin: "https://localhost:8787" };
var navigator = { userAgent: "Mozilla/5.0 (Windows NT 10.0; Trident/7.0; rv:11.0) like Gecko (Duktape)", onLine: false };
window.addEventListener = function () {};
window.removeEventListener = function () {};
window.location = location; window.navigator = navigator; window.document = document;
window.setTimeout = setTimeout; window.setInterval = setInterval; window.clearTimeout = clearTimeout; window.clearInterval = clearInterval;

var __store = {};
var localStorage = {
  getItem: function (k) { return Object.prototype.hasOwnProperty.call(__store, k) ? __store[k] : null; },
  setItem: function (k, v) { __store[k] = String(v); },
  removeItem: function (k) { delete __store[k]; },
  key: function (i) { return Object.keys(__store)[i] || null; }
};
Object.defineProperty(localStorage, "length", { get: function () { return Object.keys(__store).length; } });
window.localStorage = localStorage;

/* IE11 has msCrypto, not crypto: the bundle must find it. Not random: Duktape has no generator. */
window.msCrypto = { getRandomValues: function (b) { for (var i = 0; i < b.length; i++) b[i] = (i * 37 + 11) & 255; return b; } };

/* Offline: every request fails the way XHR does, status 0 after readyState 4. */
function XMLHttpRequest() { this.readyState = 0; this.status = 0; this.responseText = ""; this.timeout = 0; }
XMLHttpRequest.prototype.open = function () { this.readyState = 1; };
XMLHttpRequest.prototype.setRequestHeader = function () {};
XMLHttpRequest.prototype.getResponseHeader = function () { return null; };
XMLHttpRequest.prototype.send = function () {
  var x = this;
  setTimeout(function () { x.readyState = 4; if (x.onreadystatechange) x.onreadystatechange(); if (x.onerror) x.onerror(); }, 10);
};
window.XMLHttpRequest = XMLHttpRequest;

Date.now = function () { return __now; };
