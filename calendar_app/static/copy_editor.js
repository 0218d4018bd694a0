// The copy editor: a live character count as the network counts, hashtag sets inserted at
// the cursor, and the preview redrawn while typing. The same counting as
// calendar_app/domain/networks.py; the server checks again on save.
(function () {
  "use strict";

  var URL_PATTERN = /https?:\/\/[^\s<>"']+/gi;
  var HASHTAG = /(^|[^\w#])(#[\p{L}\p{N}_]+)/gu;
  var LIGHT = [[0, 4351], [8192, 8205], [8208, 8223], [8242, 8247]];
  var LINK_WEIGHT = 23;

  function weight(ch) {
    var code = ch.codePointAt(0);
    return LIGHT.some(function (r) { return code >= r[0] && code <= r[1]; }) ? 1 : 2;
  }

  function count(text, form) {
    var links = 0;
    if (form.dataset.shortLinks) {
      links = (text.match(URL_PATTERN) || []).length;
      text = text.replace(URL_PATTERN, "");
    }
    var total = 0;
    for (var ch of text) { total += form.dataset.weighted ? weight(ch) : 1; }
    return total + LINK_WEIGHT * links;
  }

  function withLink(text, url) {
    if (text.indexOf("{link}") !== -1) return text.split("{link}").join(url);
    if (!url) return text;
    var stripped = text.replace(/\s+$/, "");
    return stripped ? stripped + "\n" + url : url;
  }

  function cutAt(text, form, limit) {
    if (!limit || count(text, form) <= limit) return text.length;
    var low = 0, high = text.length;
    while (low < high) {
      var middle = Math.floor((low + high + 1) / 2);
      if (count(text.slice(0, middle), form) <= limit) low = middle; else high = middle - 1;
    }
    return low;
  }

  function drawPreview(form, posted, limit) {
    var preview = document.getElementById("copy-preview");
    if (!preview) return;
    var point = cutAt(posted, form, limit);
    var kept = posted.slice(0, point);
    preview.textContent = "";
    var start = 0, match;
    HASHTAG.lastIndex = 0;
    while ((match = HASHTAG.exec(kept)) !== null) {
      var tagStart = match.index + match[1].length;
      preview.appendChild(document.createTextNode(kept.slice(start, tagStart)));
      var tag = document.createElement("span");
      tag.className = "tag";
      tag.textContent = match[2];
      preview.appendChild(tag);
      start = tagStart + match[2].length;
    }
    preview.appendChild(document.createTextNode(kept.slice(start)));
    if (point < posted.length) {
      var cut = document.createElement("span");
      cut.className = "cut";
      cut.title = "Cut off by " + form.dataset.network;
      cut.textContent = posted.slice(point);
      preview.appendChild(cut);
    }
  }

  function update(field) {
    var form = field.form;
    var isBody = field.dataset.counted === "body";
    var limit = parseInt(isBody ? form.dataset.limit : form.dataset.titleLimit, 10) || 0;
    var text = isBody ? withLink(field.value, form.dataset.link) : field.value;
    var length = count(text, form);
    var counter = document.getElementById(field.id + "-count");
    var words = length.toLocaleString("en") + (limit ? " / " + limit.toLocaleString("en") : "") +
      " characters" + (isBody && form.dataset.link ? ", with the link" : "");
    var over = limit && length > limit;
    if (over) words += form.dataset.refuses ? ": too long" : ": the rest is cut off";
    var tags = isBody ? (text.match(HASHTAG) || []).length : 0;
    var tagLimit = parseInt(form.dataset.hashtagLimit, 10) || 0;
    if (tagLimit && tags > tagLimit) {
      over = true;
      words += "; " + tags + " hashtags, " + form.dataset.network + " takes " + tagLimit;
    }
    if (counter) {
      counter.textContent = words;
      counter.classList.toggle("over", Boolean(over));
    }
    if (isBody) drawPreview(form, text, limit);
  }

  function insertAtCursor(area, text) {
    var start = area.selectionStart, end = area.selectionEnd;
    var before = area.value.slice(0, start), after = area.value.slice(end);
    var lead = before && !/\s$/.test(before) ? " " : "";
    var trail = after && !/^\s/.test(after) ? " " : "";
    area.value = before + lead + text + trail + after;
    var caret = (before + lead + text).length;
    area.focus();
    area.setSelectionRange(caret, caret);
    update(area);
  }

  document.addEventListener("input", function (event) {
    if (event.target.closest && event.target.closest(".copy-editor [data-counted]")) update(event.target);
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-insert]");
    if (!button) return;
    var area = document.getElementById(button.dataset.into);
    if (area) insertAtCursor(area, button.dataset.insert);
  });
})();
