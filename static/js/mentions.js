// Progressive enhancement only: typing "@" in a post or comment box offers members' handles
// from the address the page gives on this script's tag (data-suggest-url, written with
// {% url %}, so it stays below the site's path). Without this file nothing changes: an
// @handle typed in full still links.
// Pattern: the textarea keeps its role (a combobox role is not allowed on <textarea>); it
// says it has a listbox popup (aria-haspopup, aria-autocomplete, aria-controls) and points at
// the highlighted option with aria-activedescendant. Arrow keys move, Enter or Tab chooses,
// Escape closes; a polite live region says how many handles are offered.
(function () {
  "use strict";
  var script = document.currentScript;
  var URL = script && script.getAttribute("data-suggest-url");
  if (!URL) { return; }
  var TOKEN = /(^|[^\w@])@([A-Za-z0-9_-]{1,30})$/;
  var list = null;
  var status = null;
  var field = null;
  var options = [];
  var active = -1;
  var pending = null;
  var lastQuery = "";

  function setup() {
    list = document.createElement("ul");
    list.id = "mention-suggestions";
    list.className = "mention-suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Members' handles");
    list.hidden = true;
    status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    document.body.appendChild(status);
  }

  function isMentionField(el) {
    return el && el.tagName === "TEXTAREA" && el.name === "body";
  }

  function prepare(el) {
    if (el.getAttribute("aria-controls") === list.id) { return; }
    el.setAttribute("aria-haspopup", "listbox");
    el.setAttribute("aria-autocomplete", "list");
    el.setAttribute("aria-controls", list.id);
  }

  function currentToken(el) {
    var before = el.value.slice(0, el.selectionStart);
    var match = TOKEN.exec(before);
    return match ? match[2] : null;
  }

  function close() {
    if (list.hidden) { return; }
    list.hidden = true;
    list.innerHTML = "";
    options = [];
    active = -1;
    if (field) { field.removeAttribute("aria-activedescendant"); }
    status.textContent = "";
  }

  function highlight(index) {
    options.forEach(function (option, i) {
      option.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    active = index;
    if (index >= 0) {
      field.setAttribute("aria-activedescendant", options[index].id);
    } else {
      field.removeAttribute("aria-activedescendant");
    }
  }

  function choose(index) {
    var handle = options[index] && options[index].getAttribute("data-handle");
    if (!handle || !field) { return; }
    var caret = field.selectionStart;
    var before = field.value.slice(0, caret).replace(/@[A-Za-z0-9_-]*$/, "@" + handle + " ");
    field.value = before + field.value.slice(caret);
    field.selectionStart = field.selectionEnd = before.length;
    close();
    field.focus();
    field.dispatchEvent(new Event("input", { bubbles: true }));  // drafts save as usual
  }

  function show(handles) {
    list.innerHTML = "";
    options = handles.map(function (handle, i) {
      var option = document.createElement("li");
      option.id = "mention-option-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.setAttribute("data-handle", handle);
      option.textContent = "@" + handle;
      option.addEventListener("mousedown", function (event) {
        event.preventDefault();  // keep focus in the textarea
        choose(i);
      });
      list.appendChild(option);
      return option;
    });
    if (!options.length) { close(); return; }
    field.insertAdjacentElement("afterend", list);
    list.hidden = false;
    highlight(0);
    status.textContent = options.length + (options.length === 1 ? " handle" : " handles") +
      " suggested. Up and down arrows to choose, Enter to insert, Escape to close.";
  }

  function lookUp(el) {
    var query = currentToken(el);
    if (query === null) { close(); return; }
    if (query === lastQuery && !list.hidden) { return; }
    lastQuery = query;
    if (pending) { window.clearTimeout(pending); }
    pending = window.setTimeout(function () {
      fetch(URL + "?q=" + encodeURIComponent(query), {
        credentials: "same-origin", headers: { Accept: "application/json" }
      }).then(function (response) {
        return response.ok ? response.json() : { handles: [] };
      }).then(function (data) {
        if (field === el && currentToken(el) === query) { show(data.handles || []); }
      }).catch(close);
    }, 150);
  }

  document.addEventListener("DOMContentLoaded", function () {
    setup();
    document.addEventListener("input", function (event) {
      if (!isMentionField(event.target)) { return; }
      field = event.target;
      prepare(field);
      lookUp(field);
    });
    document.addEventListener("keydown", function (event) {
      if (event.target !== field || list.hidden) { return; }
      if (event.key === "ArrowDown") {
        event.preventDefault();
        highlight((active + 1) % options.length);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight((active - 1 + options.length) % options.length);
      } else if (event.key === "Enter" || event.key === "Tab") {
        if (active >= 0) { event.preventDefault(); choose(active); }
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
      }
    });
    document.addEventListener("focusout", function (event) {
      if (event.target === field) { close(); }
    });
  });
}());
