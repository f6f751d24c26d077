// Test pages: save each answer as it is given, and count down the time left.
// Without JavaScript the page still works: the buttons save, and the server keeps the time.
(function () {
  "use strict";

  // A matching or ordering question is one answer only once every item has its choice: the
  // server refuses a part of one (as it should when the Save button sends it), so autosave waits.
  function incomplete(fieldset) {
    return Array.prototype.some.call(fieldset.querySelectorAll("select"), function (select) {
      return select.value === "";
    });
  }

  function autosave(form) {
    var token = form.querySelector("input[name=csrf_token]");
    form.addEventListener("change", function (event) {
      var fieldset = event.target.closest("fieldset.question");
      if (!fieldset) { return; }
      var note = fieldset.querySelector(".saved-note");
      if (incomplete(fieldset)) {
        if (note) { note.textContent = "Not saved yet: choose for every item, then it is saved."; }
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
          if (note) { note.textContent = response.ok ? "Saved." : (body.error || "Not saved."); }
        });
      }).catch(function () {
        if (note) { note.textContent = "Not saved yet (no connection): use the Save button."; }
      });
    });
  }

  function countdown(element) {
    var end = Date.now() + Number(element.dataset.seconds) * 1000;
    function tick() {
      var left = Math.max(0, Math.round((end - Date.now()) / 1000));
      element.textContent = Math.floor(left / 60) + " min " + (left % 60) + " s";
      if (left > 0) { window.setTimeout(tick, 1000); }
    }
    tick();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-autosave]").forEach(autosave);
    var timer = document.getElementById("time-left");
    if (timer) { countdown(timer); }
  });
})();
