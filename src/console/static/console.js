// The console's only script: keyboard conveniences on top of pages that work without it.
//   /        focus the first search field
//   g s, g i, g a   go to search, integrity, alerts
//   n / p    next / previous page (or entry in the chain)
// Typing in a field never triggers a shortcut.
(function () {
  'use strict';

  // after a refused form, take the keyboard to the list of what to correct
  var summary = document.getElementById('error-summary');
  if (summary) summary.focus();

  // after the identity platform's redirect: continue with a navigation of our own (it carries the cookie)
  var follow = document.querySelector('a[data-auto-follow]');
  if (follow) window.location.replace(follow.getAttribute('href'));

  var pending = '';
  document.addEventListener('keydown', function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA' || target.isContentEditable))
      return;
    var key = event.key;
    if (pending === 'g') {
      pending = '';
      var to = { s: '/console', i: '/console/integrity', a: '/console/alerts' }[key];
      if (to) {
        event.preventDefault();
        window.location.assign(to);
      }
      return;
    }
    if (key === 'g') {
      pending = 'g';
      return;
    }
    if (key === '/') {
      var first = document.querySelector('form.search input:not([type=hidden]), form.search select');
      if (first) {
        event.preventDefault();
        first.focus();
      }
      return;
    }
    if (key === 'n' || key === 'p') {
      var link = document.querySelector(key === 'n' ? 'a[rel=next]' : 'a[rel=prev]');
      if (link) {
        event.preventDefault();
        link.click();
      }
    }
  });

  // a "verify now" can take a while on a long log: say so instead of looking stuck
  var verify = document.querySelector('form[action$="/integrity/verify"]');
  if (verify) {
    verify.addEventListener('submit', function () {
      var button = verify.querySelector('button');
      if (button) {
        button.setAttribute('aria-disabled', 'true');
        button.textContent = '校验中… Verifying…';
      }
    });
  }
})();
