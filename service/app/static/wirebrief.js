// wirebrief page script (injected in <head>): sentence highlighting in side-by-side views and copy buttons.
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
  document.addEventListener('click', function (e) {
    var el = e.target.closest && e.target.closest('[data-wb-sbs] [data-k]');
    if (el) { pin(el); return; }
    var btn = e.target.closest && e.target.closest('.wb-copy[data-copy-target]');
    if (!btn) return;
    var target = document.getElementById(btn.getAttribute('data-copy-target'));
    if (!target) return;
    var text = target.innerText;
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
    if (el) { e.preventDefault(); pin(el); }
  });
})();
