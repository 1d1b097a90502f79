package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// The browser keeps the server's Secure cookies over plain HTTP, sends them
// back with the CSRF header, forgets cleared ones and records errors.
func TestBrowserCookiesAndErrors(t *testing.T) {
	var seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = append(seen, r.Header.Get("Cookie")+"|"+r.Header.Get("X-CSRF-Token"))
		switch r.URL.Path {
		case "/connexion":
			http.SetCookie(w, &http.Cookie{Name: "__Host-tnl_csrf", Value: "jeton-csrf", Path: "/", Secure: true, HttpOnly: true})
			w.WriteHeader(http.StatusOK)
		case "/entrer":
			http.SetCookie(w, &http.Cookie{Name: "tnl_session", Value: "s1", Path: "/", Secure: true, MaxAge: 3600})
			http.Redirect(w, r, "/candidatures", http.StatusSeeOther)
		case "/sortir":
			http.SetCookie(w, &http.Cookie{Name: "tnl_session", Value: "", Path: "/", MaxAge: -1})
			w.WriteHeader(http.StatusOK)
		default:
			w.WriteHeader(http.StatusUnprocessableEntity)
			w.Write([]byte("<html><nav>menu</nav><main id=contenu><h1>Demande impossible</h1>\n<p>Action « Déposer » impossible.</p></main></html>"))
		}
	}))
	defer srv.Close()
	b := &browser{hc: newHTTPClient(1), base: srv.URL, cookies: map[string]string{}, rec: newRecorder(), errs: &errorLog{}}
	ctx := context.Background()
	if _, err := b.do(ctx, request{Op: "page", Method: "GET", Path: "/connexion", Want: 200}); err != nil {
		t.Fatal(err)
	}
	resp, err := b.do(ctx, request{Op: "signin", Method: "POST", Path: "/entrer", CSRF: true, Want: http.StatusSeeOther})
	if err != nil || resp.Location != "/candidatures" {
		t.Fatalf("sign-in: %+v, %v", resp, err)
	}
	if _, err := b.do(ctx, request{Op: "out", Method: "POST", Path: "/sortir", CSRF: true, Want: 200}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.do(ctx, request{Op: "submit", Method: "POST", Path: "/depot", CSRF: true, Want: http.StatusSeeOther}); err == nil {
		t.Fatal("unexpected status: no error")
	}
	want := []string{"|", "__Host-tnl_csrf=jeton-csrf|jeton-csrf", "__Host-tnl_csrf=jeton-csrf; tnl_session=s1|jeton-csrf", "__Host-tnl_csrf=jeton-csrf|jeton-csrf"}
	if strings.Join(seen, "\n") != strings.Join(want, "\n") {
		t.Errorf("requests carried:\n%s\nwant:\n%s", strings.Join(seen, "\n"), strings.Join(want, "\n"))
	}
	n, first := b.errs.snapshot()
	if n != 1 || first[0].Status != 422 || first[0].Body != "Demande impossible Action « Déposer » impossible." {
		t.Errorf("errors: %d %+v", n, first)
	}
	if b.rec.count("signin") != 1 || b.rec.count("submit") != 1 {
		t.Errorf("latencies: %+v", b.rec.summary())
	}
}
