/* Mark the schedule row of the current week, from the reader's clock.
 *
 * Rows of terms with dates carry data-week-start / data-week-end (ISO dates, Monday and
 * Sunday) and data-timezone (the term's IANA zone).  "Today" is the reader's current
 * instant seen in the term's timezone, so the highlight moves on by itself as weeks pass,
 * with no rebuild.  The marked row gets the class "schedule-current-week" and
 * aria-current="date", and its header cell shows the block's data-current-week-label
 * ("this week", translated with the site).  Each block's "This week" link (in its week
 * strip) is pointed at that row and shown; outside the term it stays hidden.  Without
 * JavaScript nothing changes.
 *
 * Tests may set window.SCHEDULE_NOW (a Date, a timestamp or an ISO string) before this
 * script runs, or call window.scheduleMarkCurrentWeek() after changing it.
 */
(function () {
  "use strict";

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function localISO(now) {
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  /* The calendar date of the instant `now` in `zone`, as YYYY-MM-DD. */
  function isoDateIn(now, zone) {
    if (zone && window.Intl && Intl.DateTimeFormat) {
      try {
        var parts = {};
        new Intl.DateTimeFormat("en-US", {
          timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit"
        }).formatToParts(now).forEach(function (part) { parts[part.type] = part.value; });
        if (parts.year && parts.month && parts.day) {
          return parts.year + "-" + parts.month + "-" + parts.day;
        }
      } catch (error) {
        /* unknown zone in this browser: fall back to the reader's own date */
      }
    }
    return localISO(now);
  }

  function currentInstant() {
    var given = window.SCHEDULE_NOW;
    var now = given === undefined || given === null ? new Date() : new Date(given);
    return isNaN(now.getTime()) ? new Date() : now;
  }

  /* "this week" in the page's language: the schedule block carries the words. */
  function labelFor(row) {
    var block = row.closest("[data-current-week-label]");
    return block ? block.getAttribute("data-current-week-label") : "this week";
  }

  /* Show (or remove) the words under the week's label in the row's header cell. */
  function showLabel(row, current) {
    var cell = row.querySelector("th");
    if (!cell) {
      return;
    }
    var shown = cell.querySelector(".schedule-current-label");
    if (current && !shown) {
      shown = document.createElement("span");
      shown.className = "schedule-current-label";
      shown.textContent = labelFor(row);
      cell.appendChild(shown);
    } else if (!current && shown) {
      shown.parentNode.removeChild(shown);
    }
  }

  /* Show the block's "This week" link, pointing at `row`, or hide it (row null). */
  function pointThisWeek(block, row) {
    var link = block.querySelector("a.schedule-this-week");
    var target = row && row.querySelector("[id]");
    if (!link) {
      return;
    }
    if (target) {
      link.setAttribute("href", "#" + target.id);
      link.hidden = false;
    } else {
      link.setAttribute("href", "#");
      link.hidden = true;
    }
  }

  function mark() {
    var now = currentInstant();
    var rows = document.querySelectorAll("tr[data-week-start][data-week-end]");
    var found = new Map();
    Array.prototype.forEach.call(document.querySelectorAll("div.schedule"), function (block) {
      found.set(block, null);
    });
    Array.prototype.forEach.call(rows, function (row) {
      var today = isoDateIn(now, row.getAttribute("data-timezone"));
      /* ISO dates compare correctly as strings. */
      var current = row.getAttribute("data-week-start") <= today &&
                    today <= row.getAttribute("data-week-end");
      row.classList.toggle("schedule-current-week", current);
      if (current) {
        row.setAttribute("aria-current", "date");
        var block = row.closest("div.schedule");
        if (block && !found.get(block)) {
          found.set(block, row);
        }
      } else {
        row.removeAttribute("aria-current");
      }
      showLabel(row, current);
    });
    found.forEach(function (row, block) {
      pointThisWeek(block, row);
    });
  }

  window.scheduleMarkCurrentWeek = mark;
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mark);
  } else {
    mark();
  }
  /* A tab left open across midnight on Sunday catches up when it is shown again. */
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") {
      mark();
    }
  });
})();
