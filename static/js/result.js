// Print and copy-link buttons; hidden until this script runs, so nothing breaks without it.
// While "what would change the recommendation" is still being worked out, the section asks
// the page again every few seconds and fills itself in (without this script: reload).
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

  var pending = document.querySelector(".sensitivity[data-pending]");
  var triesLeft = 60;
  function fillIn() {
    triesLeft -= 1;
    fetch(window.location.href, { cache: "no-store", credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var fresh = page.querySelector(".sensitivity");
        if (fresh && !fresh.hasAttribute("data-pending")) {
          pending.replaceChildren.apply(pending, Array.prototype.map.call(
            fresh.childNodes, function (node) { return document.importNode(node, true); }
          ));
          pending.removeAttribute("data-pending");
          pending.setAttribute("aria-busy", "false");
        } else if (triesLeft > 0) {
          window.setTimeout(fillIn, 2000);
        }
      })
      .catch(function () { if (triesLeft > 0) { window.setTimeout(fillIn, 2000); } });
  }
  if (pending && window.fetch && window.DOMParser) {
    pending.setAttribute("aria-live", "polite");
    window.setTimeout(fillIn, 1000);
  }
})();
