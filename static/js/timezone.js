// Progressive enhancement only: on the profile settings page, while a member has not chosen
// a time zone, offer the browser's own (Intl) in the field. Nothing is saved until they
// press Save; without this file the field stays "UTC (not set)".
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var field = document.querySelector("select[data-fill-from-browser='time-zone']");
    if (!field || field.value !== "" || !window.Intl) { return; }
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
    if (!zone || !Array.prototype.some.call(field.options, function (option) {
      return option.value === zone;
    })) { return; }
    field.value = zone;
    var note = document.createElement("p");
    note.className = "help";
    note.id = "time-zone-from-browser";
    note.textContent = "Filled in from your browser: " + zone.replace(/_/g, " ") +
      ". Press Save to keep it.";
    field.insertAdjacentElement("afterend", note);
    var described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", (described ? described + " " : "") + note.id);
  });
}());
