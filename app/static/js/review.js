// Reviewing the question bank: "tick all" on a list page, and single keys on a question page
// (j next, k previous, a approve and go on). Without JavaScript the links and buttons do it all.
(function () {
  "use strict";
  var all = document.querySelector("[data-pick-all]");
  if (all) {
    var boxes = document.querySelectorAll("input[name=ids]");
    all.hidden = false;
    all.addEventListener("change", function () {
      boxes.forEach(function (box) { box.checked = all.checked; });
    });
  }
  var hint = document.querySelector("[data-keys-hint]");
  if (hint) { hint.hidden = false; }  // the keys work only with this script
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    if (target.closest("input, textarea, select, [contenteditable]")) { return; }
    var control = document.querySelector('[data-key="' + event.key + '"]');
    if (control) {
      event.preventDefault();
      control.click();
    }
  });
})();
