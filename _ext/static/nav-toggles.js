/* furo's menu and "contents" toggles are <label>s for hidden checkboxes: a mouse or a
 * finger can open the drawers, a keyboard cannot (furo PR #660 upstream).  Make each a
 * button: focusable, named after its checkbox, aria-expanded kept in step, Enter and
 * Space toggle it; opening moves focus into the drawer, Escape closes it and returns
 * focus to the toggle.  site.css keeps the closed drawers out of the Tab order.
 */
(function () {
  "use strict";

  var DRAWERS = { __navigation: ".sidebar-drawer", __toc: ".toc-drawer" };

  function firstFocusable(container) {
    return container && container.querySelector(
      "a[href], button:not([disabled]), input:not([type=hidden]), [tabindex='0']");
  }

  function setUp() {
    Object.keys(DRAWERS).forEach(function (id) {
      var checkbox = document.getElementById(id);
      if (!checkbox) {
        return;
      }
      var drawer = document.querySelector(DRAWERS[id]);
      var toggles = document.querySelectorAll(
        "label.nav-overlay-icon[for='" + id + "'], label.toc-overlay-icon[for='" + id + "']");
      var opener = null;

      function sync() {
        Array.prototype.forEach.call(toggles, function (toggle) {
          toggle.setAttribute("aria-expanded", checkbox.checked ? "true" : "false");
        });
      }

      Array.prototype.forEach.call(toggles, function (toggle) {
        toggle.setAttribute("role", "button");
        toggle.setAttribute("tabindex", "0");
        toggle.setAttribute("aria-label", checkbox.getAttribute("aria-label") || "Toggle");
        toggle.addEventListener("keydown", function (event) {
          if (event.key !== "Enter" && event.key !== " ") {
            return;
          }
          event.preventDefault();
          checkbox.checked = !checkbox.checked;
          checkbox.dispatchEvent(new Event("change", { bubbles: true }));
          if (checkbox.checked) {
            opener = toggle;
            /* the drawer becomes visible with the change of class; focus it next frame */
            window.requestAnimationFrame(function () {
              var target = firstFocusable(drawer);
              if (target) {
                target.focus();
              }
            });
          }
        });
      });
      checkbox.addEventListener("change", sync);
      document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && checkbox.checked) {
          checkbox.checked = false;
          sync();
          if (opener) {
            opener.focus();
          }
        }
      });
      sync();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
