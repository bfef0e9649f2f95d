// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // After a failed submit, move focus to the error summary so screen readers hear it.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.getElementById("error-summary");
    if (summary) {
      summary.setAttribute("tabindex", "-1");
      summary.focus();
    }
  });
})();
