package logging

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"testing"
)

func TestNewWritesJSONWhenNotATerminal(t *testing.T) {
	var buf bytes.Buffer
	New(&buf, "info").Info("bonjour", "n", 3)
	var line map[string]any
	if err := json.Unmarshal(buf.Bytes(), &line); err != nil {
		t.Fatalf("not JSON: %q", buf.String())
	}
	if line["msg"] != "bonjour" || line["n"] != float64(3) {
		t.Errorf("unexpected line %v", line)
	}
}

func TestParseLevel(t *testing.T) {
	tests := map[string]slog.Level{"": slog.LevelInfo, "debug": slog.LevelDebug, "WARN": slog.LevelWarn, "error": slog.LevelError, "bogus": slog.LevelInfo}
	for in, want := range tests {
		if got := parseLevel(in); got != want {
			t.Errorf("parseLevel(%q) = %v, want %v", in, got, want)
		}
	}
}
