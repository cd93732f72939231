-- wrk script: rotate over comparison, article and search pages. wrk itself reports non-2xx answers.
local paths = {
  "/compare/django-vs-nodejs",
  "/compare/django-vs-express-vs-nodejs-vs-rails",
  "/compare/fastapi-vs-flask?diff=1",
  "/articles/event-loop-and-workers",
  "/articles/batteries-included",
  "/search?q=event+loop",
  "/search?q=djang+orm",
  "/subjects/django",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1], {["Accept-Encoding"] = "gzip, br"})
end
done = function(summary, latency, requests)
  io.write(string.format("requests=%d errors_connect=%d errors_read=%d errors_write=%d errors_status=%d errors_timeout=%d\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout))
  io.write(string.format("latency_p50_ms=%.2f latency_p99_ms=%.2f\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
