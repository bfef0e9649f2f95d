// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  var DRAFT_PREFIX = "kindred-draft:";

  function storage() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  // Drafts belong to one member: the server names an opaque owner on <body> ("anon" for
  // readers), and a draft is saved as "kindred-draft:<owner>:<post>:<parent>".
  function draftOwner() {
    return document.body.getAttribute("data-draft-owner") || "anon";
  }

  function draftKey(key) {
    return DRAFT_PREFIX + draftOwner() + ":" + key;
  }

  // A shared computer: on a member's page, every draft that is not theirs goes (another
  // member's, or one saved before drafts had owners). After "Log out" (the server's
  // forget-drafts marker, for browsers that ignore Clear-Site-Data) every draft goes. A
  // reader's page removes nothing else: when a session expires, the member logs in again and
  // finds their words.
  function forgetOthersDrafts() {
    var store = storage();
    if (!store) { return; }
    var everyone = document.querySelector("[data-tags~='forget-drafts']") !== null;
    var mine = DRAFT_PREFIX + draftOwner() + ":";
    if (draftOwner() === "anon" && !everyone) { return; }
    var gone = [];
    for (var i = 0; i < store.length; i += 1) {
      var key = store.key(i);
      if (key && key.indexOf(DRAFT_PREFIX) === 0 && (everyone || key.indexOf(mine) !== 0)) {
        gone.push(key);
      }
    }
    gone.forEach(function (key) { store.removeItem(key); });
  }

  // Drafts: what a member types in a comment box is saved on this device as they type,
  // and comes back if the page reloads, the submit fails or the session expires.
  function watchDraft(form) {
    var store = storage();
    var key = form.getAttribute("data-draft-key");
    var box = form.querySelector("textarea[name=body]");
    if (!store || !key || !box) { return; }
    key = draftKey(key);
    if (!box.value && store.getItem(key)) {
      box.value = store.getItem(key);
    }
    box.addEventListener("input", function () {
      if (box.value) { store.setItem(key, box.value); }
      else { store.removeItem(key); }
    });
  }

  // After a successful post the server says which draft is done ("posted-<post>-<parent>");
  // after a private message, "sent-<key>" names the message box's draft.
  function clearPostedDrafts() {
    var store = storage();
    Array.prototype.forEach.call(document.querySelectorAll("[data-tags*='sent-']"),
      function (message) {
        var sent = /(?:^|\s)sent-(\S+)/.exec(message.getAttribute("data-tags"));
        if (sent && store) { store.removeItem(draftKey("message:" + sent[1])); }
      });
    var done = document.querySelectorAll("[data-tags*='posted-']");
    Array.prototype.forEach.call(done, function (message) {
      var match = /posted-(\d+)-(\d+)/.exec(message.getAttribute("data-tags"));
      if (match && store) { store.removeItem(draftKey(match[1] + ":" + match[2])); }
      var announcer = document.getElementById("comment-announcer");
      if (announcer) {
        window.setTimeout(function () { announcer.textContent = message.textContent; }, 300);
      }
      var target = window.location.hash && document.getElementById(window.location.hash.slice(1));
      var article = target && target.querySelector("article");
      // Not before "load": scrolling to the #fragment (the <li>, not focusable) takes focus
      // away again, and the keyboard would start over from the top of the page. The crisis
      // message, when there is one, wins (see showCrisisSupport).
      if (article && !document.getElementById("crisis-support")) {
        window.addEventListener("load", function () { article.focus(); });
      }
    });
  }

  // Words that suggest crisis: the helplines are the first thing the member sees and hears.
  // The server sends them to #crisis-support (which scrolls there without this script); focus
  // makes screen readers read the message and the keyboard start from it.
  function showCrisisSupport() {
    var message = document.getElementById("crisis-support");
    if (!message) { return; }
    message.focus();
    // Again after "load": the browser's own scroll to a #fragment can move focus away.
    window.addEventListener("load", function () {
      if (document.activeElement !== message) { message.focus(); }
    });
  }

  // A reply box that came with a page load ("Reply" where the page has no inline box, or a
  // kept draft after login): the member asked to reply, so the caret goes into it, as it
  // does for the inline box. Again after "load", where the browser's scroll to the
  // #fragment can take focus away; never over the crisis message or the error summary.
  function focusOpenedReply() {
    var hash = window.location.hash;
    if (!/^#reply-\d+$/.test(hash)) { return; }
    var box = document.querySelector(hash + " textarea");
    if (!box) { return; }
    function focus() {
      if (document.getElementById("crisis-support") || document.getElementById("error-summary")) {
        return;
      }
      if (document.activeElement !== box) { box.focus(); }
    }
    focus();
    window.addEventListener("load", focus);
  }

  // Inline reply box under the comment, instead of a page load. Returns false where the
  // page has no reply template ("continue this thread"): the link then loads ?reply=<id>.
  function openReply(link) {
    var id = link.getAttribute("data-reply-to");
    var existing = document.getElementById("reply-" + id);
    if (existing) { existing.querySelector("textarea").focus(); return true; }
    var template = document.getElementById("reply-template");
    if (!template) { return false; }
    var form = template.content.firstElementChild.cloneNode(true);
    var label = form.querySelector("label");
    var box = form.querySelector("textarea");
    form.id = "reply-" + id;
    form.setAttribute("data-draft-key", template.getAttribute("data-post-id") + ":" + id);
    form.querySelector("input[name=parent]").value = id;
    box.id = "reply-body-" + id;
    label.setAttribute("for", box.id);
    label.textContent = "Your reply to " + link.getAttribute("data-reply-name");
    form.querySelector("[data-cancel-reply]").addEventListener("click", function () {
      form.parentNode.removeChild(form);
      link.focus();
    });
    var article = link.closest("article");
    article.appendChild(form);
    watchDraft(form);
    box.focus();
    return true;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.getElementById("error-summary");
    if (summary) {
      summary.setAttribute("tabindex", "-1");
      summary.focus();
    }
    // Forget the posted draft (and anyone else's) first, or watchDraft would put those words
    // back in the box.
    forgetOthersDrafts();
    clearPostedDrafts();
    showCrisisSupport();
    Array.prototype.forEach.call(document.querySelectorAll("form[data-draft-key]"), watchDraft);
    focusOpenedReply();
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a.reply-link");
      if (!link || link.getAttribute("href").indexOf("?reply=") !== 0) { return; }
      if (openReply(link)) { event.preventDefault(); }
    });
  });
})();

