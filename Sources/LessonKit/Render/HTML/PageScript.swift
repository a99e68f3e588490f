/// The page's inline JavaScript (the live page adds `LiveScript`).
enum PageScript {
    /// Present mode (`p` or the button: one block at a time, arrows move); copy buttons; the
    /// contents entry of the section being read; search over the site's embedded index.
    /// Handlers are delegated from the document, so a live page whose content is swapped
    /// keeps them.
    static let script = """
    (function () {
      function blocks() { return Array.prototype.slice.call(document.querySelectorAll('.block')); }
      var where = document.getElementById('where');
      var index = 0;
      function show(i) {
        var all = blocks();
        if (!all.length) return;
        index = Math.max(0, Math.min(all.length - 1, i));
        all.forEach(function (b, k) { b.classList.toggle('current', k === index); });
        if (where) where.textContent = (index + 1) + ' / ' + all.length;
        window.scrollTo(0, 0);
      }
      function toggle() {
        // Start from the block in view; measure before the other blocks are hidden.
        var y = window.scrollY, found = 0;
        blocks().forEach(function (b, k) { if (b.offsetTop <= y + 80) found = k; });
        if (document.body.classList.toggle('presenting')) show(found);
      }
      function presenting() { return document.body.classList.contains('presenting'); }
      function copy(button) {
        var code = button.closest('.cell').querySelector('pre.code');
        var text = code ? code.textContent : '';
        function done() { button.textContent = 'Copied'; button.classList.add('done');
          setTimeout(function () { button.textContent = 'Copy'; button.classList.remove('done'); }, 1500); }
        if (navigator.clipboard && window.isSecureContext) { navigator.clipboard.writeText(text).then(done, function () {}); return; }
        var area = document.createElement('textarea');
        area.value = text; area.setAttribute('readonly', ''); area.style.position = 'fixed'; area.style.opacity = '0';
        document.body.appendChild(area); area.select();
        try { document.execCommand('copy'); done(); } catch (e) {}
        document.body.removeChild(area);
      }
      document.addEventListener('click', function (e) {
        var t = e.target.closest ? e.target.closest('button') : null;
        if (!t) return;
        if (t.id === 'present') toggle();
        else if (t.id === 'back') show(index - 1);
        else if (t.id === 'next') show(index + 1);
        else if (t.classList.contains('copy')) copy(t);
      });
      document.addEventListener('keydown', function (e) {
        if (e.ctrlKey || e.metaKey || e.altKey) return;
        if (e.target && (e.target.tagName === 'INPUT' || e.target.tagName === 'TEXTAREA')) return;
        if (e.key === 'p' || e.key === 'P') { toggle(); e.preventDefault(); return; }
        if (!presenting()) return;
        if (e.key === 'ArrowRight' || e.key === 'ArrowDown' || e.key === ' ' || e.key === 'PageDown') { show(index + 1); e.preventDefault(); }
        else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp' || e.key === 'PageUp') { show(index - 1); e.preventDefault(); }
        else if (e.key === 'Escape') { toggle(); }
      });
      // The section being read: the last heading above the top fifth of the window.
      var ticking = false;
      function highlight() {
        ticking = false;
        var links = document.querySelectorAll('nav.toc a[href^="#"]');
        var current = null;
        for (var i = 0; i < links.length; i++) {
          var target = document.getElementById(decodeURIComponent(links[i].getAttribute('href').slice(1)));
          if (target && target.getBoundingClientRect().top <= window.innerHeight / 5) current = links[i];
        }
        for (var j = 0; j < links.length; j++) links[j].classList.toggle('active', links[j] === current);
      }
      window.addEventListener('scroll', function () { if (!ticking) { ticking = true; requestAnimationFrame(highlight); } });
      window.lessonPage = { refreshed: highlight };
      highlight();
      // Search: every word typed must occur in a lesson's title or text.
      var input = document.getElementById('search'), list = document.getElementById('search-results');
      var data = document.getElementById('search-index');
      var pages = [];
      try { pages = data ? JSON.parse(data.textContent) : []; } catch (e) { pages = []; }
      function excerpt(text, word) {
        var at = text.toLowerCase().indexOf(word);
        var start = Math.max(0, at - 40);
        return { before: (start > 0 ? '…' : '') + text.slice(start, at), hit: text.slice(at, at + word.length),
                 after: text.slice(at + word.length, at + word.length + 60) + '…' };
      }
      function search() {
        var words = input.value.toLowerCase().split(/\\s+/).filter(Boolean);
        while (list.firstChild) list.removeChild(list.firstChild);
        if (!words.length) { list.hidden = true; return; }
        var found = pages.filter(function (p) {
          var hay = (p.title + ' ' + p.text).toLowerCase();
          return words.every(function (w) { return hay.indexOf(w) >= 0; });
        });
        found.slice(0, 20).forEach(function (p) {
          var li = document.createElement('li'), a = document.createElement('a');
          a.href = encodeURI(p.file); a.textContent = p.title; li.appendChild(a);
          var hay = p.title + ' ' + p.text, e = excerpt(hay, words[0]);
          var small = document.createElement('small'), mark = document.createElement('mark');
          small.appendChild(document.createTextNode(e.before)); mark.textContent = e.hit; small.appendChild(mark);
          small.appendChild(document.createTextNode(e.after)); li.appendChild(small);
          list.appendChild(li);
        });
        if (!found.length) { var none = document.createElement('li'); none.textContent = 'No lesson has these words.'; list.appendChild(none); }
        list.hidden = false;
      }
      if (input && list) {
        input.addEventListener('input', search);
        input.addEventListener('keydown', function (e) { if (e.key === 'Escape') { input.value = ''; search(); } });
      }
    })();
    """
}
