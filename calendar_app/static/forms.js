// Small helpers for every page (no inline scripts, so the Content-Security-Policy can forbid them):
// a form with data-confirm asks before it is sent; an element with data-counter-for shows the
// length of the field it names, live; an element with data-shown-with="NAME:VALUE VALUE…" shows
// only while its form's radio buttons NAME have one of those values ticked (without this script
// everything shows, and the ticked value still decides); typing in a field with data-ticks="ID"
// ticks the radio button ID; a field with data-slug-of="ID", empty when the page opens, is filled
// with the slug of what is typed in the field ID until someone types in it (the service makes
// the same slug of the name when the field is sent empty).
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

  function slugOf(text) {
    var ascii = text.normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase();
    return (ascii.match(/[a-z0-9]+/g) || []).join("-").slice(0, 60).replace(/-+$/, "");
  }
  document.querySelectorAll("[data-slug-of]").forEach(function (slug) {
    var source = document.getElementById(slug.dataset.slugOf);
    if (!source || slug.value) return;
    var edited = false;
    slug.addEventListener("input", function () { edited = slug.value !== ""; });
    source.addEventListener("input", function () {
      if (!edited) slug.value = slugOf(source.value);
    });
  });
})();
