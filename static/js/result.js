// Print and copy-link buttons; hidden until this script runs, so nothing breaks without it.
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
})();
