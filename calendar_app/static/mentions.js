// @-completion in a comment: typing "@" and the start of a name lists the team members
// whose name begins so (a listbox under the text box); arrow keys move through it, Enter or
// Tab takes the chosen name, Escape closes it. Without this script people type names whole.
(function () {
  "use strict";
  var MENTION = /(^|[^\w@.])@([\w.+-]*)$/;

  function setUp(box, index) {
    var members = (box.getAttribute("data-members") || "").split(" ").filter(Boolean);
    if (!members.length) return;
    var list = document.createElement("ul");
    list.id = "mention-list-" + index;
    list.className = "mention-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Team members");
    list.hidden = true;
    box.parentNode.appendChild(list);
    box.setAttribute("role", "combobox");
    box.setAttribute("aria-autocomplete", "list");
    box.setAttribute("aria-controls", list.id);
    box.setAttribute("aria-expanded", "false");
    var active = -1;

    function typed() {
      var before = box.value.slice(0, box.selectionStart);
      var match = MENTION.exec(before);
      return match ? match[2] : null;
    }

    function close() {
      list.hidden = true;
      list.textContent = "";
      active = -1;
      box.setAttribute("aria-expanded", "false");
      box.removeAttribute("aria-activedescendant");
    }

    function highlight(next) {
      var options = list.querySelectorAll("[role=option]");
      if (!options.length) return;
      active = (next + options.length) % options.length;
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      box.setAttribute("aria-activedescendant", options[active].id);
    }

    function choose(name) {
      var start = box.selectionStart;
      var before = box.value.slice(0, start);
      var at = before.lastIndexOf("@");
      var after = box.value.slice(start);
      box.value = before.slice(0, at) + "@" + name + " " + after;
      var caret = at + name.length + 2;
      box.setSelectionRange(caret, caret);
      close();
      box.focus();
    }

    function open() {
      var start = typed();
      if (start === null) return close();
      var found = members.filter(function (name) {
        return name.indexOf(start.toLowerCase()) === 0;
      });
      if (!found.length) return close();
      list.textContent = "";
      found.slice(0, 8).forEach(function (name, i) {
        var option = document.createElement("li");
        option.id = list.id + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = "@" + name;
        option.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep the focus in the text box
          choose(name);
        });
        list.appendChild(option);
      });
      list.hidden = false;
      box.setAttribute("aria-expanded", "true");
      highlight(0);
    }

    box.addEventListener("input", open);
    box.addEventListener("blur", close);
    box.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        highlight(active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Enter" || event.key === "Tab") {
        var option = list.querySelectorAll("[role=option]")[active];
        if (!option) return;
        event.preventDefault();
        choose(option.textContent.slice(1));
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
      }
    });
  }

  document.querySelectorAll("textarea.mentions").forEach(setUp);
})();
