// Starts Pagefind's search box on the search page. A file, not an inline script: the pages'
// Content-Security-Policy allows scripts from the site only. The bundle's address and the site's
// base path come from the page, so search works under any sub-path.
window.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("search");
  if (!box || typeof PagefindUI === "undefined") {
    return;
  }
  new PagefindUI({
    element: "#search",
    bundlePath: box.dataset.bundle,
    baseUrl: box.dataset.base,
    showImages: false,
    showSubResults: false
  });
  // The page's visible label names the box Pagefind made.
  var input = box.querySelector("input[type=text], input[type=search]");
  if (input) {
    input.setAttribute("aria-labelledby", "search-label");
  }
});
