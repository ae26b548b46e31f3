// Copy buttons of the admin pages: <button data-copy="ID" data-done="Copied">
// copies the value of the textarea, or the address of the link, with that id.
document.addEventListener('click', function (e) {
  var b = e.target.closest('[data-copy]');
  if (!b) return;
  var el = document.getElementById(b.dataset.copy);
  var text = el.tagName === 'A' ? el.href : el.value;
  var done = function () { b.textContent = b.dataset.done; };
  var fallback = function () {
    var t = document.createElement('textarea');
    t.value = text; document.body.appendChild(t); t.select();
    document.execCommand('copy'); t.remove(); done();
  };
  if (navigator.clipboard) navigator.clipboard.writeText(text).then(done, fallback); else fallback();
});
