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

// A comment where the member has nothing of their own carries its React and More as plain
// links to the comment's actions page (templates/jinja2/posts/thread.html). Here each
// becomes a <details> like those of other comments, and opening it puts in a copy of the
// page's shared menus (<template id="comment-menus">) for this comment: its id in the links,
// its author's name, its counts from data-n.
(function () {
  "use strict";
  var menus = document.getElementById("comment-menus");
  if (!menus) { return; }
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  function fill(details) {
    var id = details.dataset.comment;
    var byline = document.getElementById("comment-" + id + "-by");
    var counts = (details.dataset.n || "").split(",").map(Number);
    var part = menus.content.querySelector(
      details.classList.contains("react-menu") ? ".react-panel" : ".more-panel").cloneNode(true);
    each(part.querySelectorAll("[formaction], [href]"), function (el) {
      var name = el.hasAttribute("href") ? "href" : "formaction";
      el.setAttribute(name, el.getAttribute(name).replace("{}", id));
    });
    each(part.querySelectorAll("[data-name]"), function (el) {
      el.replaceWith(document.createTextNode(byline ? byline.textContent : ""));
    });
    each(part.querySelectorAll("button.reaction"), function (button, i) {
      if (!counts[i]) { return; }
      var n = document.createElement("span");
      n.className = "n";
      n.textContent = counts[i];
      button.append(" ", n);
    });
    var reacted = part.querySelector("[data-reacted]");
    if (reacted && !details.dataset.n) { reacted.remove(); }
    details.appendChild(part);
    details.dataset.filled = "";
  }
  each(document.querySelectorAll("li.comment a.react-menu, li.comment a.more-menu"), function (link) {
    var details = document.createElement("details");
    var summary = document.createElement("summary");
    var react = link.classList.contains("react-menu");
    details.className = link.className;
    details.dataset.comment = link.closest("li.comment").id.replace("comment-", "");
    if (!react) { details.setAttribute("data-more", ""); }
    var counts = react ? link : link.closest(".comment-actions").querySelector(".react-menu");
    if (counts && counts.dataset.n) { details.dataset.n = counts.dataset.n; }
    summary.append.apply(summary, Array.prototype.slice.call(link.childNodes));
    details.appendChild(summary);
    link.replaceWith(details);
  });
  function open(details) {
    if (details && !("filled" in details.dataset)) { fill(details); }
  }
  // Filled as the summary is pressed (mouse, Enter or Space), so the menu opens full; an
  // opening by other means (a script) fills it on "toggle".
  document.addEventListener("click", function (event) {
    var summary = event.target.closest && event.target.closest("details[data-comment] > summary");
    if (summary) { open(summary.parentNode); }
  }, true);
  document.addEventListener("toggle", function (event) {
    var details = event.target;
    if (details.matches && details.matches("details[data-comment]") && details.open) {
      open(details);
    }
  }, true);
}());
