// The menu button of narrow screens: it shows and hides the main navigation as a list under
// the header. Without this script the button stays hidden and the navigation wraps onto
// several lines instead; on wide screens the stylesheet hides the button.
(function () {
  "use strict";
  var button = document.querySelector(".menu-button");
  var nav = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!nav) return;
  var header = button.closest(".top");

  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    header.classList.toggle("menu-open", open);
  }

  header.classList.add("has-menu");
  button.hidden = false;
  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  // Escape closes the open menu and gives the focus back to its button.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || button.getAttribute("aria-expanded") !== "true") return;
    if (!header.contains(document.activeElement)) return;
    setOpen(false);
    button.focus();
  });
})();
