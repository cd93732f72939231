// Reloads the page after `versus serve -dev` rebuilds the site (see internal/devreload).
// Every stream opens with the site's version; a different one later means a rebuild or a
// restarted server. Hidden tabs close their stream: browsers allow six connections per host.
(() => {
  let seen, events;
  const listen = () => {
    events = new EventSource("/_dev/events");
    events.addEventListener("reload", (e) => {
      if (seen !== undefined && e.data !== seen) location.reload();
      seen = e.data;
    });
  };
  document.addEventListener("visibilitychange", () => (document.hidden ? events.close() : listen()));
  listen();
})();
