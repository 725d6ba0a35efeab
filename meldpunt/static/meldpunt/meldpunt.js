// SPDX-License-Identifier: EUPL-1.2
// Enhancements only: every page works without this file.
//
// 1. A page with form errors moves focus to the error summary. The summary
//    carries `autofocus`, which does this without JavaScript in current
//    browsers; this covers browsers that ignore autofocus on a non-control.
// 2. A link in the summary moves focus to the field it names (or to the first
//    option of a group of radio buttons), not just scrolls to it.
(function () {
  "use strict";

  function focusSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary && document.activeElement !== summary) {
      summary.focus();
    }
  }

  function focusField(event) {
    var link = event.target.closest("[data-error-summary] a[href^='#']");
    if (!link) {
      return;
    }
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (target && target.tagName === "FIELDSET") {
      target = target.querySelector("input, select, textarea");
    }
    if (target) {
      event.preventDefault();
      target.focus();
    }
  }

  document.addEventListener("DOMContentLoaded", focusSummary);
  document.addEventListener("click", focusField);
})();
