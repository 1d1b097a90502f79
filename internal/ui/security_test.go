package ui

import (
	"net/http/httptest"
	"testing"
)

func TestClientIP(t *testing.T) {
	for _, tc := range []struct {
		name, remote string
		xff          []string
		want         string
	}{
		{"direct", "203.0.113.7:5000", nil, "203.0.113.7"},
		{"direct, forged header ignored", "203.0.113.7:5000", []string{"198.51.100.1"}, "203.0.113.7"},
		{"behind a local proxy", "127.0.0.1:5000", []string{"198.51.100.1"}, "198.51.100.1"},
		{"proxy appends to the client's header", "127.0.0.1:5000", []string{"10.0.0.1, 198.51.100.2"}, "198.51.100.2"},
		{"several header lines", "[::1]:5000", []string{"10.0.0.1", "198.51.100.3"}, "198.51.100.3"},
		{"local proxy, unreadable header", "127.0.0.1:5000", []string{"n'importe quoi"}, "127.0.0.1"},
		{"local, no header", "127.0.0.1:5000", nil, "127.0.0.1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", "/connexion", nil)
			r.RemoteAddr = tc.remote
			for _, v := range tc.xff {
				r.Header.Add("X-Forwarded-For", v)
			}
			if got := clientIP(r); got != tc.want {
				t.Errorf("clientIP = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestMaskLinks(t *testing.T) {
	body := "Ouvrez http://localhost:8080/verifier/Z4e4ey4lBAPTcxll-WOsc_hNV2r3 (valable 7 jours)\n" +
		"ou https://tnl.adullact.org/reinitialiser/abc-DEF_123 ou /invitation/k-6vfK3h.\n" +
		"Suivre : https://tnl.adullact.org/candidatures/12"
	want := "Ouvrez http://localhost:8080/verifier/[lien masqué] (valable 7 jours)\n" +
		"ou https://tnl.adullact.org/reinitialiser/[lien masqué] ou /invitation/[lien masqué].\n" +
		"Suivre : https://tnl.adullact.org/candidatures/12"
	if got := maskLinks(body); got != want {
		t.Errorf("maskLinks:\n got %q\nwant %q", got, want)
	}
}
