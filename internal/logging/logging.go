// Package logging builds tnl's slog logger: human-readable text on a
// terminal, JSON lines otherwise (under a service manager, in a container).
package logging

import (
	"io"
	"log/slog"
	"os"
	"strings"

	"golang.org/x/term"
)

// New returns a logger writing to w at the given level ("debug", "info",
// "warn", "error"; info when empty or unknown).
func New(w io.Writer, level string) *slog.Logger {
	opts := &slog.HandlerOptions{Level: parseLevel(level)}
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
