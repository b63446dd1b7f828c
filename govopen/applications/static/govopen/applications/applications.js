// Progressive enhancement of the application form: without this file both
// applicant groups are shown and the server checks the right one.
(function () {
  "use strict";
  var form = document.querySelector("[data-govopen-application-form]");
  if (!form) {
    return;
  }
  var radios = form.querySelectorAll("input[name='applicant_kind']");
  var groups = form.querySelectorAll("[data-govopen-kind]");
  function update() {
    var kind = "";
    radios.forEach(function (radio) {
      if (radio.checked) {
        kind = radio.value;
      }
    });
    groups.forEach(function (group) {
      var show = !kind || group.getAttribute("data-govopen-kind") === kind;
      group.hidden = !show;
      group.querySelectorAll("input, select, textarea").forEach(function (field) {
        field.disabled = !show;
      });
    });
  }
  radios.forEach(function (radio) {
    radio.addEventListener("change", update);
  });
  update();
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
})();
