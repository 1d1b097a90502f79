// Copy buttons of the badge snippets: without JavaScript the snippet is
// selected and copied by hand from its read-only field.
(function () {
  "use strict";
  document.querySelectorAll("button.copy-snippet").forEach(function (button) {
    var field = document.getElementById(button.dataset.target);
    var status = button.parentNode.querySelector(".copy-status");
    if (!field) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      field.focus();
      field.select();
      var done = function () { status.textContent = "Code copié."; };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(field.value).then(done, function () {
          status.textContent = "Copie impossible : sélectionnez le code et copiez-le (Ctrl+C).";
        });
      } else {
        try { document.execCommand("copy"); done(); } catch (e) {
          status.textContent = "Copie impossible : sélectionnez le code et copiez-le (Ctrl+C).";
        }
      }
    });
  });
})();
