// Progressive enhancement only: "5 minutes ago" as the server wrote it is right when the
// page is rendered, but a page served from the cache (posts/page_cache.py) can be up to an
// hour old. This rewrites each relative time (templates/includes/time.html: <time datetime>
// with its exact date in span.exact) from the reader's clock, in the same words, and again
// every minute. Without JavaScript the server's text stays.
(function () {
  "use strict";
  var UNITS = [[365 * 24 * 3600, "year"], [30 * 24 * 3600, "month"], [7 * 24 * 3600, "week"],
               [24 * 3600, "day"], [3600, "hour"], [60, "minute"]];

  function relative(seconds) {
    for (var i = 0; i < UNITS.length; i += 1) {
      if (seconds >= UNITS[i][0]) {
        var count = Math.floor(seconds / UNITS[i][0]);
        return count + "\u00a0" + UNITS[i][1] + (count === 1 ? "" : "s") + " ago";
      }
    }
    return "just now";
  }

  function update() {
    var now = Date.now();
    Array.prototype.forEach.call(document.querySelectorAll("time[datetime]"), function (time) {
      var text = time.firstChild;
      if (!text || text.nodeType !== 3 || !time.querySelector("span.exact")) { return; }
      var at = Date.parse(time.getAttribute("datetime"));
      if (isNaN(at)) { return; }
      var said = relative(Math.max(0, (now - at) / 1000));
      if (text.nodeValue !== said) { text.nodeValue = said; }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    update();
    window.setInterval(update, 60 * 1000);
  });
}());
