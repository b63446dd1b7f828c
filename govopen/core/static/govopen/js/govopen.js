// Progressive enhancement only: every control works without this file.
(function () {
  "use strict";
  document.querySelectorAll("[data-govopen-print]").forEach(function (group) {
    group.hidden = false;
    var button = group.querySelector("button");
    if (button) {
      button.addEventListener("click", function () { window.print(); });
    }
  });
})();
