// Keyboard shortcuts for the inbox and a conversation, listed in the help
// dialog that "?" opens (templates/partials/keys_help.html). A key never
// acts while the user types in a field: Esc leaves the field first.
"use strict";
(function () {
  var help = document.getElementById("keys-help");
  if (!help) return; // a page without shortcuts
  var inbox = document.getElementById("inbox");
  var conv = document.getElementById("conv");
  var listKey = "rapport.inbox";

  function typing(el) {
    if (!el || !el.tagName) return false;
    if (el.isContentEditable || el.tagName === "TEXTAREA" || el.tagName === "SELECT") return true;
    return el.tagName === "INPUT" && !/^(checkbox|radio|button|submit|reset)$/.test(el.type);
  }

  // say shows a short message (no next conversation…) in the live region.
  var toast = document.getElementById("keys-toast"), toastTimer;
  function say(text) {
    toast.textContent = text;
    toast.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { toast.hidden = true; }, 4000);
  }

  // The inbox list remembers its order, so that a conversation's page can
  // go to the next and previous one of the list the rep came from.
  function rows() { return Array.prototype.slice.call(document.querySelectorAll("#conversations li[data-conv]")); }
  function remember() {
    if (!inbox) return;
    try {
      sessionStorage.setItem(listKey, JSON.stringify({ url: location.pathname + location.search,
        ids: rows().map(function (li) { return li.dataset.conv; }) }));
    } catch (e) {}
  }
  function remembered() {
    try { return JSON.parse(sessionStorage.getItem(listKey)) || { url: "/inbox", ids: [] }; } catch (e) { return { url: "/inbox", ids: [] }; }
  }

  // In the list, j/k move a selection (the row's link takes the focus, so
  // Enter opens it as a click would).
  function move(step) {
    var all = rows();
    if (!all.length) return;
    var i = all.findIndex(function (li) { return li.classList.contains("selected"); });
    i = i < 0 ? (step > 0 ? 0 : all.length - 1) : Math.min(Math.max(i + step, 0), all.length - 1);
    all.forEach(function (li) { li.classList.remove("selected"); });
    all[i].classList.add("selected");
    all[i].querySelector("a").focus();
    remember();
  }

  // On a conversation, j/k open the next and previous of the remembered list.
  function neighbour(step) {
    var l = remembered(), i = l.ids.indexOf(conv.dataset.conv), id = i < 0 ? undefined : l.ids[i + step];
    if (id) location.assign("/inbox/" + id);
    else say(help.dataset[step > 0 ? "noNext" : "noPrevious"]);
  }

  function click(selector) {
    var b = document.querySelector(selector);
    if (b && !b.disabled) { b.click(); return true; }
    return false;
  }

  // compose focuses the composer to write a reply or a note; Ctrl+Enter
  // then sends what the mode says.
  function compose(mode) {
    var f = document.getElementById("composer");
    if (!f) return;
    f.dataset.mode = mode;
    f.classList.toggle("mode-note", mode === "note");
    f.elements.text.focus();
  }

  var onList = {
    j: function () { move(1); }, k: function () { move(-1); },
    o: function () { var s = document.querySelector("#conversations li.selected a"); if (s) s.click(); }
  };
  var onConv = {
    j: function () { neighbour(1); }, k: function () { neighbour(-1); },
    u: function () { location.assign(remembered().url); },
    r: function () { compose("reply"); }, n: function () { compose("note"); },
    a: function () { click('form[data-action="assign"] button[value="take"]'); },
    e: function () { click('form[data-action="status"] button[value="resolved"]'); },
    o: function () { click('form[data-action="status"] button[value="open"]'); }
  };
  function focusSearch() {
    var s = document.querySelector('.search input[type="search"]');
    if (s) { s.focus(); s.select(); } else location.assign("/inbox#search");
  }

  document.addEventListener("keydown", function (e) {
    if (e.defaultPrevented) return;
    var t = e.target;
    if (typing(t)) {
      var f = t.form;
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && f && f.id === "composer") {
        e.preventDefault();
        click(f.dataset.mode === "note" ? "#add-note" : "#send") || say(help.dataset.cannotSend);
      } else if (e.key === "Escape" && !help.open) {
        t.blur();
      }
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var fn;
    if (e.key === "?") fn = function () { help.open ? help.close() : help.showModal(); };
    else if (e.key === "/") fn = focusSearch;
    else if (!help.open) fn = (conv ? onConv : inbox ? onList : {})[e.key];
    if (fn) { e.preventDefault(); swallow = e.key; fn(); }
  });
  // A shortcut that moves the focus into a field (r, n) must not type its
  // own letter there: its keypress, if the browser still sends one, is dropped.
  var swallow = null;
  document.addEventListener("keypress", function (e) {
    if (swallow !== null && e.key === swallow) e.preventDefault();
    swallow = null;
  }, true);
  document.addEventListener("keyup", function () { swallow = null; }, true);

  document.addEventListener("click", function (e) {
    if (e.target.closest("#keys-help-open")) help.showModal();
    else if (e.target.closest("#keys-help-close")) help.close();
    else if (e.target.closest("#conversations a")) remember();
  });

  if (inbox) {
    remember();
    // The live refresh rewrites the list: remember its new order.
    new MutationObserver(remember).observe(document.getElementById("inbox-main"), { childList: true });
    if (location.hash === "#search") focusSearch();
  }
})();
