// tnl — an action that asks first opens its confirmation as a dialog on
// the page; without JavaScript its link leads to the confirmation page.
(function () {
  "use strict";
  document.addEventListener("click", function (ev) {
    var link = ev.target.closest("a[data-dialog]");
    if (!link) return;
    var dialog = document.getElementById(link.getAttribute("data-dialog"));
    if (!dialog || typeof dialog.showModal !== "function") return;
    ev.preventDefault();
    dialog.showModal();
    var first = dialog.querySelector("textarea, input:not([type=hidden]), select, button");
    if (first) first.focus();
  });
})();
