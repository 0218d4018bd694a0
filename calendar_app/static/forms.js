// Small helpers for every page (no inline scripts, so the Content-Security-Policy can forbid them):
// a form with data-confirm asks before it is sent; an element with data-counter-for shows the
// length of the field it names, live; an element with data-shown-with="NAME:VALUE VALUE…" shows
// only while its form's radio buttons NAME have one of those values ticked (without this script
// everything shows, and the ticked value still decides); typing in a field with data-ticks="ID"
// ticks the radio button ID.
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

  function showTicked(form) {
    form.querySelectorAll("[data-shown-with]").forEach(function (element) {
      var rule = element.dataset.shownWith.split(":");
      var ticked = form.querySelector('input[type="radio"][name="' + rule[0] + '"]:checked');
      element.hidden = !ticked || rule[1].split(" ").indexOf(ticked.value) < 0;
    });
  }
  document.querySelectorAll("form").forEach(function (form) {
    if (!form.querySelector("[data-shown-with]")) return;
    showTicked(form);
    form.addEventListener("change", function () { showTicked(form); });
  });
  document.querySelectorAll("[data-ticks]").forEach(function (input) {
    input.addEventListener("input", function () {
      var radio = document.getElementById(input.dataset.ticks);
      if (!radio || radio.checked) return;
      radio.checked = true;
      showTicked(radio.form);
    });
  });
})();
