package web

import (
	"net/http/httptest"
	"testing"
)

// X-Forwarded-For is believed only from the configured proxies (none by
// default, loopback included), and names the right-most address that is
// not a trusted proxy.
func TestClientIP(t *testing.T) {
	t.Parallel()
	trusted, err := ParseTrustedProxies("127.0.0.1, ::1 10.0.0.0/8")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, remote string
		xff          []string
		trust        bool
		want         string
	}{
		{"direct", "203.0.113.7:5000", nil, true, "203.0.113.7"},
		{"direct, forged header ignored", "203.0.113.7:5000", []string{"198.51.100.1"}, true, "203.0.113.7"},
		{"loopback without trusted proxies: header ignored", "127.0.0.1:5000", []string{"198.51.100.1"}, false, "127.0.0.1"},
		{"behind a trusted proxy", "127.0.0.1:5000", []string{"198.51.100.1"}, true, "198.51.100.1"},
		{"proxy appends to the client's header", "127.0.0.1:5000", []string{"192.0.2.66, 198.51.100.2"}, true, "198.51.100.2"},
		{"a chain of trusted proxies", "10.1.2.3:5000", []string{"192.0.2.66, 198.51.100.4, 10.0.0.9"}, true, "198.51.100.4"},
		{"several header lines", "[::1]:5000", []string{"10.0.0.1", "198.51.100.3"}, true, "198.51.100.3"},
		{"trusted proxy, unreadable header", "127.0.0.1:5000", []string{"n'importe quoi"}, true, "127.0.0.1"},
		{"trusted proxy, no header", "127.0.0.1:5000", nil, true, "127.0.0.1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", "/connexion", nil)
			r.RemoteAddr = tc.remote
			for _, v := range tc.xff {
				r.Header.Add("X-Forwarded-For", v)
			}
			var list = trusted
			if !tc.trust {
				list = nil
			}
			if got := clientIP(r, list); got != tc.want {
				t.Errorf("clientIP = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestParseTrustedProxies(t *testing.T) {
	t.Parallel()
	for _, bad := range []string{"localhost", "10.0.0.0/33", "1.2.3"} {
		if _, err := ParseTrustedProxies(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if p, err := ParseTrustedProxies(""); err != nil || len(p) != 0 {
		t.Errorf("empty: %v %v", p, err)
	}
	if p, err := ParseTrustedProxies("192.168.1.7/16"); err != nil || len(p) != 1 || p[0].String() != "192.168.0.0/16" {
		t.Errorf("CIDR: %v %v", p, err)
	}
}
