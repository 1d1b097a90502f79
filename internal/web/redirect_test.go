package web

import (
	"net/http/httptest"
	"testing"
)

func TestRedirectKeepsTheAnchorLast(t *testing.T) {
	for _, tc := range []struct{ to, notice, want string }{
		{"/candidatures/1/sections/s#q-key", "piece", "/candidatures/1/sections/s?ok=piece#q-key"},
		{"/candidatures/1?x=1#h", "ok", "/candidatures/1?x=1&ok=ok#h"},
		{"/candidatures/1", "depose", "/candidatures/1?ok=depose"},
		{"/candidatures/1#h", "", "/candidatures/1#h"},
	} {
		w := httptest.NewRecorder()
		Redirect(w, httptest.NewRequest("POST", "/", nil), tc.to, tc.notice)
		if got := w.Header().Get("Location"); got != tc.want {
			t.Errorf("redirect(%q, %q): Location %q, want %q", tc.to, tc.notice, got, tc.want)
		}
	}
}
