// The phone's menu: under 48rem the main navigation folds behind one
// button (style.css). Without this script it stays open, as on a desktop.
"use strict";
(function () {
  var b = document.getElementById("menu-toggle"), nav = document.getElementById("main-nav");
  if (!b || !nav) return;
  b.closest(".bar").classList.add("menu-ready");
  function set(open) {
    nav.classList.toggle("open", open);
    b.setAttribute("aria-expanded", String(open));
  }
  b.addEventListener("click", function () {
    set(!nav.classList.contains("open"));
    if (nav.classList.contains("open")) nav.querySelector("a").focus();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && nav.classList.contains("open")) { set(false); b.focus(); }
  });
})();
