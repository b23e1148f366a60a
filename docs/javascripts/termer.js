/* The definitions of the quote annotations' terms (issue 18: sent once a page, not once a quote). Each term
   link names its definition in the page's one hidden list (render/html.py: term_definitions) with
   aria-describedby, which assistive technology reads; this script shows the same words as a tooltip on hover
   and keyboard focus. The tooltip can be hovered, Escape closes it, and it is hidden from assistive
   technology (the description already gives its words). */
(function () {
  "use strict";
  var tip = document.createElement("div");
  tip.className = "term-tips";
  tip.setAttribute("aria-hidden", "true");
  tip.hidden = true;
  document.body.appendChild(tip);
  var current = null;

  function term(node) {
    return node && node.closest ? node.closest("a.citat-term[aria-describedby]") : null;
  }
  function show(link) {
    var definition = document.getElementById(link.getAttribute("aria-describedby"));
    if (!definition) return;
    current = link;
    tip.textContent = definition.textContent;
    tip.hidden = false;
    var box = link.getBoundingClientRect();
    var room = document.documentElement.clientWidth;
    var left = Math.max(8, Math.min(box.left, room - tip.offsetWidth - 8));
    tip.style.left = left + window.scrollX + "px";
    tip.style.top = box.bottom + window.scrollY + 6 + "px";
  }
  function hide() {
    tip.hidden = true;
    current = null;
  }
  document.addEventListener("mouseover", function (e) {
    var link = term(e.target);
    if (link) show(link);
  });
  document.addEventListener("mouseout", function (e) {
    if (!current) return;
    var to = e.relatedTarget;
    if (to && (tip.contains(to) || current.contains(to))) return; // onto the tooltip or within the link
    if (term(e.target) === current || tip.contains(e.target)) {
      if (document.activeElement !== current) hide();
    }
  });
  document.addEventListener("focusin", function (e) {
    var link = term(e.target);
    if (link) show(link);
    else if (current) hide();
  });
  document.addEventListener("focusout", function (e) {
    if (term(e.target) === current) hide();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && current) hide();
  });
})();
