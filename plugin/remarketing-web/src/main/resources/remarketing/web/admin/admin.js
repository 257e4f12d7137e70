// The Remarketing admin screens: Status, Contacts, Segments, Journeys and Messages, routed by the URL's
// hash (#/status, #/contacts?q=…, #/contacts/{id}, #/segments, #/segments/new, #/segments/{id},
// #/journeys, #/journeys/{code}?from=…&to=…, #/messages?journey=…&state=…, #/messages/{id}).
// Everything that comes from the server, and so possibly from a shopper, is only ever inserted with
// textContent or as the value of a safe attribute; links made from data are clickable only when they
// are http(s) URLs; a message's HTML is shown only in a frame sandboxed to run nothing.
(function () {
  'use strict';

  // Relative to this page, so that a servlet context path is kept.
  var base = new URL('./', window.location.href);
  var config = {};

  var CONTACTS_PAGE_SIZE = 20;
  var TIMELINE_PAGE_SIZE = 50;
  var MAX_QUERY = 100;

  // ---------------------------------------------------------------------------------------------
  // Small DOM helpers

  function byId(id) {
    return document.getElementById(id);
  }

  function blank(value) {
    return value === null || value === undefined || value === '';
  }

  function text(value) {
    return blank(value) ? '–' : String(value);
  }

  function setText(id, value) {
    byId(id).textContent = text(value);
  }

  /** An element with a class and text; never HTML. */
  function el(tag, className, content) {
    var element = document.createElement(tag);
    if (className) {
      element.className = className;
    }
    if (content !== undefined && content !== null) {
      element.textContent = String(content);
    }
    return element;
  }

  function clear(element) {
    while (element.firstChild) {
      element.removeChild(element.firstChild);
    }
  }

  function cell(row, content, className) {
    var td = el('td', className);
    if (content instanceof Node) {
      td.appendChild(content);
    } else {
      td.textContent = text(content);
    }
    row.appendChild(td);
    return td;
  }

  /** A link to a place in this screen (the hash is built by us from numbers and encoded text). */
  function appLink(hash, label) {
    var a = el('a', null, label);
    a.setAttribute('href', hash);
    return a;
  }

  /**
   * A URL from data: a link only when it is http(s), opened in a new tab without telling the
   * destination where it came from; anything else (javascript:, data:, junk) stays text.
   */
  function externalLink(value) {
    var raw = String(value);
    var url = null;
    try {
      url = new URL(raw);
    } catch (e) {
      url = null;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      return el('span', 'url', raw);
    }
    var a = el('a', 'url', raw);
    a.setAttribute('href', url.href);
    a.setAttribute('target', '_blank');
    a.setAttribute('rel', 'noopener noreferrer');
    return a;
  }

  function formatTime(iso) {
    if (blank(iso)) {
      return null;
    }
    var date = new Date(iso);
    if (isNaN(date.getTime())) {
      return String(iso);
    }
    return date.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  }

  /** A time element: local time as text, the ISO instant in datetime and title. */
  function timeElement(iso) {
    if (blank(iso)) {
      return el('span', 'muted', '–');
    }
    var time = el('time', null, formatTime(iso));
    time.setAttribute('datetime', String(iso));
    time.setAttribute('title', String(iso));
    return time;
  }

  function formatNumber(value) {
    if (blank(value)) {
      return null;
    }
    var number = Number(value);
    return isNaN(number) ? String(value) : number.toLocaleString();
  }

  function formatMoney(value, currency) {
    if (blank(value)) {
      return null;
    }
    var number = Number(value);
    if (isNaN(number)) {
      return String(value);
    }
    if (currency) {
      try {
        return number.toLocaleString(undefined, { style: 'currency', currency: String(currency) });
      } catch (e) {
        // not an ISO currency code: the number alone, the code beside it
        return number.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) + ' ' + currency;
      }
    }
    return number.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }

  function fullName(person) {
    var parts = [person.firstName, person.lastName].filter(function (part) { return !blank(part); });
    return parts.length ? parts.join(' ') : null;
  }

  function readToken() {
    try {
      return window.localStorage.getItem('token');
    } catch (e) {
      return null;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The API

  var SIGN_IN = { signIn: true };

  function apiUrl(path) {
    return new URL('../../' + String(path).replace(/^\//, ''), base);
  }

  function contactsPath() {
    return String(config.contactsUrl || '/api/v1/private/remarketing/contacts');
  }

  /** The server's {"message"} or a plain sentence about the HTTP status. */
  function failure(response) {
    return response.json().catch(function () { return {}; }).then(function (body) {
      var message = body && typeof body.message === 'string' && body.message
        ? body.message : 'The server answered HTTP ' + response.status + '.';
      var error = new Error(message);
      error.status = response.status;
      error.field = body && typeof body.field === 'string' ? body.field : null;
      throw error;
    });
  }

  /**
   * Calls the admin API with the backoffice's token; rejects with SIGN_IN on 401/403. A body
   * (options.body) is sent as JSON.
   */
  function api(url, options) {
    var token = readToken();
    if (!token) {
      return Promise.reject(SIGN_IN);
    }
    var init = options || {};
    var headers = { 'Authorization': 'Bearer ' + token, 'Accept': init.accept || 'application/json' };
    var request = { method: init.method || 'GET', headers: headers, credentials: 'same-origin', cache: 'no-store' };
    if (init.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      request.body = JSON.stringify(init.body);
    }
    if (init.signal) {
      request.signal = init.signal;
    }
    return fetch(url, request)
      .catch(function () { throw new Error('The server could not be reached.'); })
      .then(function (response) {
        if (response.status === 401 || response.status === 403) {
          throw SIGN_IN;
        }
        if (!response.ok) {
          return failure(response);
        }
        return response;
      });
  }

  function message(error) {
    return error && error.message ? error.message : 'Something went wrong.';
  }

  // ---------------------------------------------------------------------------------------------
  // Views and routing

  var VIEWS = ['status', 'contacts', 'contact', 'segments', 'segment', 'segment-new', 'journeys', 'journey', 'messages',
    'message'];

  /** The navigation entry a view belongs to. */
  function sectionOf(view) {
    if (view === 'status') {
      return 'status';
    }
    if (view.indexOf('segment') === 0) {
      return 'segments';
    }
    if (view.indexOf('journey') === 0) {
      return 'journeys';
    }
    if (view.indexOf('message') === 0) {
      return 'messages';
    }
    return 'contacts';
  }
  var generation = 0; // answers to an earlier route are dropped

  function showView(name, title) {
    VIEWS.forEach(function (view) {
      byId('view-' + view).hidden = (view !== name);
    });
    byId('sign-in').hidden = true;
    byId('loading').hidden = true;
    var section = sectionOf(name);
    ['status', 'contacts', 'segments', 'journeys', 'messages'].forEach(function (item) {
      var link = byId('nav-' + item);
      link.classList.toggle('is-active', item === section);
      if (item === section) {
        link.setAttribute('aria-current', 'page');
      } else {
        link.removeAttribute('aria-current');
      }
    });
    document.title = 'Remarketing · ' + title;
  }

  function showSignIn() {
    VIEWS.forEach(function (view) {
      byId('view-' + view).hidden = true;
    });
    byId('loading').hidden = true;
    byId('sign-in').hidden = false;
  }

  function showLoading(label) {
    var loading = byId('loading');
    loading.textContent = label;
    loading.hidden = false;
  }

  function focusHeading(view) {
    var heading = byId('view-' + view).querySelector('h1');
    if (heading && !heading.closest('[hidden]')) {
      heading.focus({ preventScroll: true });
    }
  }

  function parseRoute() {
    var hash = window.location.hash.replace(/^#/, '');
    var queryAt = hash.indexOf('?');
    var path = queryAt >= 0 ? hash.slice(0, queryAt) : hash;
    var params = new URLSearchParams(queryAt >= 0 ? hash.slice(queryAt + 1) : '');
    var segment = /^\/segments\/(\d{1,18})$/.exec(path);
    if (segment) {
      var membersPage = parseInt(params.get('page') || '0', 10);
      return { view: 'segment', id: segment[1], page: isNaN(membersPage) || membersPage < 0 ? 0 : membersPage };
    }
    if (path === '/segments/new') {
      return { view: 'segment-new' };
    }
    if (/^\/segments\/?$/.test(path)) {
      return { view: 'segments' };
    }
    var journey = /^\/journeys\/([a-z0-9][a-z0-9-]{0,63})$/.exec(path);
    if (journey) {
      return { view: 'journey', code: journey[1], from: dateParam(params, 'from'), to: dateParam(params, 'to') };
    }
    if (/^\/journeys\/?$/.test(path)) {
      return { view: 'journeys' };
    }
    var messageId = /^\/messages\/(\d{1,18})$/.exec(path);
    if (messageId) {
      return { view: 'message', id: messageId[1] };
    }
    if (/^\/messages\/?$/.test(path)) {
      var filters = {};
      ['journey', 'state', 'contact', 'recipient'].forEach(function (name) {
        filters[name] = (params.get(name) || '').slice(0, 254);
      });
      filters.from = dateParam(params, 'from');
      filters.to = dateParam(params, 'to');
      return { view: 'messages', filters: filters };
    }
    var contact = /^\/contacts\/(\d{1,18})$/.exec(path);
    if (contact) {
      return { view: 'contact', id: contact[1] };
    }
    if (/^\/contacts\/?$/.test(path)) {
      var page = parseInt(params.get('page') || '0', 10);
      return { view: 'contacts', q: (params.get('q') || '').slice(0, MAX_QUERY), page: isNaN(page) || page < 0 ? 0 : page };
    }
    return { view: 'status' };
  }

  /** A day (yyyy-mm-dd) from the hash's parameters, or ''. */
  function dateParam(params, name) {
    var value = params.get(name) || '';
    return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : '';
  }

  function contactsHash(q, page) {
    var params = new URLSearchParams();
    if (q) {
      params.set('q', q);
    }
    if (page) {
      params.set('page', String(page));
    }
    var query = params.toString();
    return '#/contacts' + (query ? '?' + query : '');
  }

  function route() {
    generation++;
    var current = parseRoute();
    if (!(current.view === 'segment' && segmentState && segmentState.id === current.id)) {
      stopSegmentWork();
    }
    if (current.view !== 'journey') {
      journeyState = null;
    }
    if (current.view !== 'messages' && current.view !== 'message') {
      messagesState = null;
    }
    if (current.view === 'journeys') {
      listJourneys(generation);
    } else if (current.view === 'journey') {
      openJourney(current.code, current, generation);
    } else if (current.view === 'messages') {
      listMessages(current.filters, generation);
    } else if (current.view === 'message') {
      openMessage(current.id, generation);
    } else if (current.view === 'segments') {
      listSegments(generation);
    } else if (current.view === 'segment') {
      openSegment(current.id, current.page, generation);
    } else if (current.view === 'segment-new') {
      newSegment(generation);
    } else if (current.view === 'contact') {
      openContact(current.id, generation);
    } else if (current.view === 'contacts') {
      listContacts(current.q, current.page, generation);
    } else {
      loadStatus(generation);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Status

  function showStatusState(id) {
    ['failure', 'status'].forEach(function (section) {
      byId(section).hidden = (section !== id);
    });
    byId('refresh').hidden = false;
  }

  function renderStatus(status) {
    var events = status.events || {};
    var schema = status.schema || {};
    var mail = status.mail || {};
    var plugin = status.plugin || {};

    setText('events-captured', typeof events.captured === 'number' ? events.captured.toLocaleString() : null);
    setText('schema-version', schema.version);
    setText('schema-vendor', { h2: 'H2', mysql: 'MySQL / MariaDB', postgresql: 'PostgreSQL' }[schema.vendor] || schema.vendor);
    setText('schema-history', schema.historyTable);

    var kafka = status.transport === 'kafka';
    setText('transport', kafka ? 'Kafka' : 'In-process');
    setText('transport-note', kafka
      ? 'Events travel through Kafka topics between the store\'s nodes.'
      : 'Events are handled inside the store\'s own process.');

    var badge = byId('mail-badge');
    badge.textContent = mail.configured ? 'Configured' : 'Not configured';
    badge.className = 'badge ' + (mail.configured ? 'badge-ok' : 'badge-warn');
    setText('mail-server', mail.host ? (mail.port ? mail.host + ':' + mail.port : mail.host) : null);
    setText('mail-from', mail.from);

    var store = status.store;
    byId('store-card').hidden = !store;
    if (store) {
      setText('store-name', store.name);
      setText('store-code', store.code);
    }
    byId('plugin-version').textContent = plugin.version ? 'v' + plugin.version : '';
    showStatusState('status');
  }

  function loadStatus(token) {
    if (!readToken()) {
      showSignIn();
      return;
    }
    showView('status', 'Status');
    byId('view-status').hidden = true;
    showLoading('Loading the plugin\'s status…');
    api(apiUrl(config.statusUrl || '/api/v1/private/remarketing/status'))
      .then(function (response) { return response.json(); })
      .then(function (status) {
        if (token !== generation) {
          return;
        }
        byId('loading').hidden = true;
        byId('view-status').hidden = false;
        renderStatus(status);
      })
      .catch(function (error) {
        if (token !== generation) {
          return;
        }
        if (error === SIGN_IN) {
          showSignIn();
          return;
        }
        byId('loading').hidden = true;
        byId('view-status').hidden = false;
        setText('failure-detail', message(error));
        showStatusState('failure');
      });
  }

  // ---------------------------------------------------------------------------------------------
  // Contacts list

  function setContactsState(state) {
    byId('contacts-error').hidden = state !== 'error';
    byId('contacts-empty').hidden = state !== 'empty';
    byId('contacts-results').hidden = state !== 'results';
    byId('view-contacts').setAttribute('aria-busy', state === 'loading' ? 'true' : 'false');
  }

  function listContacts(q, page, token) {
    if (!readToken()) {
      showSignIn();
      return;
    }
    var firstShow = byId('view-contacts').hidden;
    showView('contacts', q ? 'Contacts · ' + q : 'Contacts');
    var input = byId('contacts-q');
    if (document.activeElement !== input) {
      input.value = q;
    }
    setContactsState('loading');
    byId('contacts-status').textContent = 'Loading contacts…';
    if (firstShow && !flashNotice) {
      focusHeading('contacts');
    }
    showFlashNotice();

    var url = apiUrl(contactsPath());
    if (q) {
      url.searchParams.set('q', q);
    }
    url.searchParams.set('page', String(page));
    url.searchParams.set('size', String(CONTACTS_PAGE_SIZE));
    api(url)
      .then(function (response) { return response.json(); })
      .then(function (found) {
        if (token === generation) {
          renderContacts(found, q);
        }
      })
      .catch(function (error) {
        if (token !== generation) {
          return;
        }
        if (error === SIGN_IN) {
          showSignIn();
          return;
        }
        byId('contacts-status').textContent = '';
        setText('contacts-error-detail', message(error));
        setContactsState('error');
      });
  }

  function renderContacts(found, q) {
    var items = Array.isArray(found.items) ? found.items : [];
    var total = Number(found.total) || 0;
    var page = Number(found.page) || 0;
    var size = Number(found.size) || CONTACTS_PAGE_SIZE;
    var pages = Math.max(1, Math.ceil(total / size));

    var rows = byId('contacts-rows');
    clear(rows);
    items.forEach(function (contact) {
      var row = el('tr');
      row.setAttribute('data-contact-id', String(contact.id));
      var name = fullName(contact);
      var link = appLink('#/contacts/' + encodeURIComponent(String(contact.id)), name || contact.email || 'Contact #' + contact.id);
      if (!name) {
        link.classList.add('muted-link');
      }
      cell(row, link, 'cell-name');
      cell(row, contact.email, 'cell-email');
      cell(row, contact.customerId, 'num');
      cell(row, formatNumber(contact.ordersCount), 'num');
      cell(row, contact.ordersCount ? formatMoney(contact.totalSpent) : null, 'num');
      cell(row, contact.cartItems ? formatNumber(contact.cartItems) + ' · ' + formatMoney(contact.cartValue) : null, 'num');
      cell(row, timeElement(contact.lastSeen));
      rows.appendChild(row);
    });

    if (!items.length) {
      setText('contacts-empty-title', q ? 'No contact matches' : (page > 0 ? 'No more contacts' : 'No contacts yet'));
      byId('contacts-empty-detail').textContent = q
        ? 'Nothing starts with “' + q + '”. Try an email, a first or last name, a customer id or a visitor id.'
        : 'Contacts appear as soon as shoppers browse the store, leave an email or sign in.';
      setContactsState('empty');
    } else {
      setContactsState('results');
    }
    byId('contacts-status').textContent = total === 1 ? '1 contact' : total.toLocaleString() + ' contacts';
    setText('contacts-page-info', 'Page ' + (page + 1).toLocaleString() + ' of ' + pages.toLocaleString());
    byId('contacts-prev').disabled = page <= 0;
    byId('contacts-next').disabled = page + 1 >= pages;
    byId('contacts-prev').onclick = function () { window.location.hash = contactsHash(q, page - 1); };
    byId('contacts-next').onclick = function () { window.location.hash = contactsHash(q, page + 1); };
  }

  var flashNotice = null;

  function showFlashNotice() {
    var notice = byId('contacts-notice');
    notice.hidden = !flashNotice;
    notice.textContent = flashNotice || '';
    flashNotice = null;
  }

  // ---------------------------------------------------------------------------------------------
  // One contact

  var contactState = null; // { id, timelinePage, loaded, total, productNames, products }

  var CHANNELS = { email: 'Email', sms: 'SMS', web_push: 'Web push', onsite: 'On-site personalisation' };

  var STEPS = { begin_checkout: 'Began checkout', add_shipping_info: 'Entered shipping details',
    add_payment_info: 'Entered payment details' };

  var SOURCES = { direct: 'Direct', organic_search: 'Organic search', referral: 'Referral', email: 'Email',
    social: 'Social', paid: 'Paid', display: 'Display', affiliate: 'Affiliate', campaign: 'Campaign' };

  function label(map, value) {
    if (blank(value)) {
      return null;
    }
    var key = String(value).toLowerCase();
    return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : String(value);
  }

  function openContact(id, token) {
    if (!readToken()) {
      showSignIn();
      return;
    }
    showView('contact', 'Contact');
    byId('view-contact').hidden = true;
    showLoading('Loading the contact…');
    var url = apiUrl(contactsPath() + '/' + encodeURIComponent(id));
    url.searchParams.set('timelinePage', '0');
    url.searchParams.set('timelineSize', String(TIMELINE_PAGE_SIZE));
    api(url)
      .then(function (response) { return response.json(); })
      .then(function (details) {
        if (token !== generation) {
          return;
        }
        byId('loading').hidden = true;
        byId('view-contact').hidden = false;
        byId('contact-error').hidden = true;
        byId('contact').hidden = false;
        renderContact(id, details);
        focusHeading('contact');
      })
      .catch(function (error) {
        if (token !== generation) {
          return;
        }
        if (error === SIGN_IN) {
          showSignIn();
          return;
        }
        byId('loading').hidden = true;
        byId('view-contact').hidden = false;
        byId('contact').hidden = true;
        setText('contact-error-detail', message(error));
        byId('contact-error').hidden = false;
      });
  }

  function renderContact(requestedId, details) {
    var profile = details.profile || {};
    var id = String(details.id);
    contactState = { id: id, timelinePage: 0, loaded: 0, total: 0, productNames: {}, products: details.products || [] };
    var name = fullName(profile);
    setText('contact-name', name || profile.email || 'Contact #' + id);
    document.title = 'Remarketing · ' + (name || profile.email || 'Contact #' + id);
    setText('contact-email', profile.email || 'No email yet');
    var verified = (details.identities || []).some(function (identity) {
      return identity.kind === 'EMAIL' && identity.value === profile.email && identity.verified;
    });
    var badge = byId('contact-verified');
    badge.hidden = blank(profile.email);
    badge.textContent = verified ? 'Verified' : 'Unverified';
    badge.className = 'badge ' + (verified ? 'badge-ok' : 'badge-warn');
    var merged = byId('contact-merged');
    merged.hidden = blank(details.mergedFrom);
    merged.textContent = blank(details.mergedFrom) ? '' : 'Contact #' + details.mergedFrom + ' was merged into this one.';
    byId('contact-back').setAttribute('href', contactsHash(lastQuery, 0));

    setText('p-first-name', profile.firstName);
    setText('p-last-name', profile.lastName);
    setText('p-email', profile.email);
    setText('p-customer-id', profile.customerId);
    setText('p-language', profile.language);
    setText('p-time-zone', profile.timeZone);
    setText('p-birthday', profile.birthday);
    setText('p-id', id);
    replace('p-first-seen', timeElement(profile.firstSeen));
    replace('p-last-seen', timeElement(profile.lastSeen));
    setText('p-visits', formatNumber(profile.visits));
    renderSources(profile.sources || {});

    var orders = profile.orders || {};
    var currency = singleCurrency(details.orders || []);
    setText('p-orders-count', formatNumber(orders.count));
    setText('p-total-spent', orders.count ? formatMoney(orders.totalSpent, currency) : null);
    setText('p-average-order', formatMoney(orders.averageValue, currency));
    replace('p-last-order', timeElement(orders.lastOrderAt));
    var cart = profile.cart || {};
    setText('p-cart', cart.items ? (cart.items === 1 ? '1 item' : formatNumber(cart.items) + ' items') + ' · '
      + formatMoney(cart.value, currency) : 'Empty');
    replace('p-cart-changed', timeElement(cart.updatedAt));
    var checkout = profile.checkout || {};
    setText('p-checkout-step', label(STEPS, checkout.step));

    renderIdentities(details.identities || []);
    renderConsent(details.consent || {});
    renderOrders(details.orders || []);
    var timeline = details.timeline || {};
    collectProductNames(timeline.items || []);
    renderProducts(details.products || []);
    clear(byId('timeline'));
    appendTimeline(timeline);
    byId('contact-status').textContent = '';
  }

  function replace(id, node) {
    var target = byId(id);
    clear(target);
    target.appendChild(node);
  }

  function singleCurrency(orders) {
    var currencies = {};
    orders.forEach(function (order) {
      if (!blank(order.currency)) {
        currencies[String(order.currency)] = true;
      }
    });
    var codes = Object.keys(currencies);
    return codes.length === 1 ? codes[0] : null;
  }

  function renderSources(sources) {
    var list = byId('p-sources');
    clear(list);
    Object.keys(sources).forEach(function (channel) {
      var visits = Number(sources[channel]) || 0;
      list.appendChild(el('li', 'chip', label(SOURCES, channel) + ' · ' + visits.toLocaleString()));
    });
    if (!list.firstChild) {
      list.appendChild(el('li', 'muted', '–'));
    }
  }

  function renderIdentities(identities) {
    var rows = byId('identities-rows');
    clear(rows);
    identities.forEach(function (identity) {
      var row = el('tr');
      cell(row, label({ email: 'Email', customer: 'Customer id', visitor: 'Visitor', cart: 'Cart' }, identity.kind));
      cell(row, identity.value, 'cell-value');
      // a cart code identifies a cart, not a person: neither verified nor claimed
      var cart = identity.kind === 'CART';
      cell(row, el('span', 'badge ' + (identity.verified ? 'badge-ok' : 'badge-muted'),
        identity.verified ? 'Verified' : (cart ? 'No proof' : 'Claimed')));
      cell(row, timeElement(identity.firstSeen));
      rows.appendChild(row);
    });
    byId('identities-empty').hidden = identities.length > 0;
    byId('identities-table').hidden = identities.length === 0;
  }

  function renderConsent(consent) {
    var current = byId('consent-current');
    clear(current);
    var channels = consent.current || {};
    Object.keys(channels).forEach(function (channel) {
      var entry = channels[channel] || {};
      var chip = el('li', 'chip ' + (entry.granted ? 'chip-ok' : 'chip-off'),
        label(CHANNELS, channel) + ': ' + (entry.granted ? 'granted' : 'withdrawn'));
      current.appendChild(chip);
    });

    var history = byId('consent-history');
    clear(history);
    (consent.history || []).forEach(function (entry) {
      var item = el('li', 'proof');
      var head = el('div', 'proof-head');
      head.appendChild(el('span', 'badge ' + (entry.granted ? 'badge-ok' : 'badge-off'),
        label(CHANNELS, entry.channel) + (entry.granted ? ' granted' : ' withdrawn')));
      head.appendChild(timeElement(entry.recordedAt));
      item.appendChild(head);
      var facts = el('dl', 'facts facts-small');
      addFact(facts, 'Source', entry.source);
      var proof = entry.proof || {};
      Object.keys(proof).forEach(function (key) {
        addFact(facts, humanKey(key), proof[key]);
      });
      item.appendChild(facts);
      history.appendChild(item);
    });
    byId('consent-empty').hidden = (consent.history || []).length > 0;
  }

  function humanKey(key) {
    var words = String(key).replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  function valueText(value) {
    if (value !== null && typeof value === 'object') {
      return JSON.stringify(value);
    }
    return value;
  }

  /** A term and its value (a node, or text; URLs from data become safe links). */
  function addFact(list, term, value) {
    if (blank(value)) {
      return;
    }
    list.appendChild(el('dt', null, term));
    var dd = el('dd');
    if (value instanceof Node) {
      dd.appendChild(value);
    } else {
      dd.textContent = text(valueText(value));
    }
    list.appendChild(dd);
  }

  function renderOrders(orders) {
    var rows = byId('orders-rows');
    clear(rows);
    orders.forEach(function (order) {
      var row = el('tr');
      cell(row, blank(order.orderId) ? null : '#' + order.orderId);
      cell(row, timeElement(order.placedAt));
      cell(row, order.status);
      cell(row, formatMoney(order.total, order.currency), 'num');
      rows.appendChild(row);
    });
    byId('orders-empty').hidden = orders.length > 0;
    byId('orders-table').hidden = orders.length === 0;
  }

  function collectProductNames(events) {
    events.forEach(function (event) {
      var properties = event.properties || {};
      if (!blank(properties.product_id) && !blank(properties.name)
        && !Object.prototype.hasOwnProperty.call(contactState.productNames, String(properties.product_id))) {
        contactState.productNames[String(properties.product_id)] = String(properties.name);
      }
    });
  }

  function renderProducts(products) {
    var rows = byId('products-rows');
    clear(rows);
    products.forEach(function (product) {
      var row = el('tr');
      var name = contactState.productNames[String(product.productId)];
      var title = el('span', null, name || 'Product #' + text(product.productId));
      if (name) {
        title.setAttribute('title', 'Product #' + text(product.productId));
      }
      cell(row, title);
      cell(row, product.sku);
      cell(row, formatNumber(product.views), 'num');
      cell(row, formatNumber(product.viewSeconds), 'num');
      cell(row, timeElement(product.lastViewedAt));
      cell(row, product.cartQuantity ? formatNumber(product.cartQuantity) : null, 'num');
      cell(row, product.boughtCount ? formatNumber(product.boughtCount) : null, 'num');
      cell(row, timeElement(product.lastBoughtAt));
      rows.appendChild(row);
    });
    byId('products-empty').hidden = products.length > 0;
    byId('products-table').hidden = products.length === 0;
  }

  // ---- Timeline

  var EVENT_LABELS = {
    page_view: 'Viewed a page',
    view_item: 'Viewed product',
    view_item_list: 'Viewed a category',
    search: 'Searched the store',
    page_leave: 'Left a page',
    begin_checkout: 'Began checkout',
    add_shipping_info: 'Entered shipping details',
    add_payment_info: 'Entered payment details',
    email_captured: 'Typed email at checkout (unverified)',
    email_opt_out: 'Asked not to be emailed',
    cart_item_added: 'Added to cart',
    cart_quantity_changed: 'Changed a quantity in the cart',
    cart_item_removed: 'Removed from cart',
    cart_emptied: 'Emptied the cart',
    cart_converted: 'Cart turned into an order',
    cart_merged: 'Guest cart joined the customer\'s cart',
    order_placed: 'Placed order',
    order_status_changed: 'Order status changed',
    customer_registered: 'Registered an account',
    customer_updated: 'Updated their account',
    login: 'Signed in',
    newsletter_opt_in: 'Subscribed to the newsletter',
    newsletter_opt_out: 'Unsubscribed from the newsletter',
    consent_changed: 'Changed consent'
  };

  var EVENT_KINDS = {
    page_view: 'browse', view_item: 'browse', view_item_list: 'browse', search: 'browse', page_leave: 'browse',
    begin_checkout: 'checkout', add_shipping_info: 'checkout', add_payment_info: 'checkout', email_captured: 'identity',
    email_opt_out: 'consent', cart_item_added: 'cart', cart_quantity_changed: 'cart', cart_item_removed: 'cart',
    cart_emptied: 'cart', cart_converted: 'order', cart_merged: 'cart', order_placed: 'order', order_status_changed: 'order',
    customer_registered: 'identity', customer_updated: 'identity', login: 'identity', newsletter_opt_in: 'consent',
    newsletter_opt_out: 'consent', consent_changed: 'consent'
  };

  function eventLabel(event) {
    var type = String(event.type);
    var properties = event.properties || {};
    var plain = Object.prototype.hasOwnProperty.call(EVENT_LABELS, type) ? EVENT_LABELS[type] : type;
    if ((type === 'order_placed' || type === 'cart_converted') && !blank(properties.order_id)) {
      return (type === 'order_placed' ? 'Placed order #' : 'Cart turned into order #') + properties.order_id;
    }
    if (type === 'order_status_changed' && !blank(properties.order_id)) {
      return 'Order #' + properties.order_id + (blank(properties.status) ? ' status changed' : ' is now ' + String(properties.status).toLowerCase());
    }
    if (type === 'view_item' && !blank(properties.name)) {
      return 'Viewed product “' + properties.name + '”';
    }
    if ((type === 'cart_item_added' || type === 'cart_item_removed') && !blank(properties.name)) {
      return plain + ': ' + properties.name;
    }
    if (type === 'search' && !blank(properties.query)) {
      return 'Searched for “' + properties.query + '”';
    }
    return plain;
  }

  // The details shown under an event, in this order; the rest is under "All details".
  var DETAIL_KEYS = [
    ['name', 'Product'], ['sku', 'SKU'], ['product_id', 'Product id'], ['quantity', 'Quantity'],
    ['previous_quantity', 'Previous quantity'], ['price', 'Price'], ['value', 'Value'], ['total', 'Order value'],
    ['order_id', 'Order'], ['status', 'Status'], ['previous_status', 'Previous status'], ['item_count', 'Items'],
    ['query', 'Query'], ['result_count', 'Results'], ['list_name', 'Category'], ['category', 'Category'],
    ['title', 'Page title'], ['url', 'URL'], ['referrer', 'Referrer'], ['utm_source', 'UTM source'],
    ['utm_medium', 'UTM medium'], ['utm_campaign', 'UTM campaign'], ['utm_term', 'UTM term'],
    ['utm_content', 'UTM content'], ['seconds', 'Seconds on page'], ['channel', 'Channel'], ['granted', 'Granted'],
    ['email', 'Email'], ['first_name', 'First name'], ['last_name', 'Last name']
  ];

  var LINK_KEYS = { url: true, referrer: true };

  function eventDetails(event) {
    var properties = event.properties || {};
    var facts = el('dl', 'facts facts-small event-facts');
    DETAIL_KEYS.forEach(function (pair) {
      var key = pair[0];
      var value = properties[key];
      if (blank(value) || typeof value === 'object') {
        return;
      }
      if (key === 'price' || key === 'value' || key === 'total') {
        value = formatMoney(value, properties.currency);
      } else if (LINK_KEYS[key]) {
        value = externalLink(value);
      }
      addFact(facts, pair[1], value);
    });
    if (event.type === 'email_captured' && event.shopper && !blank(event.shopper.email) && blank(properties.email)) {
      addFact(facts, 'Email', event.shopper.email);
    }
    if (Array.isArray(properties.items) && properties.items.length) {
      addFact(facts, 'Items', properties.items.map(function (item) {
        if (!item || typeof item !== 'object') {
          return String(item);
        }
        var what = item.name || item.sku || (blank(item.product_id) ? '' : 'Product #' + item.product_id);
        return (blank(item.quantity) ? '' : item.quantity + ' × ') + what
          + (blank(item.price) ? '' : ' @ ' + formatMoney(item.price, properties.currency));
      }).join(', '));
    }
    return facts;
  }

  function allDetails(event) {
    var more = el('details', 'event-more');
    more.appendChild(el('summary', null, 'All details'));
    var facts = el('dl', 'facts facts-small');
    var properties = event.properties || {};
    Object.keys(properties).forEach(function (key) {
      addFact(facts, key, LINK_KEYS[key] && typeof properties[key] === 'string' ? externalLink(properties[key]) : properties[key]);
    });
    var shopper = event.shopper || {};
    addFact(facts, 'Visitor id', shopper.visitorId);
    addFact(facts, 'Customer id', shopper.customerId);
    addFact(facts, 'Shopper email', blank(shopper.email) ? null : shopper.email + (shopper.emailVerified ? ' (verified)' : ' (unverified)'));
    addFact(facts, 'Cart', event.cartCode);
    addFact(facts, 'Received', formatTime(event.receivedAt));
    addFact(facts, 'Event id', event.eventId);
    more.appendChild(facts);
    return more;
  }

  function timelineItem(event) {
    var item = el('li', 'event event-' + (EVENT_KINDS[String(event.type)] || 'other'));
    item.setAttribute('data-event-type', String(event.type));
    var head = el('div', 'event-head');
    head.appendChild(el('span', 'event-label', eventLabel(event)));
    var meta = el('span', 'event-meta');
    meta.appendChild(timeElement(event.occurredAt));
    meta.appendChild(el('span', 'event-source', ({ store: 'Store', browser: 'Browser', plugin: 'Plugin', import: 'Imported' })[String(event.source).toLowerCase()] || text(event.source)));
    head.appendChild(meta);
    item.appendChild(head);
    var facts = eventDetails(event);
    if (facts.firstChild) {
      item.appendChild(facts);
    }
    item.appendChild(allDetails(event));
    return item;
  }

  function appendTimeline(timeline) {
    var items = Array.isArray(timeline.items) ? timeline.items : [];
    var list = byId('timeline');
    items.forEach(function (event) {
      list.appendChild(timelineItem(event));
    });
    contactState.loaded += items.length;
    contactState.total = Number(timeline.total) || 0;
    contactState.timelinePage = Number(timeline.page) || 0;
    byId('timeline-empty').hidden = contactState.loaded > 0;
    byId('timeline-count').textContent = contactState.total
      ? 'Showing ' + contactState.loaded.toLocaleString() + ' of ' + contactState.total.toLocaleString() + ' events'
      : '';
    byId('timeline-more').hidden = contactState.loaded >= contactState.total || items.length === 0;
  }

  function loadMoreTimeline() {
    if (!contactState) {
      return;
    }
    var token = generation;
    var state = contactState;
    var button = byId('timeline-more');
    button.disabled = true;
    byId('timeline-status').textContent = 'Loading older events…';
    var url = apiUrl(contactsPath() + '/' + encodeURIComponent(state.id));
    url.searchParams.set('timelinePage', String(state.timelinePage + 1));
    url.searchParams.set('timelineSize', String(TIMELINE_PAGE_SIZE));
    api(url)
      .then(function (response) { return response.json(); })
      .then(function (details) {
        if (token !== generation || state !== contactState) {
          return;
        }
        var timeline = details.timeline || {};
        collectProductNames(timeline.items || []);
        renderProducts(state.products); // older events may name more products
        appendTimeline(timeline);
        byId('timeline-status').textContent = 'Older events loaded.';
      })
      .catch(function (error) {
        if (error === SIGN_IN) {
          showSignIn();
          return;
        }
        byId('timeline-status').textContent = 'Older events could not be loaded: ' + message(error);
      })
      .then(function () {
        button.disabled = false;
      });
  }

  // ---- Export and erase

  function exportContact() {
    if (!contactState) {
      return;
    }
    var id = contactState.id;
    var button = byId('contact-export');
    button.disabled = true;
    byId('contact-status').textContent = 'Preparing the export…';
    api(apiUrl(contactsPath() + '/' + encodeURIComponent(id) + '/export'))
      .then(function (response) { return response.blob(); })
      .then(function (blob) {
        var file = new Blob([blob], { type: 'application/json' });
        var href = URL.createObjectURL(file);
        var a = document.createElement('a');
        a.setAttribute('href', href);
        a.setAttribute('download', 'contact-' + id + '.json');
        a.hidden = true;
        document.body.appendChild(a);
        a.click();
        document.body.removeChild(a);
        setTimeout(function () { URL.revokeObjectURL(href); }, 10000);
        byId('contact-status').textContent = 'Exported to contact-' + id + '.json.';
      })
      .catch(function (error) {
        if (error === SIGN_IN) {
          showSignIn();
          return;
        }
        byId('contact-status').textContent = 'The export failed: ' + message(error);
      })
      .then(function () {
        button.disabled = false;
      });
  }

  function openEraseDialog() {
    if (!contactState) {
      return;
    }
    var dialog = byId('erase-dialog');
    var input = byId('erase-confirm');
    input.value = '';
    byId('erase-submit').disabled = true;
    byId('erase-error').hidden = true;
    setText('erase-title', 'Erase ' + byId('contact-name').textContent + '?');
    if (typeof dialog.showModal === 'function') {
      dialog.showModal();
    } else {
      dialog.setAttribute('open', '');
    }
    input.focus();
  }

  function closeEraseDialog() {
    var dialog = byId('erase-dialog');
    if (typeof dialog.close === 'function') {
      dialog.close();
    } else {
      dialog.removeAttribute('open');
    }
    byId('contact-erase').focus();
  }

  function eraseContact() {
    if (!contactState || byId('erase-confirm').value !== 'ERASE') {
      return;
    }
    var id = contactState.id;
    var who = byId('contact-name').textContent;
    var button = byId('erase-submit');
    button.disabled = true;
    var url = apiUrl(contactsPath() + '/' + encodeURIComponent(id));
    url.searchParams.set('confirm', 'erase');
    api(url, { method: 'DELETE' })
      .then(function () {
        var dialog = byId('erase-dialog');
        if (typeof dialog.close === 'function') {
          dialog.close();
        } else {
          dialog.removeAttribute('open');
        }
        contactState = null;
        flashNotice = who + ' was erased.';
        window.location.hash = contactsHash(lastQuery, 0);
      })
      .catch(function (error) {
        if (error === SIGN_IN) {
          closeEraseDialog();
          showSignIn();
          return;
        }
        var problem = byId('erase-error');
        problem.textContent = message(error);
        problem.hidden = false;
        button.disabled = false;
      });
  }

  // ---------------------------------------------------------------------------------------------
  // Segments

  var MEMBERS_PAGE_SIZE = 20;
  var PREVIEW_DELAY = 400; // ms of quiet before the live count asks the server
  var REBUILD_POLL = 600;
  var MAX_RULE_DEPTH = 5;
  var MAX_RULE_CONDITIONS = 50;

  var STAGES = { discovering: 'Discovering', considering: 'Considering', intending: 'Intending', customer: 'Customer',
    loyal: 'Loyal' };

  // What each built-in threshold is called on the form, and its unit; "code.name" overrides "name".
  var SETTING_LABELS = {
    idle_minutes: ['Idle for at least', 'minutes'],
    min_views: ['Views of one product, at least', 'views'],
    min_seconds: ['or seconds on one product, at least', 'seconds'],
    min_days: ['Only order at least', 'days ago'],
    max_days: ['and less than', 'days ago'],
    min_orders: ['Orders, at least', 'orders'],
    lead_days: ['Due from', 'days before the product runs out'],
    grace_days: ['Still due', 'days after it ran out'],
    min_spent: ['Spent more than', 'in the store\'s currency'],
    days: ['Within', 'days'],
    'browse-abandonment.days': ['Last viewed within', 'days'],
    'birthday-soon.days': ['Birthday within the next', 'days'],
    'lapsed.days': ['No visit and no order for at least', 'days'],
    'vip.days': ['Over the last', 'days'],
    'new-products-for-past-buyers.days': ['Products added within the last', 'days']
  };

  // The custom rule format (docs/segment-rules.md): profile fields and their comparisons.
  var RULE_FIELDS = {
    orders_count: { label: 'Orders', type: 'int', ops: ['gte', 'gt', 'eq', 'ne', 'lte', 'lt'], initial: '1' },
    total_spent: { label: 'Total spent', type: 'amount', ops: ['gte', 'gt', 'eq', 'ne', 'lte', 'lt'], initial: '100' },
    visits: { label: 'Visits', type: 'int', ops: ['gte', 'gt', 'eq', 'ne', 'lte', 'lt'], initial: '2' },
    cart_items: { label: 'Items in the cart', type: 'int', ops: ['gte', 'gt', 'eq', 'ne', 'lte', 'lt'], initial: '1' },
    cart_value: { label: 'Cart value', type: 'amount', ops: ['gte', 'gt', 'eq', 'ne', 'lte', 'lt'], initial: '50' },
    language: { label: 'Language', type: 'code', ops: ['eq', 'ne', 'in', 'not_in'], initial: 'en' },
    stage: { label: 'Funnel stage', type: 'choice', ops: ['eq', 'ne', 'in', 'not_in'], initial: 'considering',
      values: ['discovering', 'considering', 'intending', 'customer', 'loyal'], labels: STAGES },
    checkout_step: { label: 'Checkout step reached', type: 'choice', ops: ['eq', 'ne', 'in', 'not_in'],
      initial: 'begin_checkout', values: ['begin_checkout', 'add_shipping_info', 'add_payment_info'], labels: STEPS },
    customer: { label: 'Has a customer account', type: 'bool', ops: ['eq'], initial: 'true' },
    email: { label: 'Email address known', type: 'bool', ops: ['eq'], initial: 'true' },
    last_order_at: { label: 'Last order', type: 'days', ops: ['within_days', 'older_than_days'], initial: '30' },
    last_seen: { label: 'Last seen', type: 'days', ops: ['within_days', 'older_than_days'], initial: '30' },
    first_seen: { label: 'First seen', type: 'days', ops: ['within_days', 'older_than_days'], initial: '30' },
    cart_updated_at: { label: 'Cart last changed', type: 'days', ops: ['within_days', 'older_than_days'], initial: '1' },
    birthday: { label: 'Birthday', type: 'days', ops: ['in_next_days'], initial: '7' }
  };

  var OP_LABELS = { eq: 'is', ne: 'is not', gt: 'more than', gte: 'at least', lt: 'less than', lte: 'at most',
    in: 'is one of', not_in: 'is none of', within_days: 'in the last', older_than_days: 'more than',
    in_next_days: 'in the next' };

  var OP_UNITS = { within_days: 'days', older_than_days: 'days ago', in_next_days: 'days' };

  var RULE_EVENTS = ['view_item', 'view_item_list', 'page_view', 'search', 'cart_item_added', 'cart_item_removed',
    'cart_quantity_changed', 'cart_emptied', 'begin_checkout', 'add_shipping_info', 'add_payment_info',
    'order_placed', 'order_status_changed', 'cart_converted', 'cart_merged', 'email_captured', 'email_opt_out',
    'customer_registered', 'customer_updated', 'login', 'newsletter_opt_in', 'newsletter_opt_out',
    'consent_changed', 'page_leave'];

  var segmentState = null; // { id, segment, page, builder, rebuild: {...} }
  var segmentsNotice = null;
  var pendingRebuild = null; // a segment just created: its first rebuild is watched when it opens
  var previewTimer = null;
  var previewSeq = 0;
  var exportAbort = null;
  var newSegmentForm = { builder: null, codeEdited: false, preview: null };

  function segmentsPath() {
    return String(config.segmentsUrl || '/api/v1/private/remarketing/segments');
  }

  function segmentUrl(id, suffix) {
    return apiUrl(segmentsPath() + '/' + encodeURIComponent(String(id)) + (suffix || ''));
  }

  function segmentHash(id, page) {
    return '#/segments/' + encodeURIComponent(String(id)) + (page ? '?page=' + page : '');
  }

  function readJson(response) {
    return response.json();
  }

  /** An error handler that ignores answers to an earlier route and sends a lost session to sign-in. */
  function whenCurrent(token, handle) {
    return function (error) {
      if (token !== generation) {
        return;
      }
      if (error === SIGN_IN) {
        showSignIn();
        return;
      }
      handle(error);
    };
  }

  /** Stops what belongs to the segment screen that is being left: polls, live counts, an export. */
  function stopSegmentWork() {
    if (segmentState && segmentState.rebuild) {
      clearTimeout(segmentState.rebuild.timer);
    }
    segmentState = null;
    clearTimeout(previewTimer);
    previewSeq++;
    if (exportAbort) {
      exportAbort.abort();
      exportAbort = null;
    }
  }

  // ---- The list

  function setSegmentsState(state) {
    byId('segments-error').hidden = state !== 'error';
    byId('segments-results').hidden = state !== 'results';
    byId('view-segments').setAttribute('aria-busy', state === 'loading' ? 'true' : 'false');
  }

  function listSegments(token) {
    if (!readToken()) {
      showSignIn();
      return;
    }
    var firstShow = byId('view-segments').hidden;
    showView('segments', 'Segments');
    setSegmentsState('loading');
    byId('segments-status').textContent = 'Loading segments…';
    var notice = byId('segments-notice');
    notice.hidden = !segmentsNotice;
    notice.textContent = segmentsNotice || '';
    if (firstShow && !segmentsNotice) {
      focusHeading('segments');
    }
    segmentsNotice = null;
    api(apiUrl(segmentsPath()))
      .then(readJson)
      .then(function (list) {
        if (token === generation) {
          renderSegments(Array.isArray(list.items) ? list.items : []);
        }
      })
      .catch(whenCurrent(token, function (error) {
        byId('segments-status').textContent = '';
        setText('segments-error-detail', message(error));
        setSegmentsState('error');
      }));
  }

  function renderSegments(items) {
    var rows = byId('segments-rows');
    clear(rows);
    items.forEach(function (segment) {
      var row = el('tr');
      row.setAttribute('data-segment-code', String(segment.code));
      var about = el('td', 'cell-segment');
      var title = el('div', 'segment-title');
      title.appendChild(appLink(segmentHash(segment.id), segment.name));
      title.appendChild(kindBadge(segment));
      if (!segment.enabled) {
        title.appendChild(el('span', 'badge badge-warn', 'Paused'));
      }
      about.appendChild(title);
      aboutLines(segment).forEach(function (line) {
        about.appendChild(el('p', 'segment-about', line));
      });
      row.appendChild(about);
      cell(row, formatNumber(segment.memberCount), 'num segment-size');
      cell(row, sparkline(segment.sizes || []), 'cell-sparkline');
      cell(row, membershipState(segment), 'cell-state');
      rows.appendChild(row);
    });
    byId('segments-status').textContent = items.length === 1 ? '1 segment' : items.length.toLocaleString() + ' segments';
    setSegmentsState('results');
  }

  function kindBadge(segment) {
    return el('span', 'badge ' + (segment.builtin ? 'badge-muted' : 'badge-custom'), segment.builtin ? 'Built-in' : 'Custom');
  }

  /** The administrator's description, then the plain-language rule when it says something else. */
  function aboutLines(segment) {
    var lines = [];
    if (!blank(segment.description)) {
      lines.push(String(segment.description));
    }
    if (!blank(segment.explanation) && segment.explanation !== segment.description) {
      lines.push(String(segment.explanation));
    }
    return lines;
  }

  function membershipState(segment) {
    var rebuild = segment.rebuild || {};
    if (!blank(segment.problem)) {
      return el('span', 'state state-error', 'Cannot be evaluated');
    }
    if (!segment.enabled) {
      return el('span', 'state state-muted', 'Paused: not kept current');
    }
    if (rebuild.state === 'RUNNING') {
      return el('span', 'state', 'Rebuilding… ' + percent(rebuild) + '%');
    }
    if (rebuild.state === 'FAILED') {
      return el('span', 'state state-error', 'Last rebuild failed');
    }
    var state = el('span', 'state state-ok', 'Kept current');
    if (!blank(rebuild.rebuiltAt)) {
      state.setAttribute('title', 'Last rebuilt ' + formatTime(rebuild.rebuiltAt));
    }
    return state;
  }

  function percent(rebuild) {
    var total = Number(rebuild.total) || 0;
    return total > 0 ? Math.min(100, Math.floor((Number(rebuild.done) || 0) * 100 / total)) : 0;
  }

  /** Size over time as a small line (an SVG cloned from the page's template), described in its title. */
  function sparkline(sizes) {
    var counts = sizes.map(function (size) { return Number(size.count) || 0; });
    if (!counts.length) {
      return el('span', 'sparkline-none', 'No size history yet');
    }
    var svg = document.importNode(byId('sparkline-template').content.querySelector('svg'), true);
    var series = counts.length === 1 ? [counts[0], counts[0]] : counts;
    var low = Math.min.apply(null, series);
    var high = Math.max.apply(null, series);
    var width = 120;
    var height = 32;
    var points = series.map(function (count, i) {
      var x = i * width / (series.length - 1);
      var y = high === low ? height / 2 : height - 2 - (count - low) * (height - 4) / (high - low);
      return x.toFixed(1) + ',' + y.toFixed(1);
    }).join(' ');
    svg.querySelector('.sparkline-line').setAttribute('points', points);
    svg.querySelector('.sparkline-area').setAttribute('points', '0,' + height + ' ' + points + ' ' + width + ',' + height);
    var summary = 'Members over the last ' + (counts.length === 1 ? 'day' : counts.length + ' days') + ': '
      + formatNumber(counts[0]) + ' to ' + formatNumber(counts[counts.length - 1])
      + ' (lowest ' + formatNumber(low) + ', highest ' + formatNumber(high) + ')';
    svg.querySelector('title').textContent = summary;
    svg.setAttribute('aria-label', summary);
    svg.setAttribute('data-points', String(counts.length));
    return svg;
  }

  // ---- One segment

  function openSegment(id, page, token) {
    if (!readToken()) {
      showSignIn();
      return;
    }
    if (segmentState && segmentState.id === id && !byId('view-segment').hidden) {
      segmentState.page = page; // another page of members, nothing else changes
      loadMembers(page);
      return;
    }
    showView('segment', 'Segment');
    byId('view-segment').hidden = true;
    showLoading('Loading the segment…');
    var state = { id: id, page: page, segment: null, builder: null, rebuild: null };
    segmentState = state;
    Promise.all([api(segmentUrl(id)).then(readJson), segmentChoices()])
      .then(function (answers) {
        if (token !== generation || state !== segmentState) {
          return;
        }
        byId('loading').hidden = true;
        byId('view-segment').hidden = false;
        byId('segment-error').hidden = true;
        byId('segment').hidden = false;
        state.choices = answers[1];
        renderSegment(answers[0]);
        fillSegmentForm(answers[0]);
        focusHeading('segment');
        loadMembers(page);
        if (pendingRebuild && pendingRebuild === id) {
          pendingRebuild = null;
          watchRebuild(null, 'Counting the members of the new segment…');
        }
      })
      .catch(whenCurrent(token, function (error) {
        byId('loading').hidden = true;
        byId('view-segment').hidden = false;
        byId('segment').hidden = true;
        setText('segment-error-detail', message(error));
        byId('segment-error').hidden = false;
      }));
  }

  /** The segments a rule may refer to, for the rule builder: [{code, name}]. */
  function segmentChoices() {
    return api(apiUrl(segmentsPath()))
      .then(readJson)
      .then(function (list) {
        return (Array.isArray(list.items) ? list.items : []).map(function (segment) {
          return { code: String(segment.code), name: String(segment.name) };
        });
      });
  }

  /** What changes while the screen is open: names, counts, state. The form is filled separately. */
  function renderSegment(segment) {
    segmentState.segment = segment;
    setText('segment-name', segment.name);
    document.title = 'Remarketing · ' + segment.name;
    setText('segment-code', segment.code);
    var kind = byId('segment-kind');
    kind.textContent = segment.builtin ? 'Built-in' : 'Custom';
    kind.className = 'badge ' + (segment.builtin ? 'badge-muted' : 'badge-custom');
    byId('segment-paused').hidden = !!segment.enabled;
    var explanation = byId('segment-explanation');
    explanation.textContent = blank(segment.explanation) ? '' : String(segment.explanation);
    explanation.hidden = blank(segment.explanation);
    var description = byId('segment-description');
    var own = !blank(segment.description) && segment.description !== segment.explanation;
    description.textContent = own ? String(segment.description) : '';
    description.hidden = !own;
    byId('segment-problem').hidden = blank(segment.problem);
    byId('segment-problem-detail').textContent = blank(segment.problem) ? '' : String(segment.problem);
    byId('segment-delete').hidden = !!segment.builtin;
    setText('segment-members', formatNumber(segment.memberCount));
    replace('segment-sparkline', sparkline(segment.sizes || []));
    renderRebuild(segment);
  }

  function renderRebuild(segment) {
    var rebuild = segment.rebuild || {};
    var watching = segmentState && segmentState.rebuild;
    var progress = byId('segment-rebuild-progress');
    var state = byId('segment-rebuild-state');
    if (rebuild.state === 'RUNNING') {
      progress.hidden = false;
      progress.max = Math.max(1, Number(rebuild.total) || 0);
      progress.value = Math.min(progress.max, Number(rebuild.done) || 0);
      state.textContent = 'Rebuilding… ' + percent(rebuild) + '%';
    } else if (watching) {
      progress.hidden = false;
      progress.removeAttribute('value'); // indeterminate: waiting for its turn
      state.textContent = 'Queued: starts after the work in progress';
    } else {
      progress.hidden = true;
      state.textContent = rebuild.state === 'FAILED' ? 'The last rebuild failed'
        : (rebuild.state === 'DONE' ? 'Up to date' : 'Not rebuilt yet');
    }
    byId('segment-rebuild-state').setAttribute('data-state', String(rebuild.state || ''));
    byId('segment-rebuilt-at').textContent = blank(rebuild.rebuiltAt) ? '' : 'Last rebuilt ' + formatTime(rebuild.rebuiltAt) + '.';
    byId('segment-rebuild').disabled = !!watching || rebuild.state === 'RUNNING';
  }

  /**
   * Follows a queued rebuild until the segment says it is done (a rebuild newer than the one
   * before) or failed, showing its progress; then the members are read again.
   */
  function watchRebuild(previousRebuiltAt, label) {
    var state = segmentState;
    if (!state) {
      return;
    }
    var before = (state.segment && state.segment.rebuild) || {};
    state.rebuild = { from: previousRebuiltAt, failedBefore: before.state === 'FAILED', sawRunning: false, timer: null };
    byId('segment-status').textContent = label;
    renderRebuild(state.segment);
    function poll() {
      api(segmentUrl(state.id))
        .then(readJson)
        .then(function (segment) {
          if (state !== segmentState || !state.rebuild) {
            return;
          }
          var rebuild = segment.rebuild || {};
          var watch = state.rebuild;
          watch.sawRunning = watch.sawRunning || rebuild.state === 'RUNNING';
          var done = rebuild.state === 'DONE' && !blank(rebuild.rebuiltAt) && rebuild.rebuiltAt !== watch.from;
          var failed = rebuild.state === 'FAILED' && (watch.sawRunning || !watch.failedBefore);
          if (done || failed) {
            state.rebuild = null;
            renderSegment(segment);
            byId('segment-status').textContent = failed ? 'The rebuild failed: the store\'s log says why.'
              : 'Rebuilt: ' + (segment.memberCount === 1 ? '1 member.' : formatNumber(segment.memberCount) + ' members.');
            loadMembers(state.page);
            return;
          }
          renderSegment(segment);
          watch.timer = setTimeout(poll, REBUILD_POLL);
        })
        .catch(function (error) {
          if (state !== segmentState) {
            return;
          }
          if (error === SIGN_IN) {
            showSignIn();
            return;
          }
          state.rebuild = null;
          renderRebuild(state.segment);
          byId('segment-status').textContent = 'The rebuild\'s progress could not be read: ' + message(error);
        });
    }
    state.rebuild.timer = setTimeout(poll, REBUILD_POLL / 2);
  }

  function rebuildSegment() {
    var state = segmentState;
    if (!state || !state.segment) {
      return;
    }
    var previous = (state.segment.rebuild || {}).rebuiltAt || null;
    byId('segment-rebuild').disabled = true;
    api(segmentUrl(state.id, '/rebuild'), { method: 'POST' })
      .then(readJson)
      .then(function () {
        if (state === segmentState) {
          watchRebuild(previous, 'Rebuild requested.');
        }
      })
      .catch(function (error) {
        if (error === SIGN_IN) {
          showSignIn();
          return;
        }
        if (state === segmentState) {
          byId('segment-status').textContent = 'The rebuild could not be started: ' + message(error);
          byId('segment-rebuild').disabled = false;
        }
      });
  }

  // ---- Members

  function loadMembers(page) {
    var state = segmentState;
    var url = segmentUrl(state.id, '/members');
    url.searchParams.set('page', String(page));
    url.searchParams.set('size', String(MEMBERS_PAGE_SIZE));
    api(url)
      .then(readJson)
      .then(function (found) {
        if (state === segmentState) {
          renderMembers(found);
        }
      })
      .catch(function (error) {
        if (error === SIGN_IN) {
          showSignIn();
          return;
        }
        if (state === segmentState) {
          byId('members-count').textContent = 'The members could not be loaded: ' + message(error);
        }
      });
  }

  function renderMembers(found) {
    var items = Array.isArray(found.items) ? found.items : [];
    var total = Number(found.total) || 0;
    var page = Number(found.page) || 0;
    var size = Number(found.size) || MEMBERS_PAGE_SIZE;
    var pages = Math.max(1, Math.ceil(total / size));
    var rows = byId('members-rows');
    clear(rows);
    items.forEach(function (member) {
      var row = el('tr');
      row.setAttribute('data-contact-id', String(member.contactId));
      var name = fullName(member);
      var link = appLink('#/contacts/' + encodeURIComponent(String(member.contactId)),
        name || member.email || 'Contact #' + member.contactId);
      if (!name) {
        link.classList.add('muted-link');
      }
      cell(row, link, 'cell-name');
      cell(row, member.email, 'cell-email');
      cell(row, label(STAGES, member.stage));
      cell(row, member.language);
      cell(row, timeElement(member.enteredAt));
      rows.appendChild(row);
    });
    byId('members-empty').hidden = items.length > 0;
    byId('members-table').hidden = items.length === 0;
    var onePage = total <= size && page === 0;
    byId('members-pager').hidden = onePage;
    byId('members-table').parentNode.classList.toggle('table-wrap-paged', !onePage);
    byId('members-count').textContent = items.length
      ? 'Showing ' + (page * size + 1).toLocaleString() + '–' + (page * size + items.length).toLocaleString()
        + ' of ' + total.toLocaleString() + ', newest first'
      : '';
    setText('members-page-info', 'Page ' + (page + 1).toLocaleString() + ' of ' + pages.toLocaleString());
    var id = segmentState.id;
    byId('members-prev').disabled = page <= 0;
    byId('members-next').disabled = page + 1 >= pages;
    byId('members-prev').onclick = function () { window.location.hash = segmentHash(id, page - 1); };
    byId('members-next').onclick = function () { window.location.hash = segmentHash(id, page + 1); };
  }

  // ---- Export

  /**
   * Streams the CSV export, counting rows as they arrive against the member count for the
   * progress bar, then hands the file to the browser.
   */
  function exportSegment() {
    var state = segmentState;
    if (!state || !state.segment || exportAbort) {
      return;
    }
    var segment = state.segment;
    var expected = Math.max(0, Number(segment.memberCount) || 0);
    var progress = byId('segment-export-progress');
    var status = byId('segment-export-status');
    var button = byId('segment-export');
    var filename = 'segment-' + segment.code + '.csv';
    var controller = typeof AbortController === 'function' ? new AbortController() : null;
    exportAbort = controller || { abort: function () {} };
    button.disabled = true;
    progress.hidden = false;
    progress.max = Math.max(1, expected);
    progress.value = 0;
    progress.removeAttribute('data-done');
    status.textContent = 'Exporting…';
    var chunks = [];
    var newlines = 0;
    api(segmentUrl(state.id, '/export'), { accept: 'text/csv', signal: controller ? controller.signal : undefined })
      .then(function (response) {
        var reader = response.body.getReader();
        function pump() {
          return reader.read().then(function (result) {
            if (result.done) {
              return;
            }
            var bytes = result.value;
            chunks.push(bytes);
            for (var i = 0; i < bytes.length; i++) {
              if (bytes[i] === 10) {
                newlines++;
              }
            }
            var rows = Math.max(0, newlines - 1); // the header is the first line
            progress.max = Math.max(1, expected, rows);
            progress.value = rows;
            status.textContent = 'Exporting… ' + rows.toLocaleString() + ' of ' + expected.toLocaleString() + ' rows';
            return pump();
          });
        }
        return pump();
      })
      .then(function () {
        var rows = Math.max(0, newlines - 1);
        progress.max = Math.max(1, rows);
        progress.value = progress.max;
        progress.setAttribute('data-done', 'true');
        var href = URL.createObjectURL(new Blob(chunks, { type: 'text/csv' }));
        var a = document.createElement('a');
        a.setAttribute('href', href);
        a.setAttribute('download', filename);
        a.hidden = true;
        document.body.appendChild(a);
        a.click();
        document.body.removeChild(a);
        setTimeout(function () { URL.revokeObjectURL(href); }, 10000);
        status.textContent = 'Exported ' + (rows === 1 ? '1 member' : rows.toLocaleString() + ' members') + ' to ' + filename + '.';
      })
      .catch(function (error) {
        if (error === SIGN_IN) {
          showSignIn();
          return;
        }
        if (error && error.name === 'AbortError') {
          return;
        }
        progress.hidden = true;
        status.textContent = 'The export failed: ' + message(error);
      })
      .then(function () {
        if (exportAbort === controller || !controller) {
          exportAbort = null;
        }
        button.disabled = false;
      });
  }

  // ---- Settings: name, description, on/off, thresholds or rule

  function fillSegmentForm(segment) {
    byId('segment-name-input').value = String(segment.name || '');
    byId('segment-description-input').value = blank(segment.description) ? '' : String(segment.description);
    byId('segment-enabled').checked = !!segment.enabled;
    byId('segment-form-error').hidden = true;
    var count = byId('segment-count');
    count.textContent = '';
    count.removeAttribute('data-count');
    byId('segment-thresholds').hidden = !segment.builtin;
    byId('segment-rule').hidden = !!segment.builtin;
    if (segment.builtin) {
      renderThresholds(segment);
      segmentState.builder = null;
    } else {
      var choices = (segmentState.choices || []).filter(function (choice) { return choice.code !== segment.code; });
      segmentState.builder = ruleBuilder(byId('segment-rule'), segment.rule, choices, segmentPreview);
    }
  }

  function settingLabel(code, name) {
    return SETTING_LABELS[code + '.' + name] || SETTING_LABELS[name] || [humanKey(name), ''];
  }

  function renderThresholds(segment) {
    var fields = byId('segment-threshold-fields');
    clear(fields);
    (segment.settings || []).forEach(function (setting) {
      var id = 'threshold-' + String(setting.name).replace(/[^a-z0-9_]/g, '');
      var words = settingLabel(segment.code, setting.name);
      var name = el('label', 'field-label', words[0]);
      name.setAttribute('for', id);
      var wrap = el('div', 'threshold');
      var row = el('div', 'threshold-row');
      var input = el('input', 'input input-number');
      input.type = 'number';
      input.id = id;
      input.min = String(setting.min);
      input.max = String(setting.max);
      input.step = '1';
      input.required = true;
      input.value = String(setting.value);
      input.setAttribute('data-setting', String(setting.name));
      input.setAttribute('aria-describedby', id + '-hint');
      input.addEventListener('input', segmentPreview);
      row.appendChild(input);
      row.appendChild(el('span', 'unit', words[1]));
      wrap.appendChild(row);
      var hint = el('p', 'hint', 'From ' + formatNumber(setting.min) + ' to ' + formatNumber(setting.max)
        + ' · default ' + formatNumber(setting.defaultValue));
      hint.id = id + '-hint';
      wrap.appendChild(hint);
      fields.appendChild(name);
      fields.appendChild(wrap);
    });
  }

  /** The thresholds on the form: whole numbers as numbers, anything else as typed (the server says why not). */
  function thresholdValues() {
    var values = {};
    Array.prototype.forEach.call(document.querySelectorAll('#segment-threshold-fields [data-setting]'), function (input) {
      var value = input.value.trim();
      values[input.getAttribute('data-setting')] = /^-?\d{1,12}$/.test(value) ? parseInt(value, 10) : value;
    });
    return values;
  }

  /** Asks for the live count (debounced), dropping answers overtaken by a later change. */
  function countLater(output, body, describe, wording) {
    clearTimeout(previewTimer);
    var seq = ++previewSeq;
    output.classList.remove('live-count-error');
    if (body === null) {
      output.textContent = 'Add a condition to see how many contacts match.';
      output.removeAttribute('data-count');
      return;
    }
    output.textContent = 'Counting…';
    output.removeAttribute('data-count');
    previewTimer = setTimeout(function () {
      api(apiUrl(segmentsPath() + '/preview'), { method: 'POST', body: body })
        .then(readJson)
        .then(function (answer) {
          if (seq !== previewSeq) {
            return;
          }
          var count = Number(answer.count) || 0;
          output.textContent = (count === 1 ? '1 contact matches' : formatNumber(count) + ' contacts match')
            + (wording || ' now.');
          output.setAttribute('data-count', String(count));
          if (describe) {
            describe(answer);
          }
        })
        .catch(function (error) {
          if (seq !== previewSeq) {
            return;
          }
          if (error === SIGN_IN) {
            showSignIn();
            return;
          }
          output.textContent = message(error);
          output.classList.add('live-count-error');
        });
    }, PREVIEW_DELAY);
  }

  function segmentPreview() {
    var state = segmentState;
    if (!state || !state.segment) {
      return;
    }
    var output = byId('segment-count');
    if (state.segment.builtin) {
      countLater(output, { code: state.segment.code, settings: thresholdValues() }, function (answer) {
        if (!blank(answer.explanation)) {
          byId('segment-explanation').textContent = String(answer.explanation);
        }
      }, ' these thresholds now (not saved yet).');
    } else if (state.builder) {
      countRule(output, state.builder);
    }
  }

  /** The live count of a rule being built, or why it cannot be counted. */
  function countRule(output, builder) {
    var rule = builder.rule();
    if (!rule.ok) {
      clearTimeout(previewTimer);
      previewSeq++;
      output.textContent = rule.error;
      output.classList.add('live-count-error');
      output.removeAttribute('data-count');
      return;
    }
    countLater(output, rule.empty ? null : { rule: rule.value }, null);
  }

  function saveSegment(event) {
    event.preventDefault();
    var state = segmentState;
    if (!state || !state.segment) {
      return;
    }
    var segment = state.segment;
    var problem = byId('segment-form-error');
    problem.hidden = true;
    var body = {
      name: byId('segment-name-input').value.trim(),
      description: byId('segment-description-input').value.trim(),
      enabled: byId('segment-enabled').checked
    };
    if (!body.name) {
      showFormError(problem, 'Give the segment a name.');
      return;
    }
    if (segment.builtin) {
      body.settings = thresholdValues();
    } else if (state.builder) {
      var rule = state.builder.rule();
      if (!rule.ok) {
        showFormError(problem, rule.error);
        return;
      }
      body.rule = rule.value;
    }
    var previous = (segment.rebuild || {}).rebuiltAt || null;
    var button = byId('segment-save');
    button.disabled = true;
    api(segmentUrl(state.id), { method: 'PUT', body: body })
      .then(readJson)
      .then(function (saved) {
        if (state !== segmentState) {
          return;
        }
        renderSegment(saved);
        fillSegmentForm(saved);
        byId('segment-status').textContent = 'Saved.';
        if (saved.rebuildQueued) {
          watchRebuild(previous, 'Saved. Its members are being counted again…');
        }
      })
      .catch(function (error) {
        if (error === SIGN_IN) {
          showSignIn();
          return;
        }
        if (state === segmentState) {
          showFormError(problem, message(error));
        }
      })
      .then(function () {
        button.disabled = false;
      });
  }

  function showFormError(element, text) {
    element.textContent = text;
    element.hidden = false;
  }

  // ---- Deleting a custom segment

  function openDeleteDialog() {
    if (!segmentState || !segmentState.segment || segmentState.segment.builtin) {
      return;
    }
    setText('segment-delete-title', 'Delete ' + segmentState.segment.name + '?');
    byId('segment-delete-error').hidden = true;
    byId('segment-delete-submit').disabled = false;
    var dialog = byId('segment-delete-dialog');
    if (typeof dialog.showModal === 'function') {
      dialog.showModal();
    } else {
      dialog.setAttribute('open', '');
    }
    byId('segment-delete-cancel').focus();
  }

  function closeDialog(id) {
    var dialog = byId(id);
    if (typeof dialog.close === 'function') {
      dialog.close();
    } else {
      dialog.removeAttribute('open');
    }
  }

  function deleteSegment() {
    var state = segmentState;
    if (!state || !state.segment) {
      return;
    }
    var name = state.segment.name;
    byId('segment-delete-submit').disabled = true;
    api(segmentUrl(state.id), { method: 'DELETE' })
      .then(function () {
        closeDialog('segment-delete-dialog');
        segmentsNotice = name + ' was deleted.';
        window.location.hash = '#/segments';
      })
      .catch(function (error) {
        if (error === SIGN_IN) {
          closeDialog('segment-delete-dialog');
          showSignIn();
          return;
        }
        showFormError(byId('segment-delete-error'), message(error));
        byId('segment-delete-submit').disabled = false;
      });
  }

  // ---- A new custom segment

  function newSegment(token) {
    if (!readToken()) {
      showSignIn();
      return;
    }
    showView('segment-new', 'New segment');
    byId('new-segment-name').value = '';
    byId('new-segment-code').value = '';
    byId('new-segment-description').value = '';
    byId('new-segment-error').hidden = true;
    newSegmentForm.codeEdited = false;
    var output = byId('new-segment-count');
    output.textContent = '';
    output.removeAttribute('data-count');
    clear(byId('new-segment-rule'));
    focusHeading('segment-new');
    segmentChoices()
      .then(function (choices) {
        if (token !== generation) {
          return;
        }
        var starter = { all: [{ field: 'orders_count', op: 'gte', value: 1 }] };
        newSegmentForm.builder = ruleBuilder(byId('new-segment-rule'), starter, choices, newSegmentPreview);
        newSegmentPreview();
      })
      .catch(whenCurrent(token, function (error) {
        showFormError(byId('new-segment-error'), message(error));
      }));
  }

  function newSegmentPreview() {
    var builder = newSegmentForm.builder;
    if (!builder) {
      return;
    }
    countRule(byId('new-segment-count'), builder);
  }

  /** A code from a name: lower-case ASCII letters and digits joined by dashes. */
  function codeFrom(name) {
    return String(name).normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'd')
      .toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64).replace(/-+$/, '');
  }

  function createSegment(event) {
    event.preventDefault();
    var problem = byId('new-segment-error');
    problem.hidden = true;
    var builder = newSegmentForm.builder;
    var name = byId('new-segment-name').value.trim();
    var code = byId('new-segment-code').value.trim();
    if (!name) {
      showFormError(problem, 'Give the segment a name.');
      return;
    }
    if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(code)) {
      showFormError(problem, 'The code must be lower-case letters, digits and dashes, starting with a letter or a digit.');
      return;
    }
    var rule = builder ? builder.rule() : { ok: false, error: 'The rule is still loading.' };
    if (!rule.ok || rule.empty) {
      showFormError(problem, rule.ok ? 'Add at least one condition.' : rule.error);
      return;
    }
    var button = byId('new-segment-save');
    button.disabled = true;
    api(apiUrl(segmentsPath()), { method: 'POST', body: { code: code, name: name,
      description: byId('new-segment-description').value.trim(), rule: rule.value } })
      .then(readJson)
      .then(function (created) {
        segmentsNotice = null;
        pendingRebuild = String(created.id);
        window.location.hash = segmentHash(created.id);
      })
      .catch(function (error) {
        if (error === SIGN_IN) {
          showSignIn();
          return;
        }
        showFormError(problem, message(error));
      })
      .then(function () {
        button.disabled = false;
      });
  }

  // ---- The rule builder

  function select(options, value, name) {
    var control = el('select', 'input input-inline');
    control.setAttribute('aria-label', name);
    options.forEach(function (pair) {
      var option = el('option', null, pair[1]);
      option.value = String(pair[0]);
      option.selected = String(pair[0]) === String(value);
      control.appendChild(option);
    });
    return control;
  }

  function numberInput(value, min, max, name) {
    var input = el('input', 'input input-inline input-number');
    input.type = 'number';
    input.min = String(min);
    input.max = String(max);
    input.step = 'any';
    input.value = blank(value) ? '' : String(value);
    input.setAttribute('aria-label', name);
    return input;
  }

  function textInput(value, placeholder, name) {
    var input = el('input', 'input input-inline');
    input.type = 'text';
    input.maxLength = 200;
    input.placeholder = placeholder;
    input.value = blank(value) ? '' : String(value);
    input.setAttribute('aria-label', name);
    input.spellcheck = false;
    return input;
  }

  function newCondition(kind, choices) {
    if (kind === 'event') {
      return { kind: 'event', did: true, events: ['view_item'], min: '1', days: '30', productId: '', category: '' };
    }
    if (kind === 'segment') {
      return { kind: 'segment', segment: choices.length ? choices[0].code : '', member: true };
    }
    if (kind === 'consent') {
      return { kind: 'consent', channel: 'email', granted: true };
    }
    return { kind: 'field', field: 'orders_count', op: 'gte', value: '1' };
  }

  function isList(op) {
    return op === 'in' || op === 'not_in';
  }

  /** A stored rule as the builder's model; throws when it holds something the builder cannot show. */
  function toModel(node) {
    if (!node || typeof node !== 'object' || Array.isArray(node)) {
      throw new Error('not a rule');
    }
    if (Array.isArray(node.all) || Array.isArray(node.any)) {
      return { kind: 'group', op: Array.isArray(node.all) ? 'all' : 'any', items: (node.all || node.any).map(toModel) };
    }
    if (node.not !== undefined) {
      var inner = node.not;
      if (inner && (Array.isArray(inner.all) || Array.isArray(inner.any))) {
        var group = toModel(inner);
        group.op = group.op === 'all' ? 'notall' : 'none';
        return group;
      }
      if (inner && inner.event !== undefined) {
        var negated = toModel(inner);
        negated.did = false;
        return negated;
      }
      return { kind: 'group', op: 'none', items: [toModel(inner)] };
    }
    if (typeof node.field === 'string') {
      var def = RULE_FIELDS[node.field];
      if (!def) {
        throw new Error('unknown field');
      }
      var value = node.value;
      if (Array.isArray(value)) {
        value = def.type === 'choice' ? value.map(String) : value.join(', ');
      }
      return { kind: 'field', field: node.field, op: String(node.op), value: Array.isArray(value) ? value : String(value) };
    }
    if (node.event !== undefined) {
      return { kind: 'event', did: true, events: (Array.isArray(node.event) ? node.event : [node.event]).map(String),
        min: blank(node.min) ? '1' : String(node.min), days: blank(node.days) ? '' : String(node.days),
        productId: blank(node.product_id) ? '' : String(node.product_id),
        category: blank(node.category) ? '' : String(node.category) };
    }
    if (node.segment !== undefined) {
      return { kind: 'segment', segment: String(node.segment), member: node.member !== false };
    }
    if (node.consent !== undefined) {
      return { kind: 'consent', channel: String(node.consent).toLowerCase(), granted: node.granted !== false };
    }
    throw new Error('unknown condition');
  }

  function wholeOrText(value) {
    var text = String(value).trim();
    return /^\d{1,12}$/.test(text) ? parseInt(text, 10) : text;
  }

  function numberOrText(value) {
    var text = String(value).trim();
    return /^\d{1,13}(\.\d{1,2})?$/.test(text) ? Number(text) : text;
  }

  /** The builder's model as the documented JSON; empty groups are left out. */
  function toRule(node) {
    if (node.kind === 'group') {
      var items = node.items.map(toRule).filter(function (item) { return item !== null; });
      if (!items.length) {
        return null;
      }
      var group = {};
      group[node.op === 'all' || node.op === 'notall' ? 'all' : 'any'] = items;
      return node.op === 'none' || node.op === 'notall' ? { not: group } : group;
    }
    if (node.kind === 'field') {
      var def = RULE_FIELDS[node.field];
      var value = node.value;
      if (def.type === 'bool') {
        value = String(value) === 'true';
      } else if (def.type === 'int' || def.type === 'days') {
        value = wholeOrText(value);
      } else if (def.type === 'amount') {
        value = numberOrText(value);
      } else if (isList(node.op)) {
        value = (Array.isArray(value) ? value : String(value).split(','))
          .map(function (part) { return String(part).trim().toLowerCase(); })
          .filter(function (part) { return part !== ''; });
      } else {
        value = String(Array.isArray(value) ? value[0] || '' : value).trim().toLowerCase();
      }
      return { field: node.field, op: node.op, value: value };
    }
    if (node.kind === 'event') {
      var condition = { event: node.events.length === 1 ? node.events[0] : node.events.slice() };
      if (!blank(node.productId) && String(node.productId).trim() !== '') {
        condition.product_id = wholeOrText(node.productId);
      }
      if (!blank(node.category) && String(node.category).trim() !== '') {
        condition.category = String(node.category).trim();
      }
      if (String(node.min).trim() !== '1') {
        condition.min = wholeOrText(node.min);
      }
      condition.days = wholeOrText(node.days);
      return node.did ? condition : { not: condition };
    }
    if (node.kind === 'segment') {
      return { segment: node.segment, member: !!node.member };
    }
    return { consent: node.channel, granted: !!node.granted };
  }

  function countConditions(node) {
    if (node.kind !== 'group') {
      return 1;
    }
    return node.items.reduce(function (sum, item) { return sum + countConditions(item); }, 0);
  }

  /**
   * The rule builder: AND / OR groups of conditions on profile fields, activity in a time window,
   * membership of another segment and consent, drawn from a model that is written out as the
   * rule's JSON on every change. A rule it cannot show is edited as JSON instead.
   */
  function ruleBuilder(container, rule, choices, onChange) {
    var root = null;
    var rawText = null;
    try {
      root = rule ? toModel(rule) : { kind: 'group', op: 'all', items: [] };
      if (root.kind !== 'group') {
        root = { kind: 'group', op: 'all', items: [root] };
      }
    } catch (e) {
      rawText = JSON.stringify(rule, null, 2);
    }
    var jsonView = el('pre', 'rule-json-text');

    function changed() {
      if (root) {
        var value = toRule(root);
        jsonView.textContent = value ? JSON.stringify(value, null, 2) : '(no condition yet)';
      }
      onChange();
    }

    function rerender() {
      render();
      changed();
    }

    /** Keeps the model in step with a control: set(value) on every change, then the count and JSON. */
    function follow(control, type, set) {
      control.addEventListener(type, function () {
        set(control.value);
        changed();
      });
    }

    function render() {
      clear(container);
      if (!root) {
        container.appendChild(el('p', 'hint', 'This rule uses parts the builder cannot show: edit it as JSON (see the segment rules guide).'));
        var area = el('textarea', 'input rule-raw');
        area.rows = 12;
        area.spellcheck = false;
        area.value = rawText || '';
        area.setAttribute('aria-label', 'Rule as JSON');
        area.addEventListener('input', function () {
          rawText = area.value;
          onChange();
        });
        container.appendChild(area);
        return;
      }
      container.appendChild(el('h3', 'rule-title', 'Who belongs to it'));
      container.appendChild(renderGroup(root, 1, null));
      var details = el('details', 'rule-json');
      details.appendChild(el('summary', null, 'Rule as JSON'));
      details.appendChild(jsonView);
      container.appendChild(details);
    }

    function renderGroup(group, depth, parent) {
      var box = el('div', 'rule-group');
      box.setAttribute('data-depth', String(depth));
      var head = el('div', 'rule-group-head');
      head.appendChild(el('span', 'rule-lead', depth === 1 ? 'Contacts for whom' : 'A group where'));
      var op = select([['all', 'all of these hold'], ['any', 'any of these holds'], ['none', 'none of these holds'],
        ['notall', 'not all of these hold']], group.op, 'How the conditions combine');
      op.classList.add('rule-group-op');
      op.addEventListener('change', function () {
        group.op = op.value;
        changed();
      });
      head.appendChild(op);
      if (parent) {
        head.appendChild(removeButton('Remove this group', parent, group));
      }
      box.appendChild(head);
      var list = el('ul', 'rule-items');
      group.items.forEach(function (item) {
        var li = el('li', 'rule-item');
        li.appendChild(item.kind === 'group' ? renderGroup(item, depth + 1, group) : renderCondition(item, group));
        list.appendChild(li);
      });
      if (!group.items.length) {
        list.appendChild(el('li', 'rule-empty', 'No condition yet.'));
      }
      box.appendChild(list);
      var actions = el('div', 'rule-actions');
      var full = countConditions(root) >= MAX_RULE_CONDITIONS;
      var addCondition = el('button', 'button button-small rule-add-condition', '+ Condition');
      addCondition.type = 'button';
      addCondition.disabled = full;
      addCondition.addEventListener('click', function () {
        group.items.push(newCondition('field', choices));
        rerender();
      });
      actions.appendChild(addCondition);
      if (depth < MAX_RULE_DEPTH) {
        var addGroup = el('button', 'button button-small rule-add-group', '+ Group');
        addGroup.type = 'button';
        addGroup.disabled = full;
        addGroup.addEventListener('click', function () {
          group.items.push({ kind: 'group', op: 'any', items: [newCondition('field', choices)] });
          rerender();
        });
        actions.appendChild(addGroup);
      }
      box.appendChild(actions);
      return box;
    }

    function removeButton(name, parent, node) {
      var button = el('button', 'button button-small button-icon rule-remove', '✕');
      button.type = 'button';
      button.setAttribute('aria-label', name);
      button.setAttribute('title', name);
      button.addEventListener('click', function () {
        parent.items.splice(parent.items.indexOf(node), 1);
        rerender();
      });
      return button;
    }

    function renderCondition(node, parent) {
      var row = el('div', 'rule-condition');
      row.setAttribute('data-kind', node.kind);
      var kind = select([['field', 'Profile'], ['event', 'Activity'], ['segment', 'Segment'], ['consent', 'Consent']],
        node.kind, 'Kind of condition');
      kind.classList.add('rule-kind');
      kind.addEventListener('change', function () {
        parent.items[parent.items.indexOf(node)] = newCondition(kind.value, choices);
        rerender();
      });
      row.appendChild(kind);
      var parts = el('div', 'rule-parts');
      if (node.kind === 'field') {
        fieldParts(parts, node);
      } else if (node.kind === 'event') {
        eventParts(parts, node);
      } else if (node.kind === 'segment') {
        segmentParts(parts, node);
      } else {
        consentParts(parts, node);
      }
      row.appendChild(parts);
      row.appendChild(removeButton('Remove this condition', parent, node));
      return row;
    }

    function fieldParts(parts, node) {
      var def = RULE_FIELDS[node.field];
      var field = select(Object.keys(RULE_FIELDS).map(function (key) { return [key, RULE_FIELDS[key].label]; }),
        node.field, 'Profile field');
      field.classList.add('rule-field');
      field.addEventListener('change', function () {
        node.field = field.value;
        node.op = RULE_FIELDS[node.field].ops[0];
        node.value = RULE_FIELDS[node.field].initial;
        rerender();
      });
      parts.appendChild(field);
      if (def.ops.length > 1) {
        var op = select(def.ops.map(function (key) { return [key, OP_LABELS[key]]; }), node.op, 'Comparison');
        op.classList.add('rule-op');
        op.addEventListener('change', function () {
          var list = isList(node.op);
          node.op = op.value;
          if (isList(node.op) !== list && def.type === 'choice') {
            node.value = isList(node.op) ? [String(node.value)] : String(node.value[0] || def.initial);
            rerender();
            return;
          }
          changed();
        });
        parts.appendChild(op);
      } else if (def.type !== 'bool') {
        parts.appendChild(el('span', 'rule-word', OP_LABELS[node.op]));
      }
      var input;
      if (def.type === 'bool') {
        input = select([['true', 'yes'], ['false', 'no']], String(node.value), def.label);
        follow(input, 'change', function (value) { node.value = value; });
      } else if (def.type === 'choice') {
        input = select(def.values.map(function (value) { return [value, def.labels[value] || value]; }),
          Array.isArray(node.value) ? '' : node.value, def.label);
        if (isList(node.op)) {
          input.multiple = true;
          input.size = Math.min(5, def.values.length);
          Array.prototype.forEach.call(input.options, function (option) {
            option.selected = node.value.indexOf(option.value) >= 0;
          });
        }
        input.addEventListener('change', function () {
          node.value = isList(node.op)
            ? Array.prototype.filter.call(input.options, function (option) { return option.selected; })
              .map(function (option) { return option.value; })
            : input.value;
          changed();
        });
      } else if (def.type === 'code') {
        input = textInput(node.value, isList(node.op) ? 'vi, en' : 'en', def.label);
        follow(input, 'input', function (value) { node.value = value; });
      } else {
        input = numberInput(node.value, node.op === 'in_next_days' ? 0 : (def.type === 'days' ? 1 : 0),
          def.type === 'days' ? 3650 : 1000000000, def.label);
        follow(input, 'input', function (value) { node.value = value; });
      }
      input.classList.add('rule-value');
      parts.appendChild(input);
      if (OP_UNITS[node.op]) {
        parts.appendChild(el('span', 'rule-word', OP_UNITS[node.op]));
      }
    }

    function eventParts(parts, node) {
      var did = select([['true', 'did'], ['false', 'did not']], String(node.did), 'Did or did not');
      did.classList.add('rule-did');
      follow(did, 'change', function (value) { node.did = value === 'true'; });
      parts.appendChild(did);
      var known = RULE_EVENTS.slice();
      node.events.forEach(function (type) {
        if (known.indexOf(type) < 0) {
          known.push(type);
        }
      });
      var events = select(known.map(function (type) {
        return [type, Object.prototype.hasOwnProperty.call(EVENT_LABELS, type) ? EVENT_LABELS[type] : type];
      }), node.events[0], 'Activity');
      events.classList.add('rule-event');
      if (node.events.length > 1) {
        events.multiple = true;
        events.size = 4;
        Array.prototype.forEach.call(events.options, function (option) {
          option.selected = node.events.indexOf(option.value) >= 0;
        });
      }
      events.addEventListener('change', function () {
        node.events = Array.prototype.filter.call(events.options, function (option) { return option.selected; })
          .map(function (option) { return option.value; });
        changed();
      });
      parts.appendChild(events);
      parts.appendChild(el('span', 'rule-word', 'at least'));
      var min = numberInput(node.min, 1, 1000, 'How many times at least');
      min.classList.add('rule-min');
      follow(min, 'input', function (value) { node.min = value; });
      parts.appendChild(min);
      parts.appendChild(el('span', 'rule-word', 'times in the last'));
      var days = numberInput(node.days, 1, 365, 'Days');
      days.classList.add('rule-days');
      follow(days, 'input', function (value) { node.days = value; });
      parts.appendChild(days);
      parts.appendChild(el('span', 'rule-word', 'days'));
      parts.appendChild(el('span', 'rule-word', 'of product'));
      var product = numberInput(node.productId, 1, 999999999999, 'Only this product id (optional)');
      product.placeholder = 'any';
      product.classList.add('rule-product');
      follow(product, 'input', function (value) { node.productId = value; });
      parts.appendChild(product);
      parts.appendChild(el('span', 'rule-word', 'in category'));
      var category = textInput(node.category, 'any', 'Only this category code (optional)');
      category.classList.add('rule-category');
      follow(category, 'input', function (value) { node.category = value; });
      parts.appendChild(category);
    }

    function segmentParts(parts, node) {
      var member = select([['true', 'is in'], ['false', 'is not in']], String(node.member), 'In or not in');
      follow(member, 'change', function (value) { node.member = value === 'true'; });
      parts.appendChild(member);
      var options = choices.map(function (choice) { return [choice.code, choice.name + ' (' + choice.code + ')']; });
      if (node.segment && !choices.some(function (choice) { return choice.code === node.segment; })) {
        options.push([node.segment, node.segment]);
      }
      var segment = select(options, node.segment, 'Segment');
      segment.classList.add('rule-segment');
      follow(segment, 'change', function (value) { node.segment = value; });
      parts.appendChild(segment);
    }

    function consentParts(parts, node) {
      var granted = select([['true', 'has consented to'], ['false', 'has not consented to']], String(node.granted),
        'Consented or not');
      follow(granted, 'change', function (value) { node.granted = value === 'true'; });
      parts.appendChild(granted);
      var channel = select(Object.keys(CHANNELS).map(function (key) { return [key, CHANNELS[key]]; }), node.channel, 'Channel');
      follow(channel, 'change', function (value) { node.channel = value; });
      parts.appendChild(channel);
    }

    render();
    if (root) {
      jsonView.textContent = JSON.stringify(toRule(root), null, 2);
    }
    return {
      /** {ok, value, empty} or {ok: false, error}. */
      rule: function () {
        if (!root) {
          try {
            var parsed = JSON.parse(rawText || '');
            return { ok: true, value: parsed, empty: false };
          } catch (e) {
            return { ok: false, error: 'The rule is not valid JSON.' };
          }
        }
        var value = toRule(root);
        return { ok: true, value: value, empty: value === null };
      }
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Journeys

  var journeyState = null; // { code, journey, period }
  var journeysNotice = null;

  var PURPOSES = { REMINDER: 'Reminder', MARKETING: 'Marketing' };

  var UNITS = [['1', 'minutes'], ['60', 'hours'], ['1440', 'days']];

  /** The words for a code as the server spells it (SENT, HELD_OUT…), or the code itself. */
  function named(map, value) {
    if (blank(value)) {
      return null;
    }
    var key = String(value);
    return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : key;
  }

  function journeysPath() {
    return String(config.journeysUrl || '/api/v1/private/remarketing/journeys');
  }

  function journeyUrl(code, suffix) {
    return apiUrl(journeysPath() + '/' + encodeURIComponent(String(code)) + (suffix || ''));
  }

  function journeyHash(code) {
    return '#/journeys/' + encodeURIComponent(String(code));
  }

  /** 90 → "1 h 30 min", 1440 → "1 day", 0 → "at once". */
  function formatDelay(minutes) {
    var total = Number(minutes) || 0;
    if (total <= 0) {
      return 'at once';
    }
    var parts = [];
    var days = Math.floor(total / 1440);
    var hours = Math.floor((total % 1440) / 60);
    var rest = total % 60;
    if (days) {
      parts.push(days === 1 ? '1 day' : days.toLocaleString() + ' days');
    }
    if (hours) {
      parts.push(hours + ' h');
    }
    if (rest) {
      parts.push(rest + ' min');
    }
    return parts.join(' ');
  }

  /** "3 emails: at entry, after 23 h and after 2 days 23 h". */
  function stepsSummary(steps) {
    var list = Array.isArray(steps) ? steps : [];
    var count = list.length === 1 ? '1 email' : list.length + ' emails';
    var times = list.map(function (step) {
      return Number(step.delayMinutes) > 0 ? 'after ' + formatDelay(step.delayMinutes) : 'at entry';
    });
    var last = times.pop();
    return count + ': ' + (times.length ? times.join(', ') + ' and ' + last : text(last));
  }

  /** A fraction as "12.3 %", or null. */
  function formatRate(rate) {
    return (typeof rate === 'number') ? (Math.round(rate * 1000) / 10).toLocaleString(undefined,
      { minimumFractionDigits: 1, maximumFractionDigits: 1 }) + ' %' : null;
  }

  /** Percentage points with a sign and one decimal: "+4.1", "-0.6", never "-0.0". */
  function formatPoints(points) {
    var rounded = Math.round(points * 10) / 10;
    if (rounded === 0) {
      return '+0.0';
    }
    return (rounded > 0 ? '+' : '-') + Math.abs(rounded).toFixed(1);
  }

  /** "+4.1 points (95% CI +1.2 to +7.0)", or "not enough data yet". */
  function liftSentence(lift) {
    if (!lift || !lift.enoughData || typeof lift.differencePoints !== 'number') {
      return 'Not enough data yet';
    }
    return formatPoints(lift.differencePoints) + ' points (95% CI ' + formatPoints(lift.lowerPoints) + ' to '
      + formatPoints(lift.upperPoints) + ')';
  }

  function liftMeaning(lift, results) {
    if (!lift || !lift.enoughData) {
      return Number(results.holdoutEntrants) > 0
        ? 'No one has been messaged in this period yet.'
        : 'No one has been held out in this period yet: the lift needs both groups.';
    }
    if (lift.significant) {
      return lift.differencePoints > 0
        ? 'The messages raise the conversion rate: the whole interval is above zero.'
        : 'The messaged group converts less than the holdout: the whole interval is below zero.';
    }
    return 'Not certain yet: the interval still includes zero. It narrows as more contacts enter.';
  }

  // ---- The list

  function setJourneysState(state) {
    byId('journeys-error').hidden = state !== 'error';
    byId('journeys-results').hidden = state !== 'results';
    byId('view-journeys').setAttribute('aria-busy', state === 'loading' ? 'true' : 'false');
  }

  function listJourneys(token) {
    if (!readToken()) {
      showSignIn();
      return;
    }
    var firstShow = byId('view-journeys').hidden;
    showView('journeys', 'Journeys');
    setJourneysState('loading');
    byId('journeys-status').textContent = journeysNotice || 'Loading journeys…';
    journeysNotice = null;
    if (firstShow) {
      focusHeading('journeys');
    }
    api(apiUrl(journeysPath()))
      .then(readJson)
      .then(function (list) {
        if (token === generation) {
          renderJourneys(list);
        }
      })
      .catch(whenCurrent(token, function (error) {
        byId('journeys-status').textContent = '';
        setText('journeys-error-detail', message(error));
        setJourneysState('error');
      }));
  }

  function renderJourneys(list) {
    var items = Array.isArray(list.items) ? list.items : [];
    var rows = byId('journeys-rows');
    clear(rows);
    items.forEach(function (journey) {
      var results = journey.results || {};
      var row = el('tr');
      row.setAttribute('data-journey-code', String(journey.code));
      var about = el('td', 'cell-segment');
      var title = el('div', 'segment-title');
      title.appendChild(appLink(journeyHash(journey.code), journey.name));
      title.appendChild(el('span', 'badge ' + (journey.enabled ? 'badge-ok' : 'badge-warn'), journey.enabled ? 'On' : 'Off'));
      about.appendChild(title);
      about.appendChild(el('p', 'segment-about', stepsSummary(journey.steps) + ' · '
        + formatNumber(journey.holdoutPercent) + ' % held out'));
      row.appendChild(about);
      cell(row, blank(journey.triggerEvent) ? journey.triggerSegment : 'event: ' + journey.triggerEvent, 'cell-trigger');
      cell(row, formatNumber(results.entrants), 'num journey-entrants');
      cell(row, formatNumber(results.sent), 'num journey-sent');
      cell(row, formatNumber(results.conversions), 'num journey-conversions');
      cell(row, formatMoney(results.revenue), 'num journey-revenue');
      rows.appendChild(row);
    });
    byId('journeys-status').textContent = items.length === 1 ? '1 journey' : items.length.toLocaleString() + ' journeys';
    setText('journeys-period', 'Runs that entered in the last 30 days; conversions and revenue are the messaged'
      + ' entrants\u2019 (the holdout\u2019s are on each journey\u2019s page).');
    setJourneysState('results');
  }

  // ---- One journey

  function openJourney(code, params, token) {
    if (!readToken()) {
      showSignIn();
      return;
    }
    showView('journey', 'Journey');
    byId('view-journey').hidden = true;
    showLoading('Loading the journey…');
    var state = { code: code, journey: null };
    journeyState = state;
    var url = journeyUrl(code);
    if (params.from) {
      url.searchParams.set('from', params.from);
    }
    if (params.to) {
      url.searchParams.set('to', params.to);
    }
    api(url)
      .then(readJson)
      .then(function (journey) {
        if (token !== generation || state !== journeyState) {
          return;
        }
        byId('loading').hidden = true;
        byId('view-journey').hidden = false;
        byId('journey-error').hidden = true;
        byId('journey').hidden = false;
        renderJourney(journey);
        fillJourneyForm(journey);
        fillPreviewForm(journey);
        focusHeading('journey');
      })
      .catch(whenCurrent(token, function (error) {
        byId('loading').hidden = true;
        byId('view-journey').hidden = false;
        byId('journey').hidden = true;
        setText('journey-error-detail', message(error));
        byId('journey-error').hidden = false;
      }));
  }

  function renderJourney(journey) {
    journeyState.journey = journey;
    setText('journey-name', journey.name);
    document.title = 'Remarketing · ' + journey.name;
    setText('journey-code', journey.code);
    var badge = byId('journey-state');
    badge.textContent = journey.enabled ? 'On' : 'Off';
    badge.className = 'badge ' + (journey.enabled ? 'badge-ok' : 'badge-warn');
    setText('journey-purpose', named(PURPOSES, journey.purpose));
    var description = byId('journey-description');
    description.textContent = blank(journey.description) ? '' : String(journey.description);
    description.hidden = blank(journey.description);
    byId('journey-trigger').textContent = (blank(journey.triggerEvent)
      ? 'Starts when a contact enters the segment “' + text(journey.triggerSegment) + '”'
      : 'Starts at each “' + text(journey.triggerEvent) + '” event of a contact')
      + '; ' + stepsSummary(journey.steps) + '.';
    byId('journey-messages').setAttribute('href', messagesHash({ journey: String(journey.code) }));
    renderResults(journey.results || {}, journey.period || {});
  }

  /** The last day an exclusive end covers: 2026-04-01T00:00Z → 2026-03-31. */
  function lastDay(iso) {
    var date = new Date(iso);
    if (isNaN(date.getTime())) {
      return '';
    }
    return new Date(date.getTime() - 1).toISOString().slice(0, 10);
  }

  function renderResults(results, period) {
    byId('journey-from').value = blank(period.from) ? '' : String(period.from).slice(0, 10);
    byId('journey-to').value = blank(period.to) ? '' : lastDay(period.to);
    byId('journey-results-status').textContent = formatNumber(results.entrants) + ' entered from '
      + text(byId('journey-from').value) + ' to ' + text(byId('journey-to').value) + ': '
      + formatNumber(results.messagedEntrants) + ' messaged, ' + formatNumber(results.holdoutEntrants) + ' held out.';
    var funnel = byId('journey-funnel');
    clear(funnel);
    var stages = Array.isArray(results.funnel) ? results.funnel : [];
    var top = stages.length ? Number(stages[0].count) || 0 : 0;
    stages.forEach(function (stage) {
      var count = Number(stage.count) || 0;
      var item = el('li', 'funnel-stage');
      item.setAttribute('data-stage', String(stage.stage));
      var head = el('div', 'funnel-head');
      head.appendChild(el('span', 'funnel-label', stage.label));
      var share = top > 0 ? ' · ' + formatRate(count / top) : '';
      head.appendChild(el('span', 'funnel-count', formatNumber(count) + share));
      item.appendChild(head);
      var bar = el('progress', 'progress funnel-bar');
      bar.max = Math.max(1, top);
      bar.value = Math.min(bar.max, count);
      bar.setAttribute('aria-label', stage.label + ': ' + formatNumber(count));
      item.appendChild(bar);
      funnel.appendChild(item);
    });
    var lift = results.lift || {};
    setText('lift-messaged', lift.messagedRate === null || lift.messagedRate === undefined ? null
      : formatRate(lift.messagedRate) + ' (' + formatNumber(results.conversions) + ' of ' + formatNumber(results.messagedEntrants) + ')');
    setText('lift-holdout', lift.holdoutRate === null || lift.holdoutRate === undefined ? null
      : formatRate(lift.holdoutRate) + ' (' + formatNumber(results.holdoutConversions) + ' of ' + formatNumber(results.holdoutEntrants) + ')');
    var summary = byId('lift-summary');
    summary.textContent = liftSentence(lift);
    summary.classList.toggle('lift-none', !lift.enoughData);
    setText('lift-meaning', liftMeaning(lift, results));
    setText('journey-revenue', formatMoney(results.revenue));
    setText('journey-holdout-revenue', formatMoney(results.holdoutRevenue));
    setText('journey-incremental', typeof lift.incrementalRevenue === 'number'
      ? formatMoney(lift.incrementalRevenue) + ' · ' + (Math.round(lift.incrementalConversions * 10) / 10).toLocaleString()
        + ' conversions' : null);
    setText('journey-messages-line', formatNumber(results.sent) + ' sent, ' + formatNumber(results.delivered)
      + ' delivered, ' + formatNumber(results.opened) + ' opened by a person, ' + formatNumber(results.clicked)
      + ' clicked. Opens by mail privacy proxies and scanners are not counted.');
  }

  function changePeriod(event) {
    event.preventDefault();
    if (!journeyState) {
      return;
    }
    var params = new URLSearchParams();
    if (byId('journey-from').value) {
      params.set('from', byId('journey-from').value);
    }
    if (byId('journey-to').value) {
      params.set('to', byId('journey-to').value);
    }
    var query = params.toString();
    window.location.hash = journeyHash(journeyState.code) + (query ? '?' + query : '');
  }

  // ---- Settings: name, on/off, steps, holdout, goal window, re-entry, exit on leave

  /** The largest unit that divides the minutes exactly: [value, unit minutes]. */
  function inUnit(minutes) {
    var total = Number(minutes) || 0;
    if (total > 0 && total % 1440 === 0) {
      return [total / 1440, '1440'];
    }
    if (total > 0 && total % 60 === 0) {
      return [total / 60, '60'];
    }
    return [total, '1'];
  }

  function stepRow(step) {
    var item = el('li', 'step');
    var number = el('span', 'step-number');
    item.appendChild(number);
    var parts = el('div', 'step-parts');
    var delay = inUnit(step.delayMinutes);
    var value = el('input', 'input input-inline input-number step-delay');
    value.type = 'number';
    value.min = '0';
    value.step = '1';
    value.value = String(delay[0]);
    value.setAttribute('aria-label', 'Delay');
    parts.appendChild(value);
    var unit = el('select', 'input input-inline step-unit');
    unit.setAttribute('aria-label', 'Unit of the delay');
    UNITS.forEach(function (choice) {
      var option = el('option', null, choice[1]);
      option.value = choice[0];
      unit.appendChild(option);
    });
    unit.value = delay[1];
    parts.appendChild(unit);
    parts.appendChild(el('span', 'rule-word', 'after entry, send'));
    var template = el('input', 'input input-inline step-template');
    template.type = 'text';
    template.maxLength = 64;
    template.spellcheck = false;
    template.value = String(step.template || '');
    template.setAttribute('aria-label', 'Template');
    parts.appendChild(template);
    item.appendChild(parts);
    var remove = el('button', 'button button-icon step-remove', '✕');
    remove.type = 'button';
    remove.setAttribute('aria-label', 'Remove this step');
    remove.addEventListener('click', function () {
      item.parentNode.removeChild(item);
      numberSteps();
    });
    item.appendChild(remove);
    item.appendChild(el('p', 'field-error step-error'));
    item.lastChild.hidden = true;
    return item;
  }

  function numberSteps() {
    var items = byId('journey-steps').querySelectorAll('.step');
    Array.prototype.forEach.call(items, function (item, i) {
      item.querySelector('.step-number').textContent = 'Step ' + (i + 1);
      item.querySelector('.step-delay').setAttribute('aria-label', 'Delay of step ' + (i + 1));
    });
  }

  function fillJourneyForm(journey) {
    byId('journey-name-input').value = String(journey.name || '');
    byId('journey-description-input').value = blank(journey.description) ? '' : String(journey.description);
    byId('journey-enabled').checked = !!journey.enabled;
    var steps = byId('journey-steps');
    clear(steps);
    (journey.steps || []).forEach(function (step) {
      steps.appendChild(stepRow(step));
    });
    numberSteps();
    byId('journey-holdout').value = String(journey.holdoutPercent);
    var goal = Number(journey.goalHours) || 0;
    var days = goal > 0 && goal % 24 === 0;
    byId('journey-goal').value = String(days ? goal / 24 : goal);
    byId('journey-goal-unit').value = days ? '1440' : '60';
    byId('journey-reentry').value = String(journey.reentryDays);
    byId('journey-exit').checked = !!journey.exitOnLeave;
    clearFieldErrors();
  }

  function wholeOrText(value) {
    var trimmed = String(value).trim();
    return /^-?\d{1,12}$/.test(trimmed) ? parseInt(trimmed, 10) : trimmed;
  }

  function journeyBody() {
    var steps = [];
    Array.prototype.forEach.call(byId('journey-steps').querySelectorAll('.step'), function (item) {
      var value = wholeOrText(item.querySelector('.step-delay').value);
      var unit = parseInt(item.querySelector('.step-unit').value, 10) || 1;
      steps.push({
        delayMinutes: typeof value === 'number' ? value * unit : value,
        template: item.querySelector('.step-template').value.trim()
      });
    });
    var goal = wholeOrText(byId('journey-goal').value);
    var goalUnit = byId('journey-goal-unit').value === '1440' ? 24 : 1;
    return {
      name: byId('journey-name-input').value.trim(),
      description: byId('journey-description-input').value.trim(),
      enabled: byId('journey-enabled').checked,
      steps: steps,
      holdoutPercent: wholeOrText(byId('journey-holdout').value),
      goalHours: typeof goal === 'number' ? goal * goalUnit : goal,
      reentryDays: wholeOrText(byId('journey-reentry').value),
      exitOnLeave: byId('journey-exit').checked
    };
  }

  function clearFieldErrors() {
    Array.prototype.forEach.call(byId('journey-form').querySelectorAll('.field-error'), function (error) {
      error.textContent = '';
      error.hidden = true;
    });
    Array.prototype.forEach.call(byId('journey-form').querySelectorAll('[aria-invalid]'), function (input) {
      input.removeAttribute('aria-invalid');
    });
    byId('journey-form-error').hidden = true;
  }

  /** Shows the server's refusal beside the value it names ("steps[1].delayMinutes"), or above the buttons. */
  function showFieldError(field, text) {
    var step = /^steps\[(\d+)\](?:\.(\w+))?$/.exec(field || '');
    var target = null;
    var input = null;
    if (step) {
      var item = byId('journey-steps').querySelectorAll('.step')[parseInt(step[1], 10)];
      if (item) {
        target = item.querySelector('.step-error');
        input = item.querySelector(step[2] === 'template' ? '.step-template' : '.step-delay');
      }
    } else if (field) {
      target = byId('journey-form').querySelector('[data-error-for="' + CSS.escape(field) + '"]');
      input = byId('journey-form').querySelector('[data-field="' + CSS.escape(field) + '"]');
    }
    if (!target) {
      showFormError(byId('journey-form-error'), text);
      return;
    }
    target.textContent = text;
    target.hidden = false;
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    }
  }

  function saveJourney(event) {
    event.preventDefault();
    var state = journeyState;
    if (!state || !state.journey) {
      return;
    }
    clearFieldErrors();
    byId('journey-save-status').textContent = '';
    var button = byId('journey-save');
    button.disabled = true;
    api(journeyUrl(state.code), { method: 'PUT', body: journeyBody() })
      .then(readJson)
      .then(function (saved) {
        if (state !== journeyState) {
          return;
        }
        renderJourney(saved);
        fillJourneyForm(saved);
        fillPreviewForm(saved);
        byId('journey-save-status').textContent = 'Saved. New entrants follow these settings; messages already scheduled keep their time.';
      })
      .catch(function (error) {
        if (error === SIGN_IN) {
          showSignIn();
          return;
        }
        if (state === journeyState) {
          showFieldError(error.field, message(error));
        }
      })
      .then(function () {
        button.disabled = false;
      });
  }

  // ---- Preview and test send

  function fillPreviewForm(journey) {
    var select = byId('journey-preview-step');
    var previous = select.value;
    clear(select);
    (journey.steps || []).forEach(function (step, i) {
      var option = el('option', null, 'Step ' + (i + 1) + ' · ' + step.template + ' · ' + formatDelay(step.delayMinutes));
      option.value = String(i + 1);
      select.appendChild(option);
    });
    if (previous && Number(previous) <= (journey.steps || []).length) {
      select.value = previous;
    }
    var available = journey.previews !== false;
    byId('journey-preview-status').textContent = available ? ''
      : 'Previews need the journeys engine, which is not running in this store yet.';
    byId('journey-preview-show').disabled = !available;
    byId('journey-test-send').disabled = !available;
  }

  /**
   * Shows a message's HTML in a frame whose sandbox allows nothing (no script, no same origin, no
   * forms, no navigation of this page), refusing any frame that is not sandboxed so.
   */
  function showInSandbox(frame, html) {
    if (frame.getAttribute('sandbox') !== '') {
      throw new Error('A message is only ever shown in a fully sandboxed frame.');
    }
    frame.srcdoc = String(html);
  }

  function previewBody() {
    var contact = byId('journey-preview-contact').value.trim();
    if (!/^\d{1,18}$/.test(contact)) {
      return null;
    }
    return { step: parseInt(byId('journey-preview-step').value, 10) || 1, contact: contact };
  }

  function showPreview(event) {
    event.preventDefault();
    var state = journeyState;
    var status = byId('journey-preview-status');
    var asked = previewBody();
    if (!state || !asked) {
      status.textContent = 'Give the id of a contact to render the step for (see Contacts).';
      return;
    }
    status.textContent = 'Rendering…';
    var url = journeyUrl(state.code, '/preview');
    url.searchParams.set('step', String(asked.step));
    url.searchParams.set('contact', asked.contact);
    api(url)
      .then(readJson)
      .then(function (preview) {
        if (state !== journeyState) {
          return;
        }
        status.textContent = '';
        setText('journey-preview-subject', preview.subject);
        showInSandbox(byId('journey-preview-frame'), preview.html || '');
        byId('journey-preview-text').textContent = String(preview.text || '');
        byId('journey-preview').hidden = false;
      })
      .catch(function (error) {
        if (error === SIGN_IN) {
          showSignIn();
          return;
        }
        if (state === journeyState) {
          byId('journey-preview').hidden = true; // never an earlier rendering under this error
          status.textContent = message(error);
        }
      });
  }

  function sendTest(event) {
    event.preventDefault();
    var state = journeyState;
    var status = byId('journey-test-status');
    var asked = previewBody();
    var to = byId('journey-test-to').value.trim();
    if (!state || !asked) {
      status.textContent = 'Give the id of a contact to render the step for, above.';
      return;
    }
    if (!to) {
      status.textContent = 'Give the address the test goes to.';
      return;
    }
    status.textContent = 'Sending…';
    byId('journey-test-send').disabled = true;
    api(journeyUrl(state.code, '/test-send'), { method: 'POST',
      body: { step: asked.step, contact: parseInt(asked.contact, 10), to: to } })
      .then(readJson)
      .then(function (sent) {
        if (state === journeyState) {
          status.textContent = 'Sent “' + text(sent.subject) + '” to ' + text(sent.sentTo) + '.';
        }
      })
      .catch(function (error) {
        if (error === SIGN_IN) {
          showSignIn();
          return;
        }
        if (state === journeyState) {
          status.textContent = message(error);
        }
      })
      .then(function () {
        byId('journey-test-send').disabled = false;
      });
  }

  // ---------------------------------------------------------------------------------------------
  // Messages

  var MESSAGES_PAGE_SIZE = 50;

  var MESSAGE_STATES = ['SCHEDULED', 'SENDING', 'SENT', 'SUPPRESSED', 'CANCELLED', 'HELD_OUT', 'FAILED', 'BOUNCED',
    'UNCERTAIN'];

  var STATE_LABELS = { SCHEDULED: 'Scheduled', SENDING: 'Sending', SENT: 'Sent', SUPPRESSED: 'Suppressed',
    CANCELLED: 'Cancelled', HELD_OUT: 'Held out', FAILED: 'Failed', BOUNCED: 'Bounced', UNCERTAIN: 'Uncertain' };

  var STATE_BADGES = { SENT: 'badge-ok', SUPPRESSED: 'badge-warn', CANCELLED: 'badge-muted', HELD_OUT: 'badge-muted',
    FAILED: 'badge-off', BOUNCED: 'badge-off', UNCERTAIN: 'badge-warn' };

  var MESSAGE_EVENTS = { OPEN: 'Opened', MACHINE_OPEN: 'Opened by a machine (privacy proxy or scanner; not counted)',
    CLICK: 'Clicked a link', RECOVERY: 'Came back to the cart', UNSUBSCRIBE: 'Unsubscribed', BOUNCE: 'Bounced' };

  var MESSAGE_FILTERS = ['journey', 'state', 'contact', 'recipient', 'from', 'to'];

  var messagesState = null; // { filters, next, loaded }
  var journeyChoices = null;

  function messagesPath() {
    return String(config.messagesUrl || '/api/v1/private/remarketing/messages');
  }

  function messagesHash(filters) {
    var params = new URLSearchParams();
    MESSAGE_FILTERS.forEach(function (name) {
      if (!blank(filters[name])) {
        params.set(name, String(filters[name]));
      }
    });
    var query = params.toString();
    return '#/messages' + (query ? '?' + query : '');
  }

  function stateBadge(state) {
    var known = Object.prototype.hasOwnProperty.call(STATE_BADGES, String(state));
    return el('span', 'badge ' + (known ? STATE_BADGES[state] : 'badge-muted'), text(named(STATE_LABELS, state)));
  }

  function stepLabel(step) {
    return typeof step === 'number' ? 'Step ' + step : null;
  }

  function setMessagesState(state) {
    byId('messages-error').hidden = state !== 'error';
    byId('messages-empty').hidden = state !== 'empty';
    byId('messages-results').hidden = state !== 'results';
    byId('view-messages').setAttribute('aria-busy', state === 'loading' ? 'true' : 'false');
  }

  /** The journeys of the filter's list, loaded once. */
  function loadJourneyChoices() {
    if (journeyChoices) {
      return Promise.resolve(journeyChoices);
    }
    return api(apiUrl(journeysPath()))
      .then(readJson)
      .then(function (list) {
        journeyChoices = (Array.isArray(list.items) ? list.items : []).map(function (journey) {
          return { code: String(journey.code), name: String(journey.name) };
        });
        return journeyChoices;
      })
      .catch(function (error) {
        if (error === SIGN_IN) {
          throw error;
        }
        return []; // the log works without the journeys' names (no journeys yet on this store)
      });
  }

  function fillMessageFilters(filters, journeys) {
    var select = byId('messages-journey');
    while (select.options.length > 1) {
      select.remove(1);
    }
    journeys.forEach(function (journey) {
      var option = el('option', null, journey.name);
      option.value = journey.code;
      select.appendChild(option);
    });
    select.value = filters.journey || '';
    var states = byId('messages-state');
    if (states.options.length === 1) {
      MESSAGE_STATES.forEach(function (state) {
        var option = el('option', null, STATE_LABELS[state]);
        option.value = state;
        states.appendChild(option);
      });
    }
    states.value = filters.state || '';
    byId('messages-contact').value = filters.contact || '';
    byId('messages-recipient').value = filters.recipient || '';
    byId('messages-from').value = filters.from || '';
    byId('messages-to').value = filters.to || '';
  }

  function listMessages(filters, token) {
    if (!readToken()) {
      showSignIn();
      return;
    }
    var firstShow = byId('view-messages').hidden;
    showView('messages', 'Messages');
    setMessagesState('loading');
    byId('messages-status').textContent = 'Loading messages…';
    if (firstShow) {
      focusHeading('messages');
    }
    var state = { filters: filters, next: null, loaded: 0 };
    messagesState = state;
    Promise.all([loadJourneyChoices(), fetchMessages(filters, null)])
      .then(function (answers) {
        if (token !== generation || state !== messagesState) {
          return;
        }
        fillMessageFilters(filters, answers[0]);
        renderCounts(answers[1], filters);
        clear(byId('messages-rows'));
        appendMessages(state, answers[1]);
      })
      .catch(whenCurrent(token, function (error) {
        fillMessageFilters(filters, journeyChoices || []);
        byId('messages-status').textContent = '';
        clear(byId('messages-counts'));
        setText('messages-error-detail', message(error));
        setMessagesState('error');
      }));
  }

  function fetchMessages(filters, after) {
    var url = apiUrl(messagesPath());
    MESSAGE_FILTERS.forEach(function (name) {
      if (!blank(filters[name])) {
        url.searchParams.set(name, String(filters[name]));
      }
    });
    if (after) {
      url.searchParams.set('after', String(after));
    }
    url.searchParams.set('size', String(MESSAGES_PAGE_SIZE));
    return api(url).then(readJson);
  }

  /** One chip per state with its count, each a link to the same filter in that state. */
  function renderCounts(page, filters) {
    var list = byId('messages-counts');
    clear(list);
    var counts = page.counts || {};
    MESSAGE_STATES.forEach(function (state) {
      var count = Number(counts[state]) || 0;
      if (!count && filters.state !== state) {
        return;
      }
      var item = el('li');
      var next = {};
      MESSAGE_FILTERS.forEach(function (name) {
        next[name] = filters[name];
      });
      next.state = filters.state === state ? '' : state;
      var link = appLink(messagesHash(next), named(STATE_LABELS, state) + ' · ' + formatNumber(count));
      link.className = 'chip state-chip' + (filters.state === state ? ' chip-selected' : '');
      link.setAttribute('data-state', state);
      if (filters.state === state) {
        link.setAttribute('aria-current', 'true');
      }
      item.appendChild(link);
      list.appendChild(item);
    });
  }

  function appendMessages(state, page) {
    var items = Array.isArray(page.items) ? page.items : [];
    var rows = byId('messages-rows');
    items.forEach(function (message) {
      var row = el('tr');
      row.setAttribute('data-message-id', String(message.id));
      row.setAttribute('data-state', String(message.state));
      cell(row, appLink('#/messages/' + encodeURIComponent(String(message.id)), formatTime(message.time) || '–'), 'cell-name');
      var journey = message.journey || {};
      cell(row, journey.name || journey.code);
      cell(row, stepLabel(message.step));
      cell(row, message.recipient, 'cell-email');
      cell(row, stateBadge(message.state));
      cell(row, message.reason, 'cell-reason');
      rows.appendChild(row);
    });
    state.loaded += items.length;
    state.next = blank(page.next) ? null : String(page.next);
    var total = Number(page.total) || 0;
    byId('messages-more').hidden = !state.next;
    byId('messages-status').textContent = total === 1 ? '1 message' : total.toLocaleString() + ' messages'
      + (state.loaded < total ? ', showing the newest ' + state.loaded.toLocaleString() : '');
    setMessagesState(state.loaded ? 'results' : 'empty');
  }

  function loadMoreMessages() {
    var state = messagesState;
    if (!state || !state.next) {
      return;
    }
    var button = byId('messages-more');
    button.disabled = true;
    fetchMessages(state.filters, state.next)
      .then(function (page) {
        if (state === messagesState) {
          appendMessages(state, page);
        }
      })
      .catch(function (error) {
        if (error === SIGN_IN) {
          showSignIn();
          return;
        }
        if (state === messagesState) {
          byId('messages-status').textContent = 'More messages could not be loaded: ' + message(error);
        }
      })
      .then(function () {
        button.disabled = false;
      });
  }

  function filterMessages(event) {
    event.preventDefault();
    var filters = {
      journey: byId('messages-journey').value,
      state: byId('messages-state').value,
      contact: byId('messages-contact').value.trim(),
      recipient: byId('messages-recipient').value.trim(),
      from: byId('messages-from').value,
      to: byId('messages-to').value
    };
    var hash = messagesHash(filters);
    if (window.location.hash === hash) {
      route();
    } else {
      window.location.hash = hash;
    }
  }

  // ---- One message

  function openMessage(id, token) {
    if (!readToken()) {
      showSignIn();
      return;
    }
    showView('message', 'Message');
    byId('view-message').hidden = true;
    showLoading('Loading the message…');
    api(apiUrl(messagesPath() + '/' + encodeURIComponent(id)))
      .then(readJson)
      .then(function (found) {
        if (token !== generation) {
          return;
        }
        byId('loading').hidden = true;
        byId('view-message').hidden = false;
        byId('message-error').hidden = true;
        byId('message').hidden = false;
        renderMessage(found);
        focusHeading('message');
      })
      .catch(whenCurrent(token, function (error) {
        byId('loading').hidden = true;
        byId('view-message').hidden = false;
        byId('message').hidden = true;
        setText('message-error-detail', message(error));
        byId('message-error').hidden = false;
      }));
  }

  function renderMessage(found) {
    var journey = found.journey || {};
    setText('message-subject', blank(found.subject) ? 'Message #' + found.id : found.subject);
    document.title = 'Remarketing · Message #' + found.id;
    replace('message-state', stateBadge(found.state));
    byId('message-reason').textContent = blank(found.reason) ? '' : String(found.reason);
    replace('message-journey', blank(journey.code) ? el('span', 'muted', '–')
      : appLink(journeyHash(journey.code), journey.name || journey.code));
    setText('message-step', stepLabel(found.step));
    setText('message-template', found.template);
    setText('message-recipient', found.recipient);
    replace('message-contact', appLink('#/contacts/' + encodeURIComponent(String(found.contactId)), '#' + found.contactId));
    replace('message-due', timeElement(found.dueAt));
    replace('message-sent', timeElement(found.sentAt));
    replace('message-opened', timeElement(found.openedAt));
    replace('message-clicked', timeElement(found.clickedAt));
    setText('message-attempts', formatNumber(found.attempts));
    renderRun(found.run);
    var hasContent = !blank(found.html) || !blank(found.text);
    byId('message-no-content').hidden = hasContent;
    byId('message-no-content').textContent = blank(found.sentAt) ? 'Nothing was rendered: the message was not sent.'
      : 'Its content was removed after the retention period (remarketing.journeys.content-retention).';
    byId('message-content').hidden = !hasContent;
    showInSandbox(byId('message-frame'), blank(found.html) ? '' : found.html);
    byId('message-text').textContent = blank(found.text) ? '' : String(found.text);
    var events = byId('message-events');
    clear(events);
    (found.events || []).forEach(function (event) {
      var item = el('li', 'event event-' + (event.kind === 'MACHINE_OPEN' ? 'browse' : 'order'));
      var head = el('div', 'event-head');
      head.appendChild(el('span', 'event-label', text(named(MESSAGE_EVENTS, event.kind))));
      var meta = el('span', 'event-meta');
      meta.appendChild(timeElement(event.occurredAt));
      head.appendChild(meta);
      item.appendChild(head);
      if (!blank(event.detail)) {
        item.appendChild(el('p', 'segment-about', event.detail));
      }
      events.appendChild(item);
    });
    byId('message-events-empty').hidden = (found.events || []).length > 0;
    var back = messagesState ? messagesHash(messagesState.filters) : '#/messages';
    byId('message-back').setAttribute('href', back);
  }

  function renderRun(run) {
    var facts = byId('message-run');
    clear(facts);
    if (!run) {
      addFact(facts, 'Run', 'No longer exists');
      return;
    }
    addFact(facts, 'Group', run.holdout ? 'Holdout (gets nothing)' : 'Messaged');
    addFact(facts, 'State', named({ ACTIVE: 'Active', COMPLETED: 'Completed', EXITED: 'Exited' }, run.state));
    addFact(facts, 'Entered', timeElement(run.enteredAt));
    addFact(facts, 'Exit', run.exitReason);
    addFact(facts, 'Converted', blank(run.convertedAt) ? 'No' : timeElement(run.convertedAt));
    addFact(facts, 'Order', run.orderId);
    addFact(facts, 'Revenue', formatMoney(run.revenue));
  }

  // ---------------------------------------------------------------------------------------------

  var lastQuery = '';

  function loadConfig() {
    return fetch(new URL('config.json', base), { credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.json() : {}; })
      .catch(function () { return {}; });
  }

  document.addEventListener('DOMContentLoaded', function () {
    loadConfig().then(function (loaded) {
      config = loaded || {};
      if (config.backofficeUrl) {
        byId('sign-in-link').setAttribute('href', config.backofficeUrl);
        byId('backoffice-link').setAttribute('href', config.backofficeUrl);
      }
      byId('refresh').addEventListener('click', function () { generation++; loadStatus(generation); });

      byId('contacts-search').addEventListener('submit', function (event) {
        event.preventDefault();
        var q = byId('contacts-q').value.trim().slice(0, MAX_QUERY);
        lastQuery = q;
        var hash = contactsHash(q, 0);
        if (window.location.hash === hash) {
          route();
        } else {
          window.location.hash = hash;
        }
      });

      byId('timeline-more').addEventListener('click', loadMoreTimeline);
      byId('contact-export').addEventListener('click', exportContact);
      byId('contact-erase').addEventListener('click', openEraseDialog);
      byId('erase-cancel').addEventListener('click', closeEraseDialog);
      byId('erase-submit').addEventListener('click', eraseContact);
      byId('erase-confirm').addEventListener('input', function () {
        byId('erase-submit').disabled = byId('erase-confirm').value !== 'ERASE';
      });
      byId('erase-confirm').addEventListener('keydown', function (event) {
        if (event.key === 'Enter') {
          event.preventDefault();
          eraseContact();
        }
      });

      byId('segment-form').addEventListener('submit', saveSegment);
      byId('segment-rebuild').addEventListener('click', rebuildSegment);
      byId('segment-export').addEventListener('click', exportSegment);
      byId('segment-delete').addEventListener('click', openDeleteDialog);
      byId('segment-delete-cancel').addEventListener('click', function () {
        closeDialog('segment-delete-dialog');
        byId('segment-delete').focus();
      });
      byId('segment-delete-submit').addEventListener('click', deleteSegment);
      byId('new-segment-form').addEventListener('submit', createSegment);

      byId('journey-period-form').addEventListener('submit', changePeriod);
      byId('journey-form').addEventListener('submit', saveJourney);
      byId('journey-add-step').addEventListener('click', function () {
        var steps = byId('journey-steps');
        var last = steps.querySelectorAll('.step');
        var after = last.length ? journeyBody().steps[last.length - 1].delayMinutes : 0;
        steps.appendChild(stepRow({ delayMinutes: (typeof after === 'number' ? after : 0) + 1440,
          template: last.length ? last[last.length - 1].querySelector('.step-template').value : '' }));
        numberSteps();
        steps.lastChild.querySelector('.step-delay').focus();
      });
      byId('journey-preview-form').addEventListener('submit', showPreview);
      byId('journey-test-form').addEventListener('submit', sendTest);
      byId('messages-filters').addEventListener('submit', filterMessages);
      byId('messages-more').addEventListener('click', loadMoreMessages);
      byId('new-segment-name').addEventListener('input', function () {
        if (!newSegmentForm.codeEdited) {
          byId('new-segment-code').value = codeFrom(byId('new-segment-name').value);
        }
      });
      byId('new-segment-code').addEventListener('input', function () {
        newSegmentForm.codeEdited = byId('new-segment-code').value !== '';
      });

      window.addEventListener('hashchange', function () {
        var current = parseRoute();
        if (current.view === 'contacts') {
          lastQuery = current.q;
        }
        route();
      });
      var initial = parseRoute();
      if (initial.view === 'contacts') {
        lastQuery = initial.q;
      }
      route();
    });
  });
})();
