/*! Remarketing tracker: <script async src="/remarketing/tracker.js"></script> · see docs/tracking.md */
(function (w, d, nav) {
  'use strict';
  if (w.rmk && w.rmk.loaded) return;

  var script = d.currentScript || d.querySelector('script[src*="remarketing/tracker.js"]');
  var cfg = (script && script.dataset) || {};
  var src = (script && script.src) || '';
  // Same base as the script (keeps a servlet context path such as /shop/), unless data-endpoint says otherwise.
  var endpoint = cfg.endpoint || (/remarketing\/tracker\.js/.test(src)
    ? src.replace(/remarketing\/tracker\.js.*$/, 'api/v1/remarketing/events') : '/api/v1/remarketing/events');
  endpoint = new URL(endpoint, location.href).href;
  var sameOrigin = new URL(endpoint).origin === location.origin;
  var consentRequired = cfg.consent === 'required';
  var dnt = nav.doNotTrack === '1' || w.doNotTrack === '1' || nav.globalPrivacyControl === true;
  var ANONYMOUS = ['page_view', 'view_item', 'view_item_list'];
  var STEPS = ['begin_checkout', 'add_shipping_info', 'add_payment_info'];
  var EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;
  var EMAIL_FIELDS = 'input[data-rmk-email],#checkout-email';
  var MAX_BATCH = 50;
  var MAX_BYTES = 30000; // the endpoint takes 32 KB
  var SESSION_GAP = 30 * 60 * 1000;

  var queue = [];
  var tries = new WeakMap();
  var timer = 0;
  var consent = toConsent(read(localStorage, 'rmk_consent'));
  var optedOut = read(localStorage, 'rmk_optout') === '1';
  var page = {};
  var pageId = null;
  var lastUrl = null;
  var visibleMs = 0;
  var visibleSince = 0;

  function read(store, key) {
    try { return store.getItem(key); } catch (e) { return null; }
  }
  function write(store, key, value) {
    try { store.setItem(key, value); } catch (e) { /* storage off: remember for this page only */ }
  }
  function toConsent(value) {
    return value === '1' ? true : value === '0' ? false : null;
  }
  function now() {
    return Date.now();
  }
  function clip(value, max) {
    return typeof value === 'string' && value.length > (max || 256) ? value.slice(0, max || 256) : value;
  }
  function uuid() {
    if (w.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }
  function bytes(text) {
    return w.TextEncoder ? new TextEncoder().encode(text).length : text.length * 3;
  }
  function hash(text) {
    for (var h = 5381, i = 0; i < text.length; i++) h = ((h << 5) + h + text.charCodeAt(i)) | 0;
    return String(h >>> 0);
  }

  // Only strings, finite non-negative numbers, booleans and short lists of those, under snake_case keys.
  function clean(props) {
    var out = {};
    var n = 0;
    Object.keys(props || {}).forEach(function (key) {
      var v = props[key];
      if (n >= 30 || !/^[a-z][a-z0-9_]{0,63}$/.test(key)) return;
      if (Array.isArray(v)) v = v.slice(0, 50).map(scalar).filter(function (x) { return x != null; });
      else v = scalar(v);
      if (v != null) { out[key] = v; n++; }
    });
    return out;
  }
  function scalar(v) {
    if (typeof v === 'number') return isFinite(v) && v >= 0 ? v : null;
    if (typeof v === 'boolean') return v;
    return v == null || typeof v === 'object' ? null : clip(String(v));
  }

  function allowed() {
    return consent !== false && !(consentRequired && consent !== true);
  }
  function capturing() {
    return !dnt && !optedOut && allowed();
  }

  function track(type, props, extra) {
    if (consent === false || (dnt && ANONYMOUS.indexOf(type) < 0)) return;
    var event = { type: type, id: (extra && extra.id) || uuid(), ts: now(), url: clip(location.href, 2048) };
    if (extra && extra.referrer) event.referrer = clip(extra.referrer, 2048);
    event.properties = clean(props);
    queue.push(event);
    write(sessionStorage, 'rmk_last', String(now()));
    if (queue.length >= 10) flush();
    else if (!timer) timer = setTimeout(flush, 1000);
  }

  function body(events) {
    var payload = { events: events };
    if (consent !== null) payload.consent = consent;
    if (dnt) payload.dnt = true;
    return JSON.stringify(payload);
  }

  function flush(leaving) {
    clearTimeout(timer);
    timer = 0;
    if (!allowed()) return; // held until rmk('consent', true)
    while (queue.length) {
      var batch = [];
      var size = 64;
      while (queue.length && batch.length < MAX_BATCH) {
        var next = bytes(JSON.stringify(queue[0])) + 1;
        if (batch.length && size + next > MAX_BYTES) break;
        size += next;
        batch.push(queue.shift());
      }
      send(batch, leaving);
    }
  }

  function send(batch, leaving) {
    var text = body(batch);
    if (leaving && nav.sendBeacon) {
      try {
        // text/plain: a "simple" request, so no CORS preflight even cross-origin
        if (nav.sendBeacon(endpoint, new Blob([text], { type: 'text/plain' }))) return;
      } catch (e) { /* fall back to fetch */ }
    }
    if (!w.fetch) return;
    fetch(endpoint, {
      method: 'POST', body: text, keepalive: true, credentials: 'include',
      mode: sameOrigin ? 'same-origin' : 'no-cors'
    }).then(function (r) {
      // 4xx other than 429: the events are wrong and would be refused again
      if (r.status === 429 || r.status >= 500) retry(batch, r.headers.get('Retry-After'));
    }, function () { retry(batch); });
  }

  function retry(batch, after) {
    var n = (tries.get(batch[0]) || 0) + 1;
    if (n > 3) return;
    batch.forEach(function (e) { tries.set(e, n); });
    queue.unshift.apply(queue, batch);
    clearTimeout(timer);
    timer = setTimeout(flush, (parseInt(after, 10) || 2 * n) * 1000);
  }

  function pageInfo() {
    var el = d.getElementById('rmk-page');
    try { return (el && JSON.parse(el.textContent)) || {}; } catch (e) { return {}; }
  }

  function productProps() {
    var p = page.product;
    return p ? { product_id: p.id != null ? String(p.id) : undefined, sku: p.sku } : {};
  }

  function pageView(info) {
    page = info && typeof info === 'object' ? info : {};
    pageId = uuid();
    var last = parseInt(read(sessionStorage, 'rmk_last'), 10);
    var props = { title: d.title, page: page.page, new_session: !(last && now() - last < SESSION_GAP) };
    new URLSearchParams(location.search).forEach(function (value, key) {
      if (/^utm_(source|medium|campaign|term|content)$/.test(key)) props[key] = value;
    });
    track('page_view', props, { id: pageId, referrer: lastUrl || d.referrer });
    lastUrl = location.href;
    var cur = { currency: page.currency };
    var p = page.product;
    if (p) {
      track('view_item', Object.assign(productProps(), { name: p.name, price: num(p.price), category: p.category }, cur));
    }
    if (page.list) {
      track('view_item_list', { list_id: page.list.id, list_name: page.list.name, item_count: num(page.list.item_count) });
    }
    if (page.search && page.search.query) {
      track('search', { query: page.search.query, result_count: num(page.search.result_count) });
    }
    var c = page.checkout;
    if (c && STEPS.indexOf(c.step) >= 0) {
      track(c.step, Object.assign({ value: num(c.value), item_count: num(c.item_count) }, cur));
    }
    visibleMs = 0;
    visibleSince = d.visibilityState === 'visible' ? now() : 0;
  }
  function num(v) {
    return v == null || v === '' ? undefined : Number(v);
  }

  // Seconds the page was visible since the last page_leave of this page view (a tab can leave and come back).
  function leave() {
    commitCapture();
    if (visibleSince) visibleMs += now() - visibleSince;
    visibleSince = 0;
    var seconds = Math.round(visibleMs / 1000);
    if (pageId && seconds >= 1) {
      visibleMs = 0;
      track('page_leave', Object.assign({ seconds: seconds, page_view_id: pageId, page: page.page }, productProps()));
    }
    flush(true);
  }

  // Capture waits a moment: a click on "don't email me" blurs the field first, and must win.
  var capture = null;
  var captureTimer = 0;
  function optOutButton(el) {
    return el && el.closest ? el.closest('[data-rmk-opt-out]') : null;
  }
  function onEmail(ev) {
    var field = ev.target;
    if (!field || !field.matches || !field.matches(EMAIL_FIELDS) || !capturing()) return;
    if (optOutButton(ev.relatedTarget)) return cancelCapture();
    var email = String(field.value || '').trim().toLowerCase();
    if (email.length > 254 || !EMAIL.test(email)) return;
    capture = { email: email, field: field.id || field.name };
    clearTimeout(captureTimer);
    captureTimer = setTimeout(commitCapture, 500);
  }
  function cancelCapture() {
    clearTimeout(captureTimer);
    capture = null;
  }
  function commitCapture() {
    var c = capture;
    cancelCapture();
    if (!c || !capturing()) return;
    var seen = (read(sessionStorage, 'rmk_em') || '').split(',');
    var key = hash(c.email);
    if (seen.indexOf(key) >= 0) return; // once per value
    write(sessionStorage, 'rmk_em', seen.concat(key).slice(-20).join(','));
    track('email_captured', c);
    flush();
  }

  function onClick(ev) {
    if (!optOutButton(ev.target)) return;
    ev.preventDefault();
    cancelCapture();
    var field = d.querySelector(EMAIL_FIELDS);
    var email = field ? String(field.value || '').trim().toLowerCase() : '';
    track('email_opt_out', EMAIL.test(email) ? { email: email } : {});
    optedOut = true;
    write(localStorage, 'rmk_optout', '1');
    notices();
    flush();
  }

  // The notice beside the email field shows only while the field is really captured.
  function notices() {
    d.querySelectorAll('[data-rmk-notice]').forEach(function (el) { el.hidden = !capturing(); });
    d.querySelectorAll('[data-rmk-opted-out]').forEach(function (el) { el.hidden = !optedOut; });
  }

  function setConsent(given) {
    consent = given;
    write(localStorage, 'rmk_consent', given ? '1' : '0');
    if (given) {
      flush();
    } else {
      queue = [];
      send([], true); // tells the server to forget this browser's visitor cookie
    }
    notices();
  }

  function api(cmd, a, b) {
    if (cmd === 'consent') setConsent(a === true);
    else if (cmd === 'track' && typeof a === 'string') track(a, b);
    else if (cmd === 'page') { clearTimeout(routeTimer); leave(); pageView(a); } // single-page apps
    else if (cmd === 'flush') flush();
  }

  // Single-page apps (Shopizer's React shop): a history navigation is a new page view, read once the route
  // has rendered (its #rmk-page block, if any), unless the app calls rmk('page', …) itself first.
  var routeTimer = 0;
  function route() {
    if (location.href === lastUrl) return;
    clearTimeout(routeTimer);
    routeTimer = setTimeout(function () {
      if (location.href === lastUrl) return;
      leave();
      pageView(pageInfo());
    }, 500);
  }
  ['pushState', 'replaceState'].forEach(function (name) {
    var original = history[name];
    history[name] = function () {
      var result = original.apply(this, arguments);
      route();
      return result;
    };
  });

  function start() {
    if (cfg.autoPage !== 'off') pageView(pageInfo());
    notices();
    d.addEventListener('change', onEmail, true);
    d.addEventListener('blur', onEmail, true);
    d.addEventListener('click', onClick, true);
    d.addEventListener('pointerdown', function (ev) { if (optOutButton(ev.target)) cancelCapture(); }, true);
    d.addEventListener('visibilitychange', function () {
      if (d.visibilityState === 'hidden') leave();
      else visibleSince = now();
    });
    w.addEventListener('pagehide', leave);
    w.addEventListener('popstate', route);
    w.addEventListener('pageshow', function (ev) {
      if (ev.persisted) pageView(pageInfo()); // back/forward cache: a new view of the page
    });
  }

  var pending = (w.rmk && w.rmk.q) || [];
  w.rmk = api;
  api.loaded = true;
  function init() {
    // a consent given before the script loaded applies to the first page view already
    pending.forEach(function (args) { if (args[0] === 'consent') api.apply(null, args); });
    start();
    pending.forEach(function (args) { if (args[0] !== 'consent') api.apply(null, args); });
  }
  function whenVisible() {
    // a prerendered page is not a visit until it is shown
    if (d.prerendering) d.addEventListener('prerenderingchange', init, { once: true });
    else init();
  }
  if (d.readyState === 'loading') d.addEventListener('DOMContentLoaded', whenVisible);
  else whenVisible();
})(window, document, navigator);
