/* The search page: keep the filter panel folded on small screens, also across htmx swaps. */
(function () {
  "use strict";
  var narrow = window.matchMedia("(max-width: 52rem)");
  var open = !narrow.matches;

  function apply() {
    var panel = document.getElementById("filters");
    if (panel && panel.open !== open) {
      panel.open = open;
    }
  }

  document.addEventListener(
    "toggle",
    function (event) {
      if (event.target.id === "filters") {
        open = event.target.open;
      }
    },
    true
  );
  document.addEventListener("htmx:afterSwap", apply);
  narrow.addEventListener("change", function () {
    open = !narrow.matches;
    apply();
  });
  apply();
})();
