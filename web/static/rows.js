// "Add an input" on the form editor: <button data-add-row="TBODY-ID">
// appends a blank copy of the table's last row, its inputs renamed to the
// next index (fields.N.name …), so that a form with many inputs takes one
// save. Without script the button stays hidden and the blank rows the
// server sends do the same job.
document.querySelectorAll('[data-add-row]').forEach(function (b) { b.hidden = false; });
document.addEventListener('click', function (e) {
  var b = e.target.closest('[data-add-row]');
  if (!b) return;
  var body = document.getElementById(b.dataset.addRow);
  var last = body && body.rows[body.rows.length - 1];
  if (!last) return;
  var row = last.cloneNode(true), n = body.rows.length;
  row.querySelectorAll('[name]').forEach(function (el) {
    el.name = el.name.replace(/^fields\.\d+\./, 'fields.' + n + '.');
    if (el.type === 'checkbox') el.checked = false;
    else if (el.tagName === 'SELECT') el.selectedIndex = 0;
    else el.value = '';
    el.removeAttribute('aria-invalid');
  });
  row.querySelectorAll('.rec-error').forEach(function (el) { el.remove(); });
  body.appendChild(row);
  row.querySelector('input').focus();
});
