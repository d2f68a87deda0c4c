// The Executive page follows its workspace live: the server sends an "update" Server-Sent Event
// when business events or alerts arrive, and the page swaps in a fresh copy of its #live part.
(function () {
  const main = document.querySelector("[data-stream]");
  if (!main || typeof EventSource === "undefined") {
    return;
  }
  let refreshing = false;
  let again = false;
  async function refresh() {
    if (refreshing) {
      again = true;
      return;
    }
    refreshing = true;
    try {
      const response = await fetch(window.location.href, { credentials: "same-origin" });
      if (response.ok) {
        const fresh = new DOMParser().parseFromString(await response.text(), "text/html").querySelector("#live");
        const live = document.querySelector("#live");
        if (fresh && live) {
          live.replaceWith(fresh);
          main.dataset.updatedAt = new Date().toISOString();
        }
      }
    } finally {
      refreshing = false;
      if (again) {
        again = false;
        refresh();
      }
    }
  }
  const source = new EventSource(main.dataset.stream);
  source.addEventListener("ready", () => { main.dataset.live = "connected"; });
  source.addEventListener("update", refresh);
})();
