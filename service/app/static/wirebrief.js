// wirebrief page script (injected in <head>): sentence highlighting in side-by-side views, summary provenance
// (a summary line highlights the translated sentences that support it), copy buttons; the reader's way through
// the page: after Translate / Continue the "at a glance" box comes into view and takes focus, arrow keys move
// between sentence rows, the checks filter by kind, notes fold on phones, a character counter under the text.
// Event delegation on the document, so views re-rendered by Gradio (streaming updates) keep working.
(function () {
  if (window.__wirebrief) return;
  window.__wirebrief = true;
  function peers(el) {
    var box = el.closest('[data-wb-sbs]');
    var key = el.getAttribute('data-k');
    if (!box || !key) return [];
    return Array.prototype.slice.call(box.querySelectorAll('[data-k="' + key + '"]'));
  }
  function clear(box, cls) {
    box.querySelectorAll('.' + cls).forEach(function (n) { n.classList.remove(cls); });
  }
  document.addEventListener('mouseover', function (e) {
    var el = e.target.closest && e.target.closest('[data-wb-sbs] [data-k]');
    if (!el) return;
    var box = el.closest('[data-wb-sbs]');
    clear(box, 'wb-hl');
    peers(el).forEach(function (n) { n.classList.add('wb-hl'); });
  });
  document.addEventListener('mouseout', function (e) {
    var el = e.target.closest && e.target.closest('[data-wb-sbs] [data-k]');
    if (!el) return;
    var box = el.closest('[data-wb-sbs]');
    clear(box, 'wb-hl');
    box.querySelectorAll('.wb-pinned').forEach(function (n) { n.classList.add('wb-hl'); });
  });
  function pin(el) {
    var box = el.closest('[data-wb-sbs]');
    var was = el.classList.contains('wb-pinned');
    clear(box, 'wb-pinned');
    clear(box, 'wb-hl');
    if (!was) peers(el).forEach(function (n) { n.classList.add('wb-pinned', 'wb-hl'); });
  }
  // Summary provenance: items carry data-prov="p-s p-s" (keys of supporting sentences); the side-by-side views of
  // the same Result (data-wb-result) highlight those English sentences. Hover shows, click pins.
  function provItem(e) { return e.target.closest && e.target.closest('[data-wb-result] [data-prov]'); }
  function provBoxes(item) {
    var owner = item.closest('[data-wb-result]');
    var id = owner ? owner.getAttribute('data-wb-result') : '';
    return Array.prototype.slice.call(document.querySelectorAll('[data-wb-sbs][data-wb-result="' + id + '"]'));
  }
  function provShow(item, cls) {
    var keys = (item.getAttribute('data-prov') || '').split(' ').filter(Boolean);
    var first = null;
    provBoxes(item).forEach(function (box) {
      clear(box, cls);
      keys.forEach(function (k) {
        box.querySelectorAll('.wb-dst[data-k="' + k + '"]').forEach(function (n) {
          n.classList.add(cls);
          if (!first && n.offsetParent) first = n;
        });
      });
    });
    return first;
  }
  function provClear(item, cls) { provBoxes(item).forEach(function (box) { clear(box, cls); }); }
  function provPin(item) {
    var owner = item.closest('[data-wb-result]');
    var was = item.classList.contains('wb-prov-pinned');
    owner.querySelectorAll('.wb-prov-pinned').forEach(function (n) { n.classList.remove('wb-prov-pinned'); });
    provClear(item, 'wb-prov-pin');
    if (was) return;
    item.classList.add('wb-prov-pinned');
    var first = provShow(item, 'wb-prov-pin');
    if (first && first.scrollIntoView) first.scrollIntoView({block: 'nearest'});
  }
  document.addEventListener('mouseover', function (e) {
    var item = provItem(e);
    if (item) provShow(item, 'wb-prov-hl');
  });
  document.addEventListener('mouseout', function (e) {
    var item = provItem(e);
    if (item) provClear(item, 'wb-prov-hl');
  });
  document.addEventListener('click', function (e) {
    var el = e.target.closest && e.target.closest('[data-wb-sbs] [data-k]');
    if (el) { pin(el); return; }
    var item = provItem(e);
    if (item) { provPin(item); return; }
    var btn = e.target.closest && e.target.closest('.wb-copy[data-copy-target]');
    if (!btn) return;
    var target = document.getElementById(btn.getAttribute('data-copy-target'));
    var text = btn.hasAttribute('data-copy-text') ? btn.getAttribute('data-copy-text') : (target ? target.innerText : null);
    if (text === null) return;
    function done() { btn.classList.add('wb-copied'); btn.textContent = 'Copied'; setTimeout(function () { btn.classList.remove('wb-copied'); btn.textContent = 'Copy'; }, 1500); }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () {});
    } else {
      var area = document.createElement('textarea');
      area.value = text; document.body.appendChild(area); area.select();
      try { document.execCommand('copy'); done(); } catch (err) {}
      document.body.removeChild(area);
    }
  });
  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    var el = e.target.closest && e.target.closest('[data-wb-sbs] [data-k]');
    if (el) { e.preventDefault(); pin(el); return; }
    var item = provItem(e);
    if (item) { e.preventDefault(); provPin(item); }
  });
  // ---- the reader's way through the page
  function glanceBox(prefix) { return document.getElementById((prefix || 'wb-dispatch') + '-glance-box'); }
  function bringGlance(prefix) {
    var box = glanceBox(prefix);
    if (!box) return;
    if (!box.hasAttribute('tabindex')) box.setAttribute('tabindex', '-1');
    box.scrollIntoView({block: 'start'});
    box.focus({preventScroll: true});
  }
  document.addEventListener('click', function (e) {
    if (!e.target.closest) return;
    if (e.target.closest('#wb-run, #wb-dispatch-continue')) {
      setTimeout(function () { bringGlance('wb-dispatch'); }, 120);
      glanceWanted = Date.now();  // and once more when its first content arrives (the page is taller by then)
      return;
    }
    var skip = e.target.closest('a.wb-skip');
    if (skip) { e.preventDefault(); bringGlance('wb-dispatch'); return; }
    var toggle = e.target.closest('.wb-notes-toggle');
    if (toggle) {
      var box = toggle.closest('.wb-notes');
      var open = box.classList.toggle('wb-open');
      toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
      return;
    }
    var filter = e.target.closest('.wb-flag-filter');
    if (filter) {
      var panel = filter.closest('.wb-flags');
      var kind = filter.getAttribute('data-kind');
      panel.querySelectorAll('.wb-flag-filter').forEach(function (b) { b.setAttribute('aria-pressed', b === filter ? 'true' : 'false'); });
      panel.querySelectorAll('.wb-flag-group').forEach(function (g) { g.hidden = kind !== 'all' && g.getAttribute('data-kind') !== kind; });
      return;
    }
    var flag = e.target.closest('li.wb-flag[data-k]');
    if (flag && flag.getAttribute('data-k')) {
      var owner = flag.closest('[id$="-flags"]');
      var sbs = owner && document.getElementById(owner.id.replace(/-flags$/, '-sbs'));
      var target = sbs && sbs.querySelector('.wb-src[data-k="' + flag.getAttribute('data-k') + '"]');
      if (target) { target.scrollIntoView({block: 'center'}); if (!target.classList.contains('wb-pinned')) pin(target); target.focus({preventScroll: true}); }
    }
  });
  var glanceWanted = 0;
  new MutationObserver(function () {
    if (!glanceWanted) return;
    if (Date.now() - glanceWanted > 60000) { glanceWanted = 0; return; }
    var glance = document.querySelector('#wb-dispatch-glance .wb-glance');
    if (glance) { glanceWanted = 0; bringGlance('wb-dispatch'); }
  }).observe(document.documentElement, {subtree: true, childList: true});
  // Arrow keys inside a side-by-side view: up/down between sentence rows, left/right between French and English.
  // Only one sentence per view is in the Tab order (roving tabindex), so Tab leaves the view in one press.
  document.addEventListener('keydown', function (e) {
    var el = e.target.closest && e.target.closest('[data-wb-sbs] .wb-s');
    if (!el) return;
    var box = el.closest('[data-wb-sbs]');
    var side = el.classList.contains('wb-src') ? '.wb-src' : '.wb-dst';
    var list = Array.prototype.slice.call(box.querySelectorAll(side));
    var i = list.indexOf(el), next = null;
    if (e.key === 'ArrowDown') next = list[Math.min(i + 1, list.length - 1)];
    else if (e.key === 'ArrowUp') next = list[Math.max(i - 1, 0)];
    else if (e.key === 'Home') next = list[0];
    else if (e.key === 'End') next = list[list.length - 1];
    else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      next = box.querySelector((e.key === 'ArrowRight' ? '.wb-dst' : '.wb-src') + '[data-k="' + el.getAttribute('data-k') + '"]');
    }
    if (!next || next === el) return;
    e.preventDefault();
    box.querySelectorAll('.wb-s[tabindex="0"]').forEach(function (n) { n.setAttribute('tabindex', '-1'); });
    next.setAttribute('tabindex', '0');
    next.focus();
    clear(box, 'wb-hl');
    peers(next).forEach(function (n) { n.classList.add('wb-hl'); });
  });
  // Character counter under the dispatch text (the server enforces the same limit).
  setInterval(function () {
    var counter = document.getElementById('wb-char-count');
    var area = document.querySelector('#wb-dispatch-text textarea');
    if (!counter || !area) return;
    var limit = parseInt(counter.getAttribute('data-limit'), 10) || 0;
    var n = area.value.length;
    var text = n.toLocaleString('en') + ' / ' + limit.toLocaleString('en') + ' characters';
    if (n > limit) text += ' — ' + (n - limit).toLocaleString('en') + ' over the limit: shorten the dispatch or split it';
    if (counter.textContent !== text) counter.textContent = text;
    counter.classList.toggle('wb-over', n > limit);
  }, 300);
})();
