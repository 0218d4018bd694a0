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

  // The button goes into the group's [data-bulk-select-all] place if it has one (a board
  // column's heading sits in a <summary>, where no button may go), else after its heading.
  function addSelectAll(group) {
    var heading = group.querySelector("h2, h3");
    var place = group.querySelector("[data-bulk-select-all]");
    if (!heading || !boxes(group).length) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "link select-all";
    button.textContent = "Select all";
    var name = group.getAttribute("data-bulk-group") || heading.textContent.trim();
    button.setAttribute("aria-label", "Select all of " + name);
    button.addEventListener("click", function () {
      var all = boxes(group);
      var every = all.every(function (box) { return box.checked; });
      all.forEach(function (box) { box.checked = !every; });
      update();
    });
    if (place) place.appendChild(button);
    else heading.insertAdjacentElement("afterend", button);
  }

  document.querySelectorAll("[data-bulk-group]").forEach(addSelectAll);
  document.addEventListener("change", function (event) {
    if (event.target instanceof HTMLInputElement && event.target.form === bar) update();
  });
  update();
})();
