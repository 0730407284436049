// The list page's only script, served same-origin at /dashboard.js (the CSP allows no inline script).
// It opens /events with the page's own filter and puts each new login's row at the top of the table.
// The row HTML was escaped on the server; nothing from the event is ever evaluated.
export const DASHBOARD_JS = `'use strict';
(function () {
  var table = document.getElementById('logins');
  var status = document.getElementById('live-status');
  var count = document.getElementById('login-count');
  if (!table || typeof EventSource !== 'function') return;
  var body = table.tBodies[0];
  // The page's filter, plus the newest login it shows: the server first sends any login recorded since.
  var params = new URLSearchParams(window.location.search);
  var newest = table.getAttribute('data-newest');
  if (newest) params.set('after', newest);
  var query = params.toString();
  var source = new EventSource('/events' + (query ? '?' + query : ''));
  source.onopen = function () { if (status) status.textContent = 'live: new logins appear here'; };
  source.onerror = function () { if (status) status.textContent = 'live updates reconnecting…'; };
  source.addEventListener('login', function (event) {
    var login;
    try { login = JSON.parse(event.data); } catch (e) { return; }
    if (!login || typeof login.id !== 'string' || typeof login.rowHtml !== 'string') return;
    var rows = body.querySelectorAll('tr[data-login-id]');
    for (var i = 0; i < rows.length; i++) if (rows[i].getAttribute('data-login-id') === login.id) return;
    var empty = body.querySelector('tr.empty');
    if (empty) empty.remove();
    body.insertAdjacentHTML('afterbegin', login.rowHtml);
    if (body.firstElementChild) body.firstElementChild.classList.add('fresh');
    if (count) count.textContent = String(body.querySelectorAll('tr[data-login-id]').length);
  });
  window.addEventListener('pagehide', function () { source.close(); });
})();
`;
