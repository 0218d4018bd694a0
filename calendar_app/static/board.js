// Drag a card on the board to another column: the card's own status form is set to that
// column's status and sent, exactly as if the person had picked it and pressed Move (the
// page then reloads with the card in its new column). Without this script the forms work alone.
(function () {
  "use strict";
  var board = document.querySelector(".board");
  if (!board) return;
  var dragged = null;

  function columnAt(target) {
    return target instanceof Element ? target.closest(".board-column") : null;
  }

  board.addEventListener("dragstart", function (event) {
    dragged = event.target instanceof Element ? event.target.closest(".board-card") : null;
    if (!dragged) return;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.id);
    dragged.classList.add("dragging");
  });
  board.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("dragging");
    board.querySelectorAll(".drop-here").forEach(function (column) {
      column.classList.remove("drop-here");
    });
  });
  board.addEventListener("dragover", function (event) {
    var column = columnAt(event.target);
    if (!dragged || !column) return;
    event.preventDefault();
    board.querySelectorAll(".drop-here").forEach(function (other) {
      if (other !== column) other.classList.remove("drop-here");
    });
    column.classList.add("drop-here");
  });
  board.addEventListener("drop", function (event) {
    var column = columnAt(event.target);
    if (!dragged || !column) return;
    event.preventDefault();
    if (column.contains(dragged)) return;
    var form = dragged.querySelector("form.board-move");
    form.querySelector("select[name=status]").value = column.dataset.status;
    column.querySelector("ul").appendChild(dragged);
    form.requestSubmit();
  });
})();
