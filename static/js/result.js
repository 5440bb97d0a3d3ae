// Print and copy-link buttons; hidden until this script runs, so nothing breaks without it.
// While "what would change the recommendation" is still being worked out, the section asks
// for itself every few seconds, less often as time goes by, and fills itself in (without this
// script: reload).
(function () {
  "use strict";
  var status = document.querySelector(".copy-status");
  var printButton = document.querySelector('[data-action="print"]');
  var copyButton = document.querySelector('[data-action="copy-link"]');
  if (printButton) {
    printButton.hidden = false;
    printButton.addEventListener("click", function () { window.print(); });
  }
  if (copyButton && navigator.clipboard) {
    copyButton.hidden = false;
    copyButton.addEventListener("click", function () {
      navigator.clipboard.writeText(copyButton.dataset.url).then(
        function () { status.textContent = copyButton.dataset.done; },
        function () { status.textContent = copyButton.dataset.failed; }
      );
    });
  }

  // When the result was made, in the reader's own time zone (the page says UTC without script).
  var madeAt = document.querySelector("time.made-at[data-local]");
  if (madeAt && window.Intl) {
    var when = new Date(madeAt.getAttribute("datetime"));
    var local = new Intl.DateTimeFormat(document.documentElement.lang, {
      dateStyle: "long", timeStyle: "short"
    }).format(when);
    madeAt.textContent = madeAt.dataset.local.replace("{date}", local);
  }

  var pending = document.querySelector(".sensitivity[data-pending]");
  var triesLeft = 60;
  var delay = 1000;
  function askAgain() {
    if (triesLeft > 0) {
      delay = Math.min(delay * 1.5, 10000);
      window.setTimeout(fillIn, delay);
    }
  }
  // The section's own address answers "204 No Content" while it is still being worked out.
  function fillIn() {
    triesLeft -= 1;
    fetch(pending.dataset.changesUrl, { cache: "no-store", credentials: "same-origin" })
      .then(function (response) { return response.status === 200 ? response.text() : ""; })
      .then(function (html) {
        var fresh = html && new DOMParser().parseFromString(html, "text/html").querySelector(".sensitivity");
        if (fresh && !fresh.hasAttribute("data-pending")) {
          pending.replaceChildren.apply(pending, Array.prototype.map.call(
            fresh.childNodes, function (node) { return document.importNode(node, true); }
          ));
          pending.removeAttribute("data-pending");
          pending.setAttribute("aria-busy", "false");
        } else {
          askAgain();
        }
      })
      .catch(askAgain);
  }
  if (pending && window.fetch && window.DOMParser) {
    pending.setAttribute("aria-live", "polite");
    window.setTimeout(fillIn, delay);
  }
})();
