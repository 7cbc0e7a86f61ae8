/* The elder-friendly reading mode, remembered (core/reading_mode.py).
   Loaded in <head>, before the page is drawn: a page opened with ?easy=0/1/2
   stores that choice in local storage (no cookie: a cookie would take the
   visitor out of the page cache); any other page shows the stored mode. The
   switch's links work the same without this script, for one page at a time. */
(function () {
  "use strict";
  var KEY = "reading-mode";
  var MODES = { "0": "standard", "1": "easy", "2": "larger" };
  var root = document.documentElement;
  var asked = new URLSearchParams(window.location.search).get("easy");
  var mode;
  try {
    if (Object.prototype.hasOwnProperty.call(MODES, asked)) {
      window.localStorage.setItem(KEY, MODES[asked]);
    }
    mode = window.localStorage.getItem(KEY) || "standard";
  } catch (error) {
    return; // storage refused (private browsing): the server's rendering stands
  }
  root.classList.toggle("easy", mode !== "standard");
  root.classList.toggle("easy--larger", mode === "larger");
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".reading-mode__size [data-reading-mode]").forEach(function (link) {
      if (link.getAttribute("data-reading-mode") === mode) {
        link.setAttribute("aria-current", "true");
      } else {
        link.removeAttribute("aria-current");
      }
    });
  });
})();
