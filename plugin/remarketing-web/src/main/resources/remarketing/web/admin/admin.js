// The Remarketing admin screens: Status and Contacts, routed by the URL's hash (#/status,
// #/contacts?q=…, #/contacts/{id}). Everything that comes from the server, and so possibly from a
// shopper, is only ever inserted with textContent or as the value of a safe attribute; links made
// from data are clickable only when they are http(s) URLs.
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
      throw error;
    });
  }

  /** Calls the admin API with the backoffice's token; rejects with SIGN_IN on 401/403. */
  function api(url, options) {
    var token = readToken();
    if (!token) {
      return Promise.reject(SIGN_IN);
    }
    var init = options || {};
    var headers = { 'Authorization': 'Bearer ' + token, 'Accept': 'application/json' };
    return fetch(url, { method: init.method || 'GET', headers: headers, credentials: 'same-origin', cache: 'no-store' })
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

  var VIEWS = ['status', 'contacts', 'contact'];
  var generation = 0; // answers to an earlier route are dropped

  function showView(name, title) {
    VIEWS.forEach(function (view) {
      byId('view-' + view).hidden = (view !== name);
    });
    byId('sign-in').hidden = true;
    byId('loading').hidden = true;
    var section = (name === 'status') ? 'status' : 'contacts';
    ['status', 'contacts'].forEach(function (item) {
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
    if (current.view === 'contact') {
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
