(function (root) {
  "use strict";
  if (!root) { return; }
  var panels = Array.prototype.slice.call(root.querySelectorAll(".fc-panel"));
  var marks = Array.prototype.slice.call(root.querySelectorAll(".fc-mark"));
  var filters = Array.prototype.slice.call(root.querySelectorAll(".fc-filter"));
  var showing = root.querySelector(".fc-showing");
  var current = null;

  function claimsOf(mark) { return (mark.getAttribute("data-claims") || "").split(" "); }
  function panelFor(id) {
    for (var i = 0; i < panels.length; i++) { if (panels[i].getAttribute("data-claim") === id) { return panels[i]; } }
    return null;
  }
  function shown(panel) {
    var f = root.getAttribute("data-filter");
    if (f === "all") { return true; }
    if (f === "flagged") { return panel.getAttribute("data-flagged") === "yes"; }
    return panel.getAttribute("data-label") === f;
  }
  function visiblePanels() { return panels.filter(shown); }

  function select(id, how) {
    current = id;
    root.setAttribute("data-selected", id || "");
    panels.forEach(function (p) { p.classList.toggle("fc-selected", p.getAttribute("data-claim") === id); });
    var firstMark = null;
    marks.forEach(function (m) {
      var on = id !== null && claimsOf(m).indexOf(id) >= 0;
      m.classList.toggle("fc-active", on);
      if (on && !firstMark) { firstMark = m; }
    });
    var panel = id === null ? null : panelFor(id);
    if (panel && how.toPanel) {
      panel.scrollIntoView({ block: "nearest" });
      panel.focus({ preventScroll: true });
    }
    if (firstMark && how.toArticle) { firstMark.scrollIntoView({ block: "nearest" }); }
  }
  function step(delta) {
    var list = visiblePanels();
    if (!list.length) { return; }
    var at = -1;
    for (var i = 0; i < list.length; i++) { if (list[i].getAttribute("data-claim") === current) { at = i; } }
    var next = at < 0 ? (delta > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, at + delta));
    select(list[next].getAttribute("data-claim"), { toPanel: true, toArticle: true });
  }
  function setFilter(name) {
    root.setAttribute("data-filter", name);
    filters.forEach(function (b) { b.setAttribute("aria-pressed", b.getAttribute("data-filter") === name ? "true" : "false"); });
    if (current !== null && !shown(panelFor(current))) { select(null, {}); }
    if (showing) { showing.textContent = "Showing " + visiblePanels().length + " of " + panels.length + " claims."; }
  }

  filters.forEach(function (b) {
    b.addEventListener("click", function () { setFilter(b.getAttribute("data-filter")); });
  });
  function activate(mark) {
    var ids = claimsOf(mark);
    var at = ids.indexOf(current);
    var id = at >= 0 ? ids[(at + 1) % ids.length] : ids[0];
    var panel = panelFor(id);
    if (panel && !shown(panel)) { setFilter("all"); }
    select(id, { toPanel: true });
  }
  marks.forEach(function (m) {
    m.addEventListener("click", function () { activate(m); });
    m.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); activate(m); }
    });
  });
  panels.forEach(function (p) {
    p.addEventListener("click", function (e) {
      if (e.target.closest && e.target.closest("a, summary, button")) { return; }
      select(p.getAttribute("data-claim"), { toArticle: true });
    });
  });

  var keys = { j: 1, n: 1, ArrowDown: 1, k: -1, p: -1, ArrowUp: -1 };
  var scope = root.getAttribute("data-standalone") === "yes" ? document : root;
  scope.addEventListener("keydown", function (e) {
    var t = e.target;
    if (e.altKey || e.ctrlKey || e.metaKey) { return; }
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) { return; }
    if ((e.key === "ArrowDown" || e.key === "ArrowUp") && !(t && root.contains(t) && t !== root)) { return; }
    if (keys.hasOwnProperty(e.key)) { step(keys[e.key]); }
    else if (e.key === "f") { setFilter(root.getAttribute("data-filter") === "flagged" ? "all" : "flagged"); }
    else if (e.key === "a") { setFilter("all"); }
    else if (e.key === "Escape") { select(null, {}); }
    else { return; }
    e.preventDefault();
  });

  var closed = [];
  window.addEventListener("beforeprint", function () {
    closed = Array.prototype.slice.call(root.querySelectorAll("details.fc-more:not([open])"));
    closed.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () { closed.forEach(function (d) { d.open = false; }); closed = []; });

  root.classList.add("fc-js");
})(document.currentScript && document.currentScript.closest(".fc-report"));
