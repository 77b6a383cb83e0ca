// The development IDE: GraphiQL with examples/ preloaded as tabs, and a minter for
// development tokens. The token lives in this page's memory only (no localStorage), and
// GraphiQL is given an in-memory storage for the same reason.
(function () {
  'use strict';
  var token = null;
  var form = document.getElementById('minter');
  var status = document.getElementById('m-status');
  var roleSelect = document.getElementById('m-role');
  var exampleSelect = document.getElementById('m-example');
  var county = document.getElementById('m-county');
  var idNumber = document.getElementById('m-id');
  var examples = [];

  function memoryStorage() {
    var items = {};
    return {
      getItem: function (k) {
        return Object.prototype.hasOwnProperty.call(items, k) ? items[k] : null;
      },
      setItem: function (k, v) {
        items[k] = String(v);
      },
      removeItem: function (k) {
        delete items[k];
      },
      clear: function () {
        items = {};
      },
      get length() {
        return Object.keys(items).length;
      },
    };
  }

  function mint() {
    var body = { role: roleSelect.value, county: county.value, idNumber: idNumber.value };
    status.textContent = '签发中… Minting…';
    return fetch('/graphql/ide/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
      .then(function (res) {
        return res.json().then(function (json) {
          if (!res.ok) throw json;
          return json;
        });
      })
      .then(function (json) {
        token = json.token;
        status.textContent = '当前令牌 Token: ' + json.role + (json.county ? ' · ' + json.county : '') + '（1 小时 1 hour）';
        status.className = 'ok';
      })
      .catch(function (err) {
        token = null;
        status.textContent = (err && err.error) || '签发失败 Could not mint a token';
        status.className = 'error';
        if (err && err.field === 'county') county.focus();
        if (err && err.field === 'idNumber') idNumber.focus();
      });
  }

  function fetcher(params, opts) {
    var headers = { 'content-type': 'application/json', accept: 'application/json' };
    if (token) headers.authorization = 'Bearer ' + token;
    var extra = (opts && opts.headers) || {};
    Object.keys(extra).forEach(function (k) {
      headers[k.toLowerCase()] = extra[k];
    });
    return fetch('/graphql', { method: 'POST', headers: headers, body: JSON.stringify(params) }).then(function (res) {
      return res.json();
    });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    mint();
  });
  exampleSelect.addEventListener('change', function () {
    var ex = examples[Number(exampleSelect.value)];
    if (!ex) return;
    if (ex.role) roleSelect.value = ex.role;
    if (ex.county) county.value = ex.county;
    mint();
  });

  fetch('/graphql/ide/examples.json')
    .then(function (res) {
      return res.json();
    })
    .then(function (data) {
      examples = data.examples;
      data.roles.forEach(function (r) {
        var o = document.createElement('option');
        o.value = r;
        o.textContent = r;
        roleSelect.appendChild(o);
      });
      var none = document.createElement('option');
      none.value = '';
      none.textContent = examples.length ? '（选择以签发其角色的令牌 pick to mint its role）' : '（examples/ 为空 none yet）';
      exampleSelect.appendChild(none);
      examples.forEach(function (ex, i) {
        var o = document.createElement('option');
        o.value = String(i);
        o.textContent = ex.name + (ex.role ? ' — ' + ex.role : '');
        exampleSelect.appendChild(o);
      });
      var first = examples.find(function (ex) {
        return ex.role;
      });
      roleSelect.value = (first && first.role) || 'county_platform';
      if (first && first.county) county.value = first.county;
      if (!data.devKeys) {
        status.textContent = '此网关信任身份平台，开发令牌无效 This gateway trusts an identity platform: development tokens are refused';
        status.className = 'error';
        return null;
      }
      return mint();
    })
    .then(function () {
      var tabs = examples.map(function (ex) {
        return { query: ex.query, variables: ex.variables || undefined };
      });
      var root = ReactDOM.createRoot(document.getElementById('graphiql'));
      root.render(
        React.createElement(GraphiQL, {
          fetcher: fetcher,
          defaultTabs: tabs.length ? tabs : undefined,
          storage: memoryStorage(),
          shouldPersistHeaders: false,
          defaultEditorToolsVisibility: true,
        }),
      );
    });
})();
