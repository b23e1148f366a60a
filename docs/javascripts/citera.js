/* The cite box (overrides/partials/citera.html): copy buttons, the reader's own access date, and the
   citation of one passage when the address names one (#s-26, #p-3, a heading or a quote id). The printed
   pages of every passage come from the page itself (#citera-data, written by scripts/hooks/cite_box.py). */
(function () {
  "use strict";
  var box = document.getElementById("citera-sidan");
  var dataNode = document.getElementById("citera-data");
  if (!box || !dataNode || !box.querySelector(".citera-stalle")) return;
  var sidor = JSON.parse(dataNode.textContent).sidor || {};
  var status = box.querySelector(".citera-status");
  var pagesNode = box.querySelector(".citera-sidor");
  var urlNode = box.querySelector(".citera-url");
  var stalle = box.querySelector(".citera-stalle");
  var anchorLink = box.querySelector(".citera-ankare");
  var wholePages = pagesNode ? pagesNode.textContent : "";
  var wholeUrl = urlNode ? urlNode.getAttribute("href") : "";

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  var now = new Date();
  var today = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  box.querySelectorAll("time.citera-datum").forEach(function (t) {
    if (t.textContent === today) return;
    t.setAttribute("datetime", today);
    t.textContent = today;
  });

  function label(range) {
    return range[0] === range[1] ? "s. " + range[0] : "s. " + range[0] + "\u2013" + range[1];
  }

  function show(anchor) {
    var range = anchor && Object.prototype.hasOwnProperty.call(sidor, anchor) ? sidor[anchor] : null;
    var url = range ? wholeUrl + "#" + anchor : wholeUrl;
    if (pagesNode) pagesNode.textContent = range ? label(range) : wholePages;
    if (urlNode) {
      urlNode.setAttribute("href", url);
      urlNode.textContent = url;
    }
    stalle.hidden = !range;
    if (range) {
      anchorLink.setAttribute("href", "#" + anchor);
      anchorLink.textContent = "#" + anchor + " (" + label(range) + ")";
    }
  }

  function fromHash() {
    var anchor = "";
    try { anchor = decodeURIComponent(location.hash.slice(1)); } catch (e) { anchor = ""; }
    show(anchor);
  }
  window.addEventListener("hashchange", fromHash);
  if (location.hash) fromHash();  // the whole page is already in the box as built
  box.querySelector(".citera-hela").addEventListener("click", function () {
    show("");
    status.textContent = "Hänvisningen gäller nu hela sidan.";
  });

  function copied(ok) {
    status.textContent = ok ? "Kopierat." : "Kunde inte kopiera \u2013 markera texten och kopiera den själv.";
  }

  box.querySelectorAll(".citera-kopiera").forEach(function (button) {
    button.addEventListener("click", function () {
      status.textContent = "";  // a second copy is announced again, and only once it is done
      var node = document.getElementById(button.getAttribute("data-kopiera"));
      var text = node.textContent.replace(/\s+/g, " ").trim();
      var clip = navigator.clipboard;
      if (clip && window.ClipboardItem && clip.write) {
        var item = new ClipboardItem({
          "text/plain": new Blob([text], { type: "text/plain" }),
          "text/html": new Blob([node.innerHTML], { type: "text/html" })
        });
        clip.write([item]).then(function () { copied(true); }, function () {
          clip.writeText(text).then(function () { copied(true); }, function () { copied(false); });
        });
      } else if (clip && clip.writeText) {
        clip.writeText(text).then(function () { copied(true); }, function () { copied(false); });
      } else {
        copied(false);
      }
    });
  });
})();
