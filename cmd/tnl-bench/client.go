package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// newHTTPClient returns the client every simulated browser shares: enough
// kept-alive connections for the concurrency, no redirect following (the
// flow reads the Location itself), no compression.
func newHTTPClient(conns int) *http.Client {
	return &http.Client{
		Transport: &http.Transport{
			DialContext:         (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			MaxIdleConns:        conns * 2,
			MaxIdleConnsPerHost: conns * 2,
			IdleConnTimeout:     90 * time.Second,
			DisableCompression:  true,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Timeout:       2 * time.Minute,
	}
}

// browser is one person's browser: its cookies, kept by hand because the
// server sets Secure cookies that net/http/cookiejar would not send over
// plain HTTP.
type browser struct {
	hc      *http.Client
	base    string
	cookies map[string]string
	rec     *recorder
	errs    *errorLog
	bearer  string // API token, for the staff's API calls
	// observe, when set, runs around each exchange (the probe counts the
	// server's statements with it).
	observe func(op string, exchange func()) error
}

// response is what the flow needs of an answer.
type response struct {
	Status   int
	Location string
	Body     []byte
}

// request is one HTTP exchange, timed under op.
type request struct {
	Op, Method, Path string
	Body             []byte
	ContentType      string
	CSRF             bool // send the CSRF cookie's value as X-CSRF-Token
	Want             int  // expected status
}

// do sends the request, records its latency and, when the status is not
// the expected one, records an error and returns it.
func (b *browser) do(ctx context.Context, rq request) (*response, error) {
	if b.observe == nil {
		return b.exchange(ctx, rq)
	}
	var resp *response
	var err error
	if oerr := b.observe(rq.Op, func() { resp, err = b.exchange(ctx, rq) }); oerr != nil {
		return nil, oerr
	}
	return resp, err
}

func (b *browser) exchange(ctx context.Context, rq request) (*response, error) {
	var body io.Reader
	if rq.Body != nil {
		body = bytes.NewReader(rq.Body)
	}
	req, err := http.NewRequestWithContext(ctx, rq.Method, b.base+rq.Path, body)
	if err != nil {
		return nil, err
	}
	if rq.ContentType != "" {
		req.Header.Set("Content-Type", rq.ContentType)
	}
	if c := b.cookieHeader(); c != "" {
		req.Header.Set("Cookie", c)
	}
	if rq.CSRF {
		req.Header.Set("X-CSRF-Token", b.cookies["__Host-tnl_csrf"])
	}
	if b.bearer != "" {
		req.Header.Set("Authorization", "Bearer "+b.bearer)
	}
	start := time.Now()
	resp, err := b.hc.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		b.errs.add(rq, 0, err.Error())
		return nil, fmt.Errorf("%s %s : %w", rq.Method, rq.Path, err)
	}
	data, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	took := time.Since(start)
	if err != nil {
		b.errs.add(rq, resp.StatusCode, err.Error())
		return nil, fmt.Errorf("%s %s : %w", rq.Method, rq.Path, err)
	}
	b.rec.add(rq.Op, took)
	b.keepCookies(resp)
	out := &response{Status: resp.StatusCode, Location: resp.Header.Get("Location"), Body: data}
	if resp.StatusCode != rq.Want {
		b.errs.add(rq, resp.StatusCode, excerpt(data))
		return out, fmt.Errorf("%s %s : statut %d au lieu de %d", rq.Method, rq.Path, resp.StatusCode, rq.Want)
	}
	return out, nil
}

func (b *browser) cookieHeader() string {
	if len(b.cookies) == 0 {
		return ""
	}
	names := make([]string, 0, len(b.cookies))
	for n := range b.cookies {
		names = append(names, n)
	}
	slices.Sort(names)
	var sb strings.Builder
	for i, n := range names {
		if i > 0 {
			sb.WriteString("; ")
		}
		sb.WriteString(n + "=" + b.cookies[n])
	}
	return sb.String()
}

func (b *browser) keepCookies(resp *http.Response) {
	for _, c := range resp.Cookies() {
		if c.MaxAge < 0 || c.Value == "" {
			delete(b.cookies, c.Name)
			continue
		}
		b.cookies[c.Name] = c.Value
	}
}

// errorLog counts failed requests and keeps the first few.
type errorLog struct {
	mu    sync.Mutex
	count int
	first []errorSample
}

type errorSample struct {
	Op     string `json:"op"`
	Method string `json:"method"`
	Path   string `json:"path"`
	Status int    `json:"status"`
	Body   string `json:"body"`
}

const keptErrors = 5

func (l *errorLog) add(rq request, status int, body string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.count++
	if len(l.first) < keptErrors {
		l.first = append(l.first, errorSample{Op: rq.Op, Method: rq.Method, Path: rq.Path, Status: status, Body: body})
	}
}

func (l *errorLog) snapshot() (int, []errorSample) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.count, slices.Clone(l.first)
}

// excerpt returns the text of a response body (of its <main> element for
// a page), tags removed and spaces collapsed, cut to 400 characters.
func excerpt(body []byte) string {
	if i := bytes.Index(body, []byte("<main")); i >= 0 {
		body = body[i:]
	}
	var sb strings.Builder
	inTag := false
	for _, r := range string(body) {
		switch {
		case r == '<':
			inTag = true
		case r == '>':
			inTag = false
			sb.WriteByte(' ')
		case !inTag:
			sb.WriteRune(r)
		}
	}
	text := strings.Join(strings.Fields(sb.String()), " ")
	if r := []rune(text); len(r) > 400 {
		text = string(r[:400]) + "…"
	}
	return text
}
