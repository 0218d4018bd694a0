// Drag an item to another day: POST the new day as JSON (with the CSRF token), then move it.
(function () {
  "use strict";
  var board = document.querySelector(".calendar");
  if (!board) return;
  var token = board.dataset.csrf;
  var dragged = null;

  board.addEventListener("dragstart", function (event) {
    dragged = event.target.closest(".cal-item");
    if (!dragged) return;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.id);
    dragged.classList.add("dragging");
  });
  board.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("dragging");
  });
  board.addEventListener("dragover", function (event) {
    if (dragged && event.target.closest(".calendar-day")) event.preventDefault();
  });
  board.addEventListener("drop", function (event) {
    var day = event.target.closest(".calendar-day");
    if (!dragged || !day) return;
    event.preventDefault();
    var item = dragged;
    fetch(item.dataset.moveUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token, Accept: "application/json" },
      body: JSON.stringify({ day: day.dataset.day })
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      if (!result.ok) { window.alert(result.body.error || "The item could not be moved."); return; }
      day.querySelector("ul").appendChild(item);
      item.classList.add("moved");
    }).catch(function () { window.alert("The item could not be moved; try the Move form on its page."); });
  });
})();
