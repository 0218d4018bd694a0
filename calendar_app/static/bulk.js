// Bulk actions: a live "3 selected" count in the action bar, and a "Select all" button per
// day (week), column (board) or page (ideas). Without this script the checkboxes and the
// action bar work alone: each checkbox belongs to the bar's form through its form attribute.
(function () {
  "use strict";
  var bar = document.querySelector("form[data-bulk]");
  if (!bar) return;
  var count = bar.querySelector("[data-bulk-count]");

  function boxes(scope) {
    return Array.prototype.slice.call(
      scope.querySelectorAll('input[type="checkbox"][form="' + bar.id + '"]')
    );
  }

  function update() {
    var chosen = boxes(document).filter(function (box) { return box.checked; }).length;
    if (count) count.textContent = "(" + chosen + " selected)";
  }

  function addSelectAll(group) {
    var heading = group.querySelector("h2, h3");
    if (!heading || !boxes(group).length) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "link select-all";
    button.textContent = "Select all";
    button.setAttribute("aria-label", "Select all of " + heading.textContent.trim());
    button.addEventListener("click", function () {
      var all = boxes(group);
      var every = all.every(function (box) { return box.checked; });
      all.forEach(function (box) { box.checked = !every; });
      update();
    });
    heading.insertAdjacentElement("afterend", button);
  }

  document.querySelectorAll("[data-bulk-group]").forEach(addSelectAll);
  document.addEventListener("change", function (event) {
    if (event.target instanceof HTMLInputElement && event.target.form === bar) update();
  });
  update();
})();
