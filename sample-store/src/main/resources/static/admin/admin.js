/* Sample store backoffice: vanilla JS, data rendered with textContent only. */
(function () {
  'use strict';

  var TOKEN_KEY = 'token'; // Shopizer's backoffice keeps the admin JWT here; the plugin's screens read it too.
  var PAGE_SIZE = 20;
  var VIEWS = {
    orders: { title: 'Orders', url: '/api/v1/private/orders', list: 'orders', row: orderRow },
    customers: { title: 'Customers', url: '/api/v1/private/customers', list: 'customers', row: customerRow },
    products: { title: 'Products', url: '/api/v1/products', list: 'products', row: productRow }
  };
  var state = { view: 'orders', page: 0, totalPages: 0 };

  function $(id) { return document.getElementById(id); }

  function token() {
    try { return window.localStorage.getItem(TOKEN_KEY); } catch (e) { return null; }
  }

  function showLogin(message) {
    try { window.localStorage.removeItem(TOKEN_KEY); } catch (e) { /* ignore */ }
    $('app').hidden = true;
    $('login-screen').hidden = false;
    var error = $('login-error');
    error.textContent = message || '';
    error.hidden = !message;
    $('login-email').focus();
  }

  function api(url) {
    var headers = { 'Accept': 'application/json' };
    var t = token();
    if (t) { headers['Authorization'] = 'Bearer ' + t; }
    return fetch(url, { headers: headers, credentials: 'same-origin' }).then(function (response) {
      if (response.status === 401) {
        showLogin('Your session has ended. Please sign in again.');
        throw new Error('unauthorized');
      }
      if (!response.ok) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          throw new Error(body && body.message ? body.message : 'Request failed (' + response.status + ')');
        });
      }
      return response.json();
    });
  }

  function cell(text, className) {
    var td = document.createElement('td');
    td.textContent = text == null ? '' : String(text);
    if (className) { td.className = className; }
    return td;
  }

  function badge(text) {
    var td = document.createElement('td');
    var span = document.createElement('span');
    span.className = 'badge';
    span.textContent = text == null ? '' : String(text);
    td.appendChild(span);
    return td;
  }

  function date(iso) {
    if (!iso) { return ''; }
    var d = new Date(iso);
    return isNaN(d.getTime()) ? iso : d.toLocaleDateString();
  }

  function fullName(address) {
    if (!address) { return ''; }
    return [address.firstName, address.lastName].filter(Boolean).join(' ');
  }

  function orderRow(o) {
    var tr = document.createElement('tr');
    tr.setAttribute('data-test', 'order-row');
    var items = (o.products || []).reduce(function (n, p) { return n + (p.orderedQuantity || 0); }, 0);
    tr.appendChild(cell('#' + o.id));
    tr.appendChild(cell(date(o.datePurchased)));
    tr.appendChild(cell(fullName(o.customer && o.customer.billing)));
    tr.appendChild(cell(o.customer && o.customer.emailAddress));
    tr.appendChild(cell(items, 'num'));
    tr.appendChild(cell(o.total && o.total.total, 'num'));
    tr.appendChild(badge(o.orderStatus));
    return tr;
  }

  function customerRow(c) {
    var tr = document.createElement('tr');
    tr.setAttribute('data-test', 'customer-row');
    tr.appendChild(cell(c.id));
    tr.appendChild(cell(fullName(c.billing)));
    tr.appendChild(cell(c.emailAddress));
    tr.appendChild(badge(c.registered ? 'Registered' : 'Guest'));
    tr.appendChild(cell(c.language));
    tr.appendChild(cell(c.orders, 'num'));
    return tr;
  }

  function productRow(p) {
    var tr = document.createElement('tr');
    tr.setAttribute('data-test', 'product-row');
    tr.appendChild(cell(p.sku));
    tr.appendChild(cell(p.name || (p.description && p.description.name)));
    tr.appendChild(cell((p.categories || []).map(function (c) { return c.code; }).join(', ')));
    tr.appendChild(cell(p.finalPrice, 'num'));
    tr.appendChild(cell(p.quantity, 'num'));
    return tr;
  }

  function render() {
    var view = VIEWS[state.view];
    Object.keys(VIEWS).forEach(function (name) {
      $('view-' + name).hidden = name !== state.view;
    });
    Array.prototype.forEach.call(document.querySelectorAll('#nav a'), function (a) {
      a.classList.toggle('active', a.getAttribute('data-view') === state.view);
    });
    $('view-title').textContent = view.title;
    $('view-error').hidden = true;
    var url = view.url + '?store=DEFAULT&lang=en&page=' + state.page + '&count=' + PAGE_SIZE;
    api(url).then(function (data) {
      var tbody = document.querySelector('#' + state.view + '-table tbody');
      while (tbody.firstChild) { tbody.removeChild(tbody.firstChild); }
      (data[view.list] || []).forEach(function (item) { tbody.appendChild(view.row(item)); });
      state.totalPages = data.totalPages || 0;
      $('view-count').textContent = (data.recordsTotal || 0) + ' in total';
      $('page-info').textContent = state.totalPages ? 'Page ' + (state.page + 1) + ' of ' + state.totalPages : '';
      $('prev').disabled = state.page <= 0;
      $('next').disabled = state.page + 1 >= state.totalPages;
    }).catch(function (e) {
      if (e.message !== 'unauthorized') {
        $('view-error').textContent = e.message;
        $('view-error').hidden = false;
      }
    });
  }

  /** A navigation entry a plugin contributes: only a same-origin path is accepted as its link. */
  function loadPluginMenu() {
    var list = $('nav-plugins');
    while (list.firstChild) { list.removeChild(list.firstChild); }
    fetch('/remarketing/admin/menu.json', { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (response) { return response.status === 200 ? response.json() : null; })
      .then(function (menu) {
        if (!menu || typeof menu.label !== 'string' || typeof menu.href !== 'string') { return; }
        if (menu.href.charAt(0) !== '/' || menu.href.charAt(1) === '/' || menu.href.charAt(1) === '\\') { return; }
        var slug = menu.label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
        var li = document.createElement('li');
        var a = document.createElement('a');
        a.href = menu.href;
        a.id = 'nav-' + slug;
        a.setAttribute('data-test', 'nav-' + slug);
        if (typeof menu.icon === 'string' && menu.icon.length > 0 && menu.icon.length <= 4) {
          var icon = document.createElement('span');
          icon.className = 'nav-icon';
          icon.setAttribute('aria-hidden', 'true');
          icon.textContent = menu.icon;
          a.appendChild(icon);
        }
        a.appendChild(document.createTextNode(menu.label));
        li.appendChild(a);
        list.appendChild(li);
      })
      .catch(function () { /* no plugin, no entry */ });
  }

  function showApp() {
    $('login-screen').hidden = true;
    $('app').hidden = false;
    loadPluginMenu();
    route();
  }

  function route() {
    var name = (window.location.hash || '#orders').substring(1);
    state.view = VIEWS[name] ? name : 'orders';
    state.page = 0;
    render();
  }

  $('login-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var submit = $('login-submit');
    submit.disabled = true;
    $('login-error').hidden = true;
    fetch('/api/v1/private/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify({ username: $('login-email').value.trim(), password: $('login-password').value })
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (!response.ok || !body.token) {
          throw new Error(response.status === 401 ? 'Wrong email or password.' : (body.message || 'Sign-in failed.'));
        }
        window.localStorage.setItem(TOKEN_KEY, body.token);
        $('login-password').value = '';
        showApp();
      });
    }).catch(function (e) {
      $('login-error').textContent = e.message;
      $('login-error').hidden = false;
    }).then(function () { submit.disabled = false; });
  });

  $('signout').addEventListener('click', function () { showLogin(); });
  $('prev').addEventListener('click', function () { if (state.page > 0) { state.page--; render(); } });
  $('next').addEventListener('click', function () { if (state.page + 1 < state.totalPages) { state.page++; render(); } });
  window.addEventListener('hashchange', function () { if (token()) { route(); } });

  if (token()) { showApp(); } else { showLogin(); }
}());
