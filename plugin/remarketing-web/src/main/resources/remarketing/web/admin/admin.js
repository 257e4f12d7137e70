// The Remarketing status screen. Data from the server is only ever inserted with textContent.
(function () {
  'use strict';

  // Relative to this page, so that a servlet context path is kept.
  var base = new URL('./', window.location.href);

  function byId(id) {
    return document.getElementById(id);
  }

  function setText(id, value) {
    byId(id).textContent = (value === null || value === undefined || value === '') ? '–' : String(value);
  }

  function show(id) {
    ['loading', 'sign-in', 'failure', 'status'].forEach(function (section) {
      byId(section).hidden = (section !== id);
    });
    byId('refresh').hidden = (id === 'loading' || id === 'sign-in');
  }

  function readToken() {
    try {
      return window.localStorage.getItem('token');
    } catch (e) {
      return null;
    }
  }

  function loadConfig() {
    return fetch(new URL('config.json', base), { credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.json() : {}; })
      .catch(function () { return {}; });
  }

  function render(status) {
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
    setText('plugin-version', plugin.version ? 'v' + plugin.version : '');
    show('status');
  }

  function load(config) {
    var token = readToken();
    if (!token) {
      show('sign-in');
      return;
    }
    show('loading');
    fetch(new URL('../../' + String(config.statusUrl || '/api/v1/private/remarketing/status').replace(/^\//, ''), base), {
      headers: { 'Authorization': 'Bearer ' + token, 'Accept': 'application/json' },
      credentials: 'same-origin',
      cache: 'no-store'
    }).then(function (response) {
      if (response.status === 401 || response.status === 403) {
        show('sign-in');
        return null;
      }
      if (!response.ok) {
        throw new Error('The server answered HTTP ' + response.status + '.');
      }
      return response.json();
    }).then(function (status) {
      if (status) {
        render(status);
      }
    }).catch(function (error) {
      setText('failure-detail', error && error.message ? error.message : 'The server could not be reached.');
      show('failure');
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    loadConfig().then(function (config) {
      if (config.backofficeUrl) {
        byId('sign-in-link').href = config.backofficeUrl;
        byId('backoffice-link').href = config.backofficeUrl;
      }
      byId('refresh').addEventListener('click', function () { load(config); });
      load(config);
    });
  });
})();
