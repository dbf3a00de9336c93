// citecheck web: small enhancements; every page works without this file.
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }
  ready(function () {
    // Drop zone: show the chosen file's name, accept a dropped file.
    var input = document.getElementById("file");
    var zone = input ? input.closest(".drop") : null;
    var chosen = zone ? zone.querySelector("[data-chosen]") : null;
    function show() { if (chosen) chosen.textContent = input.files.length ? input.files[0].name : ""; }
    if (input && zone) {
      input.addEventListener("change", show);
      ["dragenter", "dragover"].forEach(function (ev) {
        zone.addEventListener(ev, function (e) { e.preventDefault(); zone.classList.add("over"); });
      });
      ["dragleave", "drop"].forEach(function (ev) {
        zone.addEventListener(ev, function (e) { e.preventDefault(); zone.classList.remove("over"); });
      });
      zone.addEventListener("drop", function (e) {
        if (e.dataTransfer && e.dataTransfer.files.length) { input.files = e.dataTransfer.files; show(); }
      });
    }
    // Findings: clicking one scrolls the text to its highlight and flashes it.
    document.querySelectorAll(".finding[data-target]").forEach(function (li) {
      li.addEventListener("click", function (e) {
        if (e.target.closest("a")) return;
        var mark = document.getElementById(li.getAttribute("data-target"));
        if (!mark) return;
        document.querySelectorAll(".finding.active").forEach(function (x) { x.classList.remove("active"); });
        li.classList.add("active");
        mark.scrollIntoView({ block: "center", behavior: "smooth" });
        mark.classList.add("flash");
        setTimeout(function () { mark.classList.remove("flash"); }, 1500);
      });
    });
    // Highlights: clicking one brings its finding into view.
    document.querySelectorAll("mark.hl[data-findings]").forEach(function (m) {
      m.addEventListener("click", function () {
        var first = m.getAttribute("data-findings").split(" ")[0];
        var li = document.getElementById("finding-" + first);
        if (li) { li.scrollIntoView({ block: "center", behavior: "smooth" }); li.classList.add("active"); }
      });
    });
  });
})();
