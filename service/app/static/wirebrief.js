// wirebrief page script (injected in <head>): sentence highlighting in side-by-side views, summary provenance
// (a summary line highlights the translated sentences that support it) and copy buttons.
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
})();
