/* isms site: table sorting, row filters, print buttons, and Japanese input for Material's search.
   No dependencies, nothing fetched; works from file:// and over HTTP. */
(function () {
  "use strict";

  /* Sorting: click a column heading of a table.isms-sortable. Cells may carry data-sort. */
  var collator = new Intl.Collator(document.documentElement.lang || undefined, { numeric: true, sensitivity: "base" });
  function cellKey(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
  }
  function sortBy(th) {
    var table = th.closest("table");
    var index = Array.prototype.indexOf.call(th.parentNode.cells, th);
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(th.parentNode.cells, function (other) { other.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var order = collator.compare(cellKey(a, index), cellKey(b, index));
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  document.addEventListener("click", function (event) {
    var th = event.target.closest && event.target.closest("table[data-isms-sortable] thead th");
    if (th && !event.target.closest("a")) sortBy(th);
    var print = event.target.closest && event.target.closest("[data-isms-print]");
    if (print) window.print();
  });

  /* Filters: each select[data-filter-key] keeps the rows whose data-tags hold "key:value". */
  function applyFilters(box) {
    var wanted = [];
    box.querySelectorAll("select[data-filter-key]").forEach(function (select) {
      if (select.value) wanted.push(" " + select.getAttribute("data-filter-key") + ":" + select.value + " ");
    });
    var shown = 0, total = 0;
    document.querySelectorAll("table[data-isms-filterable] tbody tr").forEach(function (row) {
      var tags = " " + (row.getAttribute("data-tags") || "") + " ";
      var keep = wanted.every(function (tag) { return tags.indexOf(tag) >= 0; });
      row.classList.toggle("isms-hidden", !keep);
      total += 1;
      if (keep) shown += 1;
    });
    var output = box.querySelector("output");
    if (output) output.textContent = wanted.length ? shown + " / " + total : "";
  }
  document.addEventListener("change", function (event) {
    var box = event.target.closest && event.target.closest(".isms-filters");
    if (box) applyFilters(box);
  });
  function initFilters() {
    var params = new URLSearchParams(window.location.search);
    document.querySelectorAll(".isms-filters").forEach(function (box) {
      var changed = false;
      box.querySelectorAll("select[data-filter-key]").forEach(function (select) {
        var value = params.get(select.getAttribute("data-filter-key"));
        if (value && select.querySelector('option[value="' + CSS.escape(value) + '"]')) {
          select.value = value;
          changed = true;
        }
      });
      if (changed) applyFilters(box);
    });
  }

  /* Search: Material reads the search box on "keyup" (and on focus, and when its worker is ready).
     Text that arrives without a key release - committed by a Japanese IME, pasted, dictated,
     or inserted by a test driver - would never be searched once the worker is ready, which is
     always the case over HTTP. Re-announce every input as a keyup so it is searched. */
  function searchInput(event) {
    var box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.matches("input.md-search__input, input[data-md-component=search-query]")) return;
    if (event.type === "input" && event.isComposing) return;
    box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true, key: "Unidentified" }));
  }
  document.addEventListener("input", searchInput, true);
  document.addEventListener("compositionend", searchInput, true);

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", initFilters);
  else initFilters();
})();
