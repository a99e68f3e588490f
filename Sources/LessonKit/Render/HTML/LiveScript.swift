/// The script of a page `lesson serve` serves: it listens to the server's events (a new
/// page, the running cell's outputs, the class's current cell), swaps the content in place
/// keeping the scroll position, and on the teacher's page sends the control actions with
/// the page's token. Nothing else is fetched; everything it puts in the page came escaped
/// from the server or is set as text.
enum LiveScript {
    static let script = """

    (function () {
      var body = document.body, role = body.getAttribute('data-live');
      if (!role) return;
      var token = body.getAttribute('data-token') || '';
      var status = document.getElementById('live-status');
      var cursor = 0;
      function setStatus(text, cls) { if (!status) return; status.textContent = text; status.className = 'live-status ' + cls; }
      function decorate() {
        if (role === 'teacher') {
          Array.prototype.forEach.call(document.querySelectorAll('.cell[data-cell]'), function (cell) {
            var head = cell.querySelector('.cell-head');
            if (!head || head.querySelector('.teach')) return;
            [['rerun', 'Run again'], ['goto', 'Jump here']].forEach(function (a) {
              var b = document.createElement('button');
              b.type = 'button'; b.className = 'teach'; b.textContent = a[1];
              b.setAttribute('data-action', a[0]); b.setAttribute('data-cell', cell.getAttribute('data-cell'));
              head.appendChild(b);
            });
          });
        }
        markCursor(false);
      }
      function markCursor(scroll) {
        Array.prototype.forEach.call(document.querySelectorAll('.cell.current-step'), function (c) { c.classList.remove('current-step'); });
        var cell = document.getElementById('cell-' + cursor);
        if (cell) { cell.classList.add('current-step'); if (scroll) cell.scrollIntoView({ block: 'center' }); }
        var where = document.getElementById('teacher-where');
        if (where) where.textContent = cursor ? 'next: cell ' + cursor : '';
      }
      function swap(html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var x = window.scrollX, y = window.scrollY;
        ['main', 'nav.toc', 'header.top .source', 'header.top .name'].forEach(function (sel) {
          var now = document.querySelector(sel), next = doc.querySelector(sel);
          if (now && next) now.innerHTML = next.innerHTML;
        });
        if (doc.title) document.title = doc.title;
        decorate();
        window.scrollTo(x, y);
        if (window.lessonPage) window.lessonPage.refreshed();
      }
      function setVersion(v) { body.setAttribute('data-version', String(v)); }
      // A page this one missed (it loaded before the stream opened, or the stream dropped): fetch it.
      function catchUp(v) {
        if (String(v) === body.getAttribute('data-version')) return;
        fetch(location.href, { cache: 'no-store' }).then(function (r) { return r.text(); })
          .then(function (html) { swap(html); setVersion(v); }, function () {});
      }
      function cellOutput(data) {
        var nl = data.indexOf('\\n');
        var number = data.slice(0, nl), html = data.slice(nl + 1);
        var cell = document.getElementById('cell-' + number);
        if (!cell) return;
        Array.prototype.forEach.call(document.querySelectorAll('.cell.running'), function (c) { if (c !== cell) c.classList.remove('running'); });
        cell.classList.add('running');
        var outputs = cell.querySelector('.outputs');
        if (!outputs) return;
        var doc = new DOMParser().parseFromString('<div>' + html + '</div>', 'text/html');
        while (outputs.firstChild) outputs.removeChild(outputs.firstChild);
        Array.prototype.forEach.call(doc.body.firstChild.childNodes, function (n) { outputs.appendChild(document.importNode(n, true)); });
        outputs.classList.remove('empty');
      }
      var path = location.pathname;
      var source = new EventSource('/events?page=' + encodeURIComponent(path));
      source.addEventListener('open', function () { setStatus('live', 'on'); });
      source.addEventListener('error', function () { setStatus('reconnecting…', 'off'); });
      source.addEventListener('page', function (e) { swap(e.data); setVersion(e.lastEventId); });
      source.addEventListener('version', function (e) { catchUp(e.data); });
      source.addEventListener('cell', function (e) { cellOutput(e.data); });
      source.addEventListener('cursor', function (e) { cursor = Number(e.data) || 0; markCursor(role === 'follower'); });
      if (role === 'teacher') {
        document.addEventListener('click', function (e) {
          var b = e.target.closest ? e.target.closest('button[data-action]') : null;
          if (!b) return;
          var query = 'token=' + encodeURIComponent(token) + '&action=' + encodeURIComponent(b.getAttribute('data-action'));
          if (b.getAttribute('data-cell')) query += '&cell=' + encodeURIComponent(b.getAttribute('data-cell'));
          fetch('/control?' + query, { method: 'POST' }).then(function (r) {
            if (!r.ok) r.text().then(function (t) { setStatus(t, 'off'); });
          }, function () { setStatus('not sent', 'off'); });
        });
      }
      decorate();
    })();
    """
}
