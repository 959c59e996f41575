// The administration's widgets made to pass axe-core's WCAG 2.1 AA checks (loaded on every
// page of the project's admins: kooperacja/policy/admin.py, PolicyAdmin.Media).
// Django's two-list selector (SelectFilter2.js) draws its search icon as a <span> with an
// aria-label, which a span without a role may not carry: it is given the role of an image.
(function () {
  "use strict";
  function fix(root) {
    root.querySelectorAll(".help-tooltip[aria-label]:not([role])").forEach(function (el) {
      el.setAttribute("role", "img");
    });
  }
  function start() {
    fix(document);
    new MutationObserver(function () { fix(document); })
      .observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
