// Package logging builds tnl's slog logger: human-readable text on a
// terminal, JSON lines otherwise (under a service manager, in a container).
package logging

import (
	"io"
	"log/slog"
	"os"
	"regexp"
	"strings"

	"golang.org/x/term"
)

// New returns a logger writing to w at the given level ("debug", "info",
// "warn", "error"; info when empty or unknown).
func New(w io.Writer, level string) *slog.Logger {
	opts := &slog.HandlerOptions{Level: parseLevel(level), ReplaceAttr: maskAttr}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}

func parseLevel(s string) slog.Level {
	switch strings.ToLower(s) {
	case "debug":
		return slog.LevelDebug
	case "warn", "warning":
		return slog.LevelWarn
	case "error":
		return slog.LevelError
	}
	return slog.LevelInfo
}

// secretLink matches the secret part of the single-use links (address
// verification, password reset, invitations, the personal links of a
// visit request) and API tokens: the log keeps their first characters,
// enough to tell two apart, never the whole secret.
var secretLink = regexp.MustCompile(`(/(?:verifier|reinitialiser|invitation|fiche|suivi)/|\btnl_)([A-Za-z0-9_-]{4})[A-Za-z0-9_-]+`)

// Mask hides the secrets of s (see secretLink).
func Mask(s string) string {
	if !strings.Contains(s, "/") && !strings.Contains(s, "tnl_") {
		return s
	}
	return secretLink.ReplaceAllString(s, "${1}${2}…")
}

// maskAttr masks the secrets of every string written to the log: request
// paths, the bodies of the emails logged instead of sent, errors.
func maskAttr(_ []string, a slog.Attr) slog.Attr {
	switch a.Value.Kind() {
	case slog.KindString:
		if m := Mask(a.Value.String()); m != a.Value.String() {
			return slog.String(a.Key, m)
		}
	case slog.KindAny:
		switch v := a.Value.Any().(type) {
		case error:
			if m := Mask(v.Error()); m != v.Error() {
				return slog.String(a.Key, m)
			}
		case []string:
			out := make([]string, len(v))
			for i, x := range v {
				out[i] = Mask(x)
			}
			return slog.Any(a.Key, out)
		}
	}
	return a
}
