// LTI log-in inside an LMS frame: go on here only if this frame may keep a cookie (the launch's
// state comes back in one); otherwise leave the "Open in a new window" link to the learner.
(function () {
  "use strict";
  var box = document.getElementById("lti-cookie-check");
  if (!box) { return; }
  var test = "lti_cookie_test=1";
  document.cookie = test + "; path=/lti/; SameSite=None; Secure; Partitioned";
  if (document.cookie.indexOf(test) !== -1) {
    document.cookie = test + "; path=/lti/; max-age=0; SameSite=None; Secure; Partitioned";
    window.location.replace(box.getAttribute("data-continue"));
  }
}());
