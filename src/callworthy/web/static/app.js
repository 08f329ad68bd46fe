/* Callworthy's one small script (the CSP allows no inline script). Every page works
   without it; it adds: the phone menu, focus on the first error, the links between a
   finding and its words, a busy state while a form is sent, and the time zone sent
   once. The recorder is in record.js. */
(function () {
  "use strict";

  /* The menu is a <details> rendered open (so it works without this script); on a
     phone it starts closed and opens by its summary, by keyboard or touch. */
  function syncMenu() {
    var menu = document.getElementById("menu");
    if (!menu || !window.matchMedia) return;
    var phone = window.matchMedia("(max-width: 48rem)");
    var apply = function () { menu.open = !phone.matches; };
    apply();
    phone.addEventListener("change", apply);
  }

  /* Tie each error to its field (aria-invalid, aria-describedby), then move focus to
     the first one and scroll it into view, so the rep sees at once what to fix. */
  function markErrors(root) {
    var errors = root.querySelectorAll(".field-error[id], .alert[role=alert][id]");
    var first = null;
    errors.forEach(function (error) {
      var name = error.id.replace(/-error$/, "");
      var form = error.closest("form") || document;
      var field = form.querySelector("[name='" + name + "']") || document.getElementById(name);
      if (field && /^(INPUT|TEXTAREA|SELECT)$/.test(field.tagName)) {
        field.setAttribute("aria-invalid", "true");
        var ids = (field.getAttribute("aria-describedby") || "").split(" ");
        if (ids.indexOf(error.id) < 0) ids.push(error.id);
        field.setAttribute("aria-describedby", ids.join(" ").trim());
        first = first || field;
      } else {
        if (!error.hasAttribute("tabindex")) error.setAttribute("tabindex", "-1");
        first = first || error;
      }
    });
    if (first) {
      first.focus({ preventScroll: true });
      first.scrollIntoView({ block: "center" });
    }
  }

  /* A finding and its highlighted words are links to each other: follow one and the
     other gets the focus (and stays outlined), whether clicked or activated by key. */
  function followPair(event) {
    var link = event.target.closest("a[data-pair]");
    if (!link) return;
    var target = document.getElementById(link.getAttribute("data-pair"));
    if (!target) return;
    event.preventDefault();
    var closed = target.closest("details:not([open])");
    if (closed) closed.open = true;
    document.querySelectorAll(".active").forEach(function (el) { el.classList.remove("active"); });
    target.classList.add("active");
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "nearest" });
  }

  /* While a form is sent (a page load, not htmx), say so and keep its button from being
     pressed twice: the form is marked busy and the button disabled once the browser has
     read it (disabling it at once would leave its name and value out of the form). Back
     from the next page (the back-forward cache), or ten seconds on, it works again. */
  function busyWhileSent(event) {
    var form = event.target;
    if (event.defaultPrevented || form.method !== "post" || form.hasAttribute("hx-post")) return;
    var button = event.submitter || form.querySelector("button[type=submit], button:not([type])");
    form.setAttribute("aria-busy", "true");
    var status = form.querySelector(".busy-status");
    if (!status) {
      status = document.createElement("span");
      status.className = "busy-status";
      status.setAttribute("role", "status");
      (button || form).insertAdjacentElement(button ? "afterend" : "beforeend", status);
    }
    status.textContent = "Working…";
    setTimeout(function () { if (button) button.disabled = true; }, 0);
    setTimeout(function () { idle(form); }, 10000);
  }

  function idle(form) {
    form.removeAttribute("aria-busy");
    form.querySelectorAll("button[disabled]").forEach(function (b) { b.disabled = false; });
    form.querySelectorAll(".busy-status").forEach(function (s) { s.textContent = ""; });
  }

  /* The browser's time zone, sent once per session so times read in the rep's own. */
  function sendTimeZone() {
    var body = document.body;
    if (!body.hasAttribute("data-time-zone") || body.getAttribute("data-time-zone")) return;
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
    if (!zone) return;
    var headers = JSON.parse(body.getAttribute("hx-headers") || "{}");
    fetch("/profile/time-zone", {
      method: "POST",
      headers: Object.assign({ "Content-Type": "application/x-www-form-urlencoded" }, headers),
      body: "time_zone=" + encodeURIComponent(zone),
      credentials: "same-origin"
    });
  }

  /* A table wider than a phone scrolls inside itself: make it reachable by keyboard. */
  function focusableTables() {
    document.querySelectorAll("main table").forEach(function (table) {
      if (table.scrollWidth > table.clientWidth + 1) {
        table.setAttribute("tabindex", "0");
      } else if (table.getAttribute("tabindex") === "0") {
        table.removeAttribute("tabindex");
      }
    });
  }

  document.addEventListener("click", followPair);
  document.addEventListener("submit", busyWhileSent);
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) document.querySelectorAll("form[aria-busy]").forEach(idle);
  });
  window.addEventListener("resize", focusableTables);
  document.addEventListener("DOMContentLoaded", function () {
    syncMenu();
    focusableTables();
    markErrors(document);
    sendTimeZone();
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    var errors = event.detail.target.querySelectorAll(".field-error[id]");
    if (errors.length) markErrors(event.detail.target);
  });
})();
