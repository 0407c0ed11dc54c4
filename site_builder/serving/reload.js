// site-builder serve: after each build, refreshes the page when its file changed (swapping in the new
// body, so the scroll position stays and nothing else is fetched again), swaps changed stylesheets in
// place, and shows build errors over the page until the next good build. Loaded only by
// `site-builder serve`.
(() => {
  "use strict";
  if (window.__siteBuilderLoaded) return;  // a refreshed body carries the script tag again
  window.__siteBuilderLoaded = true;
  const EVENTS = "/__site-builder/events";
  let instance = null;
  let overlay = null;

  function showProblems(problems) {
    hideProblems();
    overlay = document.createElement("div");
    overlay.id = "site-builder-overlay";
    overlay.setAttribute("role", "alert");
    Object.assign(overlay.style, {
      position: "fixed", inset: "0", zIndex: "2147483647", overflow: "auto", padding: "2rem",
      background: "rgba(20, 20, 24, 0.94)", color: "#ffd7d7", font: "15px/1.5 ui-monospace, monospace",
      whiteSpace: "pre-wrap",
    });
    const title = document.createElement("strong");
    title.textContent = "site-builder: the build failed; this page shows the last good build.\n\n";
    overlay.appendChild(title);
    for (const problem of problems) {
      const line = document.createElement("div");
      line.className = "site-builder-problem";
      line.textContent = problem;  // text, never HTML: messages quote the article
      overlay.appendChild(line);
    }
    document.body.appendChild(overlay);
  }

  function hideProblems() {
    if (overlay) overlay.remove();
    overlay = null;
  }

  function swapStylesheets(swaps) {
    // Stylesheets have content-hashed names: each changed one is linked again under its new name.
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const path = new URL(link.href, location.href).pathname;
      if (Object.hasOwn(swaps, path)) link.href = swaps[path];
    }
  }

  function stylesheets(doc) {
    return Array.from(doc.querySelectorAll('link[rel="stylesheet"]'), (link) => link.getAttribute("href")).join(" ");
  }

  function showsChangedFile(changed) {
    if (changed === null) return true;
    const path = decodeURIComponent(location.pathname);
    return changed.includes(path) || (path.endsWith("/index.html") && changed.includes(path.slice(0, -10)));
  }

  // The page's new version (or the 404 page, when its file is gone) replaces the body; a new <head>
  // (other stylesheets) takes a real reload.
  async function refresh(changed) {
    if (!showsChangedFile(changed)) return;
    let next;
    try {
      const response = await fetch(location.href, { cache: "no-store" });
      next = new DOMParser().parseFromString(await response.text(), "text/html");
    } catch (error) {
      location.reload();
      return;
    }
    if (stylesheets(next) !== stylesheets(document)) {
      location.reload();
      return;
    }
    hideProblems();
    document.title = next.title;
    document.documentElement.lang = next.documentElement.lang;
    document.body.replaceWith(next.body);
  }

  function connect() {
    const source = new EventSource(EVENTS);
    source.addEventListener("hello", (event) => {
      const data = JSON.parse(event.data);
      window.__siteBuilderConnected = true;
      if (instance !== null && data.instance !== instance) location.reload();  // the server restarted
      instance = data.instance;
      if (data.problems.length) showProblems(data.problems); else hideProblems();
    });
    source.addEventListener("reload", (event) => { hideProblems(); refresh(JSON.parse(event.data).changed); });
    source.addEventListener("css", (event) => { hideProblems(); swapStylesheets(JSON.parse(event.data).swaps); });
    source.addEventListener("problems", (event) => showProblems(JSON.parse(event.data).problems));
    source.addEventListener("ok", () => hideProblems());
  }

  connect();
})();
