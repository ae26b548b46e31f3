// Canned replies by "/": typing / at the start of a word in the composer
// opens a list of the saved answers filtered by what follows; ↑ ↓ choose,
// Enter or Tab insert (replacing "/words"), Esc closes. The list is the
// page's own (the composer renders every canned reply as an option).
"use strict";
(function () {
  var pop = document.getElementById("canned-pop");
  var box = pop && document.querySelector("#composer textarea[name=text]");
  if (!box) return;
  var options = Array.prototype.slice.call(pop.querySelectorAll("li[data-text]"));
  var none = pop.querySelector("li.none");
  var shown = [], active = -1, start = -1;

  // query is the "/words" just before the caret, or null.
  function query() {
    var before = box.value.slice(0, box.selectionStart);
    var m = /(^|\s)\/([^\s/]*)$/.exec(before);
    if (!m) return null;
    start = before.length - m[2].length - 1;
    return m[2].toLowerCase();
  }

  function close() {
    pop.hidden = true;
    box.setAttribute("aria-expanded", "false");
    box.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function mark(i) {
    shown.forEach(function (li, j) { li.setAttribute("aria-selected", j === i ? "true" : "false"); });
    active = i;
    if (shown[i]) {
      box.setAttribute("aria-activedescendant", shown[i].id);
      shown[i].scrollIntoView({ block: "nearest" });
    }
  }

  function update() {
    var q = query();
    if (q === null) return close();
    shown = options.filter(function (li) {
      var hit = (li.dataset.title + " " + li.dataset.text).toLowerCase().indexOf(q) >= 0;
      li.hidden = !hit;
      return hit;
    });
    none.hidden = shown.length > 0;
    pop.hidden = false;
    box.setAttribute("aria-expanded", "true");
    mark(shown.length ? 0 : -1);
  }

  function insert(li) {
    var end = box.selectionStart, text = li.dataset.text;
    box.value = box.value.slice(0, start) + text + box.value.slice(end);
    box.selectionStart = box.selectionEnd = start + text.length;
    close();
    box.focus();
    box.dispatchEvent(new Event("input", { bubbles: true }));
  }

  box.addEventListener("input", update);
  box.addEventListener("blur", function () { setTimeout(close, 150); });
  box.addEventListener("keydown", function (e) {
    if (pop.hidden) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (shown.length) mark((active + (e.key === "ArrowDown" ? 1 : shown.length - 1)) % shown.length);
    } else if ((e.key === "Enter" || e.key === "Tab") && !e.ctrlKey && !e.metaKey && shown[active]) {
      e.preventDefault();
      swallow = true;
      insert(shown[active]);
    } else if (e.key === "Escape") {
      e.preventDefault(); // the list closes; the field keeps the focus
      close();
    }
  });
  // The Enter that inserted must not also break the line (its keypress,
  // when the browser sends one after the handled keydown).
  var swallow = false;
  box.addEventListener("keypress", function (e) {
    if (swallow) e.preventDefault();
    swallow = false;
  });
  box.addEventListener("keyup", function () { swallow = false; });
  pop.addEventListener("mousedown", function (e) {
    var li = e.target.closest("li[data-text]");
    if (li) { e.preventDefault(); insert(li); }
  });
})();
