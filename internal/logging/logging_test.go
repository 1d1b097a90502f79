package logging

import (
	"bytes"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
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

// Single-use tokens and API tokens never appear in full in the log.
func TestSecretsAreMasked(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	logger := New(&buf, "debug")
	secret := "Z4e4ey4lBAPTcxll-WOsc_hNV2r3"
	logger.Debug("request", "path", "/reinitialiser/"+secret)
	logger.Info("notify: email logged", "body", "Ouvrez https://tnl.exemple.fr/verifier/"+secret+" (7 jours)", "attachments", []string{"a"})
	logger.Error("failed", "err", errors.New("lien /invitation/"+secret+" : expiré"))
	logger.Info("api", "token", "tnl_"+secret)
	out := buf.String()
	if strings.Contains(out, secret) || strings.Contains(out, secret[4:]) {
		t.Errorf("a secret is in the log:\n%s", out)
	}
	for _, want := range []string{"/reinitialiser/Z4e4…", "/verifier/Z4e4…", "/invitation/Z4e4…", "tnl_Z4e4…"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
}
