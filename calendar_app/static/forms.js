// Small helpers for every page (no inline scripts, so the Content-Security-Policy can forbid them):
// a form with data-confirm asks before it is sent; an element with data-counter-for shows the
// length of the field it names, live.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var message = event.target.dataset && event.target.dataset.confirm;
    if (message && !window.confirm(message)) event.preventDefault();
  });
  document.querySelectorAll("[data-counter-for]").forEach(function (counter) {
    var input = document.getElementById(counter.dataset.counterFor);
    if (!input) return;
    input.addEventListener("input", function () { counter.textContent = input.value.length; });
  });
})();
