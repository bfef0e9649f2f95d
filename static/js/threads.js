// Progressive enhancement only: the "More" menu under each comment is a <details> that opens
// and closes without this file. Here Escape closes it and gives focus back to "More", and
// opening one closes any other.
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !event.target.closest) { return; }
    var menu = event.target.closest("details[data-more]");
    if (!menu || !menu.open) { return; }
    menu.open = false;
    menu.querySelector("summary").focus();
  });
  document.addEventListener("toggle", function (event) {
    var menu = event.target;
    if (!menu.matches || !menu.matches("details[data-more]") || !menu.open) { return; }
    Array.prototype.forEach.call(document.querySelectorAll("details[data-more][open]"),
      function (other) { if (other !== menu) { other.open = false; } });
  }, true);
}());
