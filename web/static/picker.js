// Search-as-you-type pickers: <span class="pick" data-pick="KIND"> holds a
// hidden input (the id the form sends), a text box (the name shown) and a
// listbox. Typing asks /api/v1/pick/KIND?q=… (only records the user may
// open come back); choosing an answer sets the id. data-scope names
// another field whose id narrows the search (a signer among the chosen
// customer's contacts). Clearing the text clears the id.
(function () {
  function setup(box) {
    var id = box.querySelector('input[type=hidden]');
    var text = box.querySelector('input[role=combobox]');
    var list = box.querySelector('[role=listbox]');
    var timer, seq = 0, active = -1;
    function options() { return list.querySelectorAll('[role=option]'); }
    function close() { list.hidden = true; text.setAttribute('aria-expanded', 'false'); active = -1; text.removeAttribute('aria-activedescendant'); }
    function mark(i) {
      var os = options();
      if (!os.length) return;
      active = (i + os.length) % os.length;
      os.forEach(function (o, j) { o.setAttribute('aria-selected', j === active ? 'true' : 'false'); });
      text.setAttribute('aria-activedescendant', os[active].id);
    }
    function choose(o) {
      id.value = o.dataset.id;
      text.value = o.dataset.label;
      id.dispatchEvent(new Event('change', { bubbles: true }));
      close();
    }
    function show(items) {
      list.textContent = '';
      items.forEach(function (it, i) {
        var li = document.createElement('li');
        li.setAttribute('role', 'option');
        li.id = list.id + '-' + i;
        li.dataset.id = it.id;
        li.dataset.label = it.label;
        li.textContent = it.label;
        if (it.hint) {
          var h = document.createElement('span');
          h.className = 'muted';
          h.textContent = ' ' + it.hint;
          li.appendChild(h);
        }
        list.appendChild(li);
      });
      if (!items.length) {
        var none = document.createElement('li');
        none.className = 'muted';
        none.textContent = box.dataset.none;
        list.appendChild(none);
      }
      list.hidden = false;
      text.setAttribute('aria-expanded', 'true');
    }
    function search() {
      var q = new URLSearchParams({ q: text.value.trim() });
      var scope = box.dataset.scope && box.form.elements[box.dataset.scope];
      if (scope && scope.value) q.set(box.dataset.scope, scope.value);
      var mine = ++seq;
      fetch('/api/v1/pick/' + box.dataset.pick + '?' + q, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (items) { if (mine === seq) show(items); })
        .catch(function () {});
    }
    text.addEventListener('input', function () {
      if (!text.value.trim()) id.value = '';
      clearTimeout(timer);
      timer = setTimeout(search, 150);
    });
    text.addEventListener('focus', function () { if (!id.value) search(); });
    text.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown') { e.preventDefault(); if (list.hidden) search(); else mark(active + 1); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); mark(active - 1); }
      else if (e.key === 'Enter' && !list.hidden && active >= 0) { e.preventDefault(); choose(options()[active]); }
      else if (e.key === 'Escape') close();
    });
    list.addEventListener('mousedown', function (e) {
      var o = e.target.closest('[role=option]');
      if (o) { e.preventDefault(); choose(o); }
    });
    text.addEventListener('blur', function () { setTimeout(close, 100); });
  }
  document.querySelectorAll('.pick').forEach(function (box) {
    box.form = box.closest('form');
    setup(box);
  });
})();
