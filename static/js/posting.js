/* Posting form and dashboard: small progressive enhancements (the pages work without them). */
(function () {
  "use strict";

  // Keep the labour-market-testing checklist open when htmx refreshes the guidance.
  var lmtOpen = false;
  document.addEventListener("toggle", function (event) {
    if (event.target && event.target.id === "lmt-checklist") {
      lmtOpen = event.target.open;
    }
  }, true);
  document.addEventListener("htmx:afterSwap", function () {
    var details = document.getElementById("lmt-checklist");
    if (details && lmtOpen) {
      details.open = true;
    }
  });

  // Ask before an action that cannot be undone (closing a role).
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute && event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });

  // After a failed submit, take keyboard and screen-reader users to the list of problems.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.getElementById("error-summary");
    if (summary) {
      summary.focus();
    }
  });
})();
