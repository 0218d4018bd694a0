// Live headline score on the Ideas page: asks the server as you type (debounced).
(function () {
  "use strict";
  var input = document.querySelector("[data-check-url]");
  var box = document.getElementById("score-box");
  if (!input || !box) return;
  var timer = null;
  var latest = 0;

  function render(result) {
    box.hidden = false;
    var score = box.querySelector("[data-score]");
    score.textContent = result.score;
    score.className = "score score-" + (result.score >= 70 ? "high" : result.score >= 45 ? "mid" : "low");
    box.querySelector("[data-type]").textContent = result.type;
    box.querySelector("[data-length]").textContent =
      result.characters + " characters, " + result.words + " words";
    var tips = box.querySelector("[data-tips]");
    tips.textContent = "";
    result.tips.forEach(function (tip) {
      var li = document.createElement("li");
      li.textContent = tip;
      tips.appendChild(li);
    });
    var similar = box.querySelector("[data-similar]");
    if (result.similar.length) {
      similar.hidden = false;
      similar.textContent = "Very close to: " + result.similar.map(function (s) {
        return "“" + s.headline + "”";
      }).join(", ");
    } else {
      similar.hidden = true;
      similar.textContent = "";
    }
  }

  function check() {
    var text = input.value.trim();
    if (!text) { box.hidden = true; return; }
    var ticket = ++latest;
    fetch(input.dataset.checkUrl + "?text=" + encodeURIComponent(text), {
      headers: { Accept: "application/json" }, credentials: "same-origin"
    })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (result) { if (result && ticket === latest) render(result); })
      .catch(function () { /* the score is a help, not a requirement */ });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(check, 200);
  });
})();
