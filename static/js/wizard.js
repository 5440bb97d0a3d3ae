// A question that matters only with another answer on the same page (a channel's handling
// time and share need that channel) is hidden while that answer is not given, and shown
// again as soon as it is. Without this script every question shows; either way the server
// ignores what a question that does not apply holds.
(function () {
  "use strict";
  var form = document.querySelector(".wizard-form");
  var dependents = form ? form.querySelectorAll("[data-shown-if-question]") : [];
  if (!dependents.length) {
    return;
  }

  function given(question) {
    var wrapper = form.querySelector('[data-question="' + question + '"]');
    if (!wrapper) {
      return null;
    }
    var inputs = wrapper.querySelectorAll("input, select");
    return Array.prototype.filter.call(inputs, function (input) {
      return (input.type !== "checkbox" && input.type !== "radio") || input.checked;
    }).map(function (input) { return input.value; });
  }

  function update() {
    Array.prototype.forEach.call(dependents, function (field) {
      var answers = given(field.dataset.shownIfQuestion);
      field.hidden = answers !== null && answers.indexOf(field.dataset.shownIfAnswer) === -1;
    });
  }

  form.addEventListener("change", update);
  update();
})();
