// Deep linking: the signed choice goes back to the LMS at once (the button stays for no script).
(function () {
  "use strict";
  var form = document.getElementById("lti-autosubmit");
  if (form) { form.submit(); }
}());