// Symptom picker: a filter box above the checkboxes that also matches other names
// ("banding" shows "MS hug"). Ticked symptoms always stay visible.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var boxes = document.querySelectorAll("input[type=checkbox][data-terms]");
    if (!boxes.length) { return; }
    var fieldset = boxes[0].closest("fieldset");
    var wrapper = document.createElement("div");
    wrapper.className = "field symptom-filter";
    var label = document.createElement("label");
    label.setAttribute("for", "symptom-filter");
    label.textContent = "Find a symptom (other names work too)";
    var input = document.createElement("input");
    input.type = "search";
    input.id = "symptom-filter";
    input.autocomplete = "off";
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    wrapper.appendChild(label);
    wrapper.appendChild(input);
    wrapper.appendChild(status);
    fieldset.insertBefore(wrapper, fieldset.querySelector(".choice"));
    input.addEventListener("input", function () {
      var wanted = input.value.trim().toLowerCase();
      var shown = 0;
      Array.prototype.forEach.call(boxes, function (box) {
        var match = !wanted || box.checked || box.getAttribute("data-terms").indexOf(wanted) !== -1;
        box.closest(".choice").hidden = !match;
        if (match) { shown += 1; }
      });
      status.textContent = shown + (shown === 1 ? " symptom shown" : " symptoms shown");
    });
  });

  // The header's disclosures (<details data-menu>: "Menu" on phones, "Display" and the
  // account on wide screens) open and close without this; here Escape closes one and gives
  // focus back to its toggle, and a click or focus outside closes it.
  Array.prototype.forEach.call(document.querySelectorAll("details[data-menu]"), function (menu) {
    var toggle = menu.querySelector("summary");
    function shownAsMenu() { return toggle && toggle.offsetParent !== null; }
    // Where CSS hides the toggle and shows the content in place (the menu on wide screens,
    // "Display" and the account inside the phone menu), open it for real, so
    // assistive technology that hides closed <details> content sees the navigation too.
    var openedForWideScreen = false;
    function matchScreen() {
      if (!shownAsMenu() && !menu.open) { menu.open = true; openedForWideScreen = true; }
      else if (shownAsMenu() && openedForWideScreen) { menu.open = false; openedForWideScreen = false; }
    }
    matchScreen();
    window.addEventListener("resize", matchScreen);
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open && shownAsMenu()) {
        menu.open = false;
        toggle.focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (menu.open && shownAsMenu() && !menu.contains(event.target)) { menu.open = false; }
    });
    document.addEventListener("focusin", function (event) {
      if (menu.open && shownAsMenu() && !menu.contains(event.target)) { menu.open = false; }
    });
  });
})();
