// The main navigation is an open <details> (so it works without JavaScript); on a phone it
// starts closed behind its "Menu" button. Run as soon as the header is parsed: no flash of it.
(function () {
  "use strict";
  if (!window.matchMedia("(max-width: 40rem)").matches) { return; }
  document.querySelectorAll("details.menu").forEach(function (menu) { menu.open = false; });
})();
