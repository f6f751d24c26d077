// LTI Dynamic Registration's last step: tell the LMS that opened this page (in its frame or a
// window) that the tool is registered, so it closes the page and shows the new tool.
(function () {
  "use strict";
  var lms = window.opener || (window.parent !== window ? window.parent : null);
  if (lms && document.getElementById("lti-registered")) {
    lms.postMessage({subject: "org.imsglobal.lti.close"}, "*");
  }
}());
