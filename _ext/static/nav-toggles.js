/* furo's menu and "contents" toggles are <label>s for hidden checkboxes: a mouse or a
 * finger can open the drawers, a keyboard cannot (furo PR #660 upstream).  Put a real
 * <button> inside each label, around its icon (a label may not take role=button): it is
 * focusable, named after its checkbox, keeps aria-expanded in step, and Enter or Space
 * toggles the drawer; opening from the keyboard moves focus into the drawer, Escape
 * closes it and returns focus to the button.  site.css keeps the closed drawers out of
 * the Tab order.
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

      var buttons = [];

      function sync() {
        buttons.forEach(function (button) {
          button.setAttribute("aria-expanded", checkbox.checked ? "true" : "false");
        });
      }

      buttons = Array.prototype.map.call(toggles, function (label) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "nav-toggle-button";
        button.setAttribute("aria-label", checkbox.getAttribute("aria-label") || "Toggle");
        while (label.firstChild) {
          button.appendChild(label.firstChild);
        }
        label.appendChild(button);
        /* a click on a button inside a label does not reach the checkbox: toggle here */
        button.addEventListener("click", function (event) {
          checkbox.checked = !checkbox.checked;
          checkbox.dispatchEvent(new Event("change", { bubbles: true }));
          opener = button;
          if (checkbox.checked && event.detail === 0) {  /* Enter or Space, not a tap */
            window.requestAnimationFrame(function () {
              var target = firstFocusable(drawer);
              if (target) {
                target.focus();
              }
            });
          }
        });
        return button;
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
