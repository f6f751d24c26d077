// Test pages: save each answer as it is given, count down the time left, and finish the test
// when it runs out. Without JavaScript the page still works: the buttons save, and the server
// finishes a test whose time ran out (at its deadline) the next time it is read.
(function () {
  "use strict";

  // Typing pauses this long before a short answer is saved (and a change saves at once).
  var TYPING_PAUSE_MS = 600;
  // The page finishes itself this long before its clock reaches 0, so that the answers sent
  // with the finish arrive before the server's deadline despite the page's time on the wire.
  var FINISH_MARGIN_MS = 1000;

  // A matching or ordering question is one answer only once every item has its choice: the
  // server refuses a part of one (as it should when the Save button sends it), so autosave waits.
  function incomplete(fieldset) {
    return Array.prototype.some.call(fieldset.querySelectorAll("select"), function (select) {
      return select.value === "";
    });
  }

  // "Saved." is good news; every other note is a warning, styled as one (not green).
  function tell(note, text, saved) {
    if (!note) { return; }
    note.textContent = text;
    note.classList.toggle("saved-note-warning", !saved && text !== "");
  }

  function autosave(form) {
    var token = form.querySelector("input[name=csrf_token]");

    function send(fieldset) {
      var note = fieldset.querySelector(".saved-note");
      if (incomplete(fieldset)) {
        tell(note, "Not saved yet: choose for every item, then it is saved.", false);
        return;
      }
      var data = new FormData();
      if (token) { data.append("csrf_token", token.value); }
      fieldset.querySelectorAll("input, select").forEach(function (input) {
        if ((input.type === "radio" || input.type === "checkbox") && !input.checked) { return; }
        data.append(input.name, input.value);
      });
      fetch(form.action, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "Accept": "application/json" }
      }).then(function (response) {
        return response.json().then(function (body) {
          if (body.finished && body.review_url) {  // time is up, or finished elsewhere
            window.location.assign(body.review_url);
            return;
          }
          if (response.ok) {
            tell(note, body.saved ? "Saved." : "", true);
          } else {
            tell(note, "Not saved: " + (body.error || "use the Save button."), false);
          }
        });
      }).catch(function () {
        tell(note, "Not saved yet (no connection): use the Save button.", false);
      });
    }

    form.addEventListener("change", function (event) {
      var fieldset = event.target.closest("fieldset.question");
      if (fieldset) {
        window.clearTimeout(fieldset.pendingSave);
        send(fieldset);
      }
    });
    // a short answer is saved as it is typed, not only when the box is left
    form.addEventListener("input", function (event) {
      var fieldset = event.target.closest("fieldset.question");
      if (!fieldset || event.target.type !== "text") { return; }
      window.clearTimeout(fieldset.pendingSave);
      fieldset.pendingSave = window.setTimeout(function () { send(fieldset); }, TYPING_PAUSE_MS);
    });
  }

  // Whether a question has an answer on the page now (saved or not yet).
  function given(fieldset) {
    var picked = fieldset.querySelector("input[type=radio]:checked, input[type=checkbox]:checked");
    var text = fieldset.querySelector("input[type=text]");
    var selects = fieldset.querySelectorAll("select");
    if (selects.length) { return !incomplete(fieldset); }
    return Boolean(picked) || Boolean(text && text.value.trim() !== "");
  }

  // The bar's "n of m answered", its marks per question and its link to the next unanswered
  // one, kept as the page is now (the server rendered them for the answers saved).
  function tally(form) {
    var count = document.getElementById("answered-count");
    var next = document.getElementById("next-unanswered");
    if (!count) { return; }
    var done = 0;
    var open = [];
    form.querySelectorAll("fieldset.question").forEach(function (fieldset) {
      var position = fieldset.dataset.position;
      var answered = given(fieldset);
      var link = document.querySelector(".qnav a[data-position='" + position + "']");
      if (answered) { done += 1; } else { open.push(position); }
      if (link) {
        link.classList.toggle("is-answered", answered);
        link.querySelector(".qnav-state").textContent = answered ? ", answered" : ", not answered";
      }
    });
    count.textContent = String(done);
    if (next) {
      next.hidden = open.length === 0;
      if (open.length) { next.setAttribute("href", "#q-" + open[0]); }
    }
  }

  function finishNow(form, timer) {
    var button = form && form.querySelector("button[name=finish]");
    if (!button) { return; }
    timer.textContent = "0 min 0 s";
    var status = document.getElementById("time-announce");
    if (status) { status.textContent = "Time is up: your answers are being saved and the test finished."; }
    form.classList.add("finishing");
    if (form.requestSubmit) { form.requestSubmit(button); } else { button.click(); }
  }

  function countdown(element, form) {
    var end = Date.now() + Number(element.dataset.seconds) * 1000;
    var status = document.getElementById("time-announce");
    var announced = {};
    function tick() {
      var now = Date.now();
      var left = Math.max(0, Math.round((end - now) / 1000));
      element.textContent = Math.floor(left / 60) + " min " + (left % 60) + " s";
      [300, 60].forEach(function (mark) {
        if (left <= mark && left > mark - 5 && !announced[mark] && status) {
          announced[mark] = true;
          status.textContent = (mark / 60) + (mark === 60 ? " minute" : " minutes") + " left.";
        }
      });
      if (end - now <= FINISH_MARGIN_MS) {
        finishNow(form, element);
        return;
      }
      window.setTimeout(tick, Math.min(1000, end - now - FINISH_MARGIN_MS));
    }
    tick();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-autosave]");
    if (form) {
      autosave(form);
      tally(form);
      form.addEventListener("change", function () { tally(form); });
      form.addEventListener("input", function () { tally(form); });
    }
    var timer = document.getElementById("time-left");
    if (timer) { countdown(timer, form); }
  });
})();
