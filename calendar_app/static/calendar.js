// Move calendar items to another day: drag and drop, or Shift+arrow keys on a focused item
// (←/→ a day, ↑/↓ a week). The new day is POSTed as JSON with the CSRF token; the item keeps
// its time, and the result is announced in the status line.
(function () {
  "use strict";
  var board = document.querySelector(".calendar");
  if (!board) return;
  var token = board.dataset.csrf;
  var status = document.getElementById("calendar-status");
  var dragged = null;
  var STEPS = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };

  function say(message, failed) {
    status.textContent = message;
    status.classList.toggle("error", Boolean(failed));
  }

  function addDays(iso, days) {
    var day = new Date(iso + "T00:00:00Z");
    day.setUTCDate(day.getUTCDate() + days);
    return day.toISOString().slice(0, 10);
  }

  function move(item, dayIso) {
    return fetch(item.dataset.moveUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token, Accept: "application/json" },
      body: JSON.stringify({ day: dayIso, version: Number(item.dataset.version) })
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      if (!result.ok) {
        var reason = result.body.error || "The item could not be moved.";
        say(result.body.stale ? reason + " Reload the page to see it." : reason, true);
        return false;
      }
      item.dataset.version = result.body.version;
      var target = board.querySelector('.calendar-day[data-day="' + dayIso + '"] ul');
      if (target) {
        target.appendChild(item);
        item.classList.add("moved");
      } else {
        item.remove();
      }
      say("Moved to " + result.body.when + (target ? "." : " (outside this page)."));
      return true;
    }).catch(function () {
      say("The item could not be moved; try the Move form on its page.", true);
      return false;
    });
  }

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
    move(dragged, day.dataset.day);
  });

  board.addEventListener("keydown", function (event) {
    var item = event.target.closest(".cal-item");
    var step = STEPS[event.key];
    if (!item || !step || !event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    var from = item.closest(".calendar-day").dataset.day;
    move(item, addDays(from, step)).then(function (moved) {
      var link = item.querySelector("a");
      if (moved && item.isConnected && link) link.focus();
    });
  });
})();
