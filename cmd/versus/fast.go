package main

import (
	"log/slog"
	"net/http"
	"strconv"
	"time"
	"unsafe"

	"github.com/valyala/fasthttp"
	"github.com/valyala/fasthttp/fasthttpadaptor"

	"github.com/versus-dev/versus/internal/server"
)

// newFastServer serves the site over fasthttp. A request for a page already kept is answered
// from the cache without routing (server.Cached), which is most requests once a site is warm;
// every other request goes to the chi router through fasthttpadaptor, unchanged. The limits
// are newHTTPServer's: a client has 10 s to send its request, headers are at most 32 KiB.
// docs/DECISIONS.md gives the measurements behind the choice and what it costs (no HTTP/2).
func newFastServer(srv *server.Server, logger *slog.Logger) *fasthttp.Server {
	router := fasthttpadaptor.NewFastHTTPHandler(srv.Handler())
	security := make([][2]string, 0, len(srv.SecurityHeaders()))
	for k, v := range srv.SecurityHeaders() {
		security = append(security, [2]string{k, v[0]})
	}
	logging := srv.AccessLogging()
	return &fasthttp.Server{
		Handler: func(ctx *fasthttp.RequestCtx) {
			if !serveCached(ctx, srv, security, logging) {
				router(ctx)
			}
		},
		ReadTimeout:           10 * time.Second,
		WriteTimeout:          30 * time.Second,
		IdleTimeout:           120 * time.Second,
		ReadBufferSize:        32 << 10, // the largest request header accepted
		MaxRequestBodySize:    1 << 20,
		NoDefaultServerHeader: true,
		NoDefaultContentType:  true,
		CloseOnShutdown:       true,
		Logger:                slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
}

// serveCached writes the cached answer to ctx's request, when there is one.
func serveCached(ctx *fasthttp.RequestCtx, srv *server.Server, security [][2]string, logging bool) bool {
	var start time.Time
	if logging {
		start = time.Now()
	}
	method := ""
	switch {
	case ctx.IsGet():
		method = http.MethodGet
	case ctx.IsHead():
		method = http.MethodHead
	default:
		return false
	}
	req := &ctx.Request.Header
	resp, ok := srv.Cached(method, ctx.Host(), ctx.RequestURI(), view(req.Peek("Accept-Encoding")), view(req.Peek("If-None-Match")))
	if !ok {
		return false
	}
	h := &ctx.Response.Header
	for _, kv := range security {
		h.Set(kv[0], kv[1])
	}
	length := -1
	for k, vs := range resp.Header {
		if k == "Content-Length" {
			length, _ = strconv.Atoi(vs[0])
			continue
		}
		for _, v := range vs {
			h.Add(k, v)
		}
	}
	ctx.SetStatusCode(resp.Status)
	if method == http.MethodHead {
		ctx.Response.SkipBody = true
		if length >= 0 {
			h.SetContentLength(length)
		}
	} else {
		ctx.Response.SetBodyRaw(resp.Body)
	}
	if logging {
		srv.LogAccess(method, string(ctx.Path()), resp.Status, len(resp.Body), time.Since(start),
			resp.Header.Get("Content-Encoding"), ctx.RemoteAddr().String())
	}
	return true
}

// view is b as a string without a copy, for reading while the request lasts.
func view(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }
