// A list's "select this page" box ticks or clears every row's box; the
// bulk form sends the ticked ids (the boxes belong to it by form="bulk").
document.addEventListener('change', function (e) {
  var all = e.target.closest('[data-check-all]');
  if (!all) return;
  document.querySelectorAll('input[name="id"][form="bulk"]').forEach(function (b) { b.checked = all.checked; });
});
