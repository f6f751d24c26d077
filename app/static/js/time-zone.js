// The browser's time zone goes with the log-in, so that "due for review today" ends at the
// learner's own midnight rather than at midnight UTC.
(function () {
  "use strict";
  var zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    return; // an old browser: the account keeps its time zone (UTC at first)
  }
  var fields = document.querySelectorAll('input[name="time_zone"]');
  for (var i = 0; i < fields.length; i += 1) {
    fields[i].value = zone;
  }
})();
