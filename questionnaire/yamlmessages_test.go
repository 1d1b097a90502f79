package questionnaire

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// parserMessage decodes src with the YAML library as parse does and
// returns the library's error message, or "" when src is accepted.
func parserMessage(t *testing.T, src string) string {
	t.Helper()
	dec := yaml.NewDecoder(bytes.NewReader([]byte(src)))
	for range 2 {
		var n yaml.Node
		if err := safeDecode(dec, &n); err != nil {
			if errors.Is(err, io.EOF) {
				return ""
			}
			return err.Error()
		}
	}
	return ""
}

// TestYAMLMessagesFromParser makes the YAML library print every message
// of yamlMessages, so that a wording changed by a new version of the
// library fails here instead of reaching users untranslated.
func TestYAMLMessagesFromParser(t *testing.T) {
	t.Parallel()
	cases := []struct {
		src, en string
	}{
		{"title: Essai\n  version: 1\n", "mapping values are not allowed"},
		{"a: ? b\n", "mapping keys are not allowed"},
		{"a:\n  - b\n c: d\n", "did not find expected key"},
		{"- a\nb: c\n", "did not find expected '-' indicator"},
		{"- a\n- b\nc", "could not find expected ':'"},
		{"title: Essai\n\tversion: 1\n", "found a tab character"},
		{"a: @b\n", "found character that cannot start any token"},
		{"a: }\n", "did not find expected node content"},
		{"a: [b, c\nd: e\n", "did not find expected ',' or ']'"},
		{"a: {b: c\nd: e\n", "did not find expected ',' or '}'"},
		{"a: \"b\n", "found unexpected end of stream"},
		{"a: \"\\q\"\n", "found unknown escape character"},
		{"a: \"\\xZZ\"\n", "did not find expected hexdecimal number"},
		{"a: - b\n", "block sequence entries are not allowed"},
		{"a: !x!y b\n", "found undefined tag handle"},
		{"a: !<> b\n", "did not find expected tag URI"},
		{"a: !%zz b\n", "did not find URI escaped octet"},
		{"a: !<b\n", "did not find the expected '>'"},
		{"a: b\x01\n", "control characters are not allowed"},
		{"a: \xff\n", "invalid leading UTF-8 octet"},
		{"a: \xc3\n", "invalid trailing UTF-8 octet"},
		{"a: \xc3", "incomplete UTF-8 octet sequence"},
		{strings.Repeat("[", 10001), "exceeded max depth"},
		{"a: &\n", "did not find expected alphabetic or numeric character"},
		{"a: *b\n", "unknown anchor"},
		{"%YAML 1.1\n%YAML 1.1\n---\na: b\n", "found duplicate %YAML directive"},
		{"%YAML 2.0\n---\na: b\n", "found incompatible YAML document"},
		{"%FOO\n---\na: b\n", "found unknown directive name"},
		{"a: |x\n  b\n", "did not find expected comment or line break"},
		{"\"a\" b\n", "did not find expected <document start>"},
	}
	translated := map[string]string{}
	for _, m := range yamlMessages() {
		translated[m.en] = m.fr
	}
	covered := map[string]bool{}
	for _, c := range cases {
		fr, known := translated[c.en]
		if !known {
			t.Errorf("case %q: %q is not in yamlMessages", c.src, c.en)
			continue
		}
		covered[c.en] = true
		msg := parserMessage(t, c.src)
		if !strings.Contains(msg, c.en) {
			t.Errorf("parsing %q: the library prints %q, which no longer contains %q", c.src, msg, c.en)
			continue
		}
		if got := frenchSyntax(msg); got != fr {
			t.Errorf("frenchSyntax(%q) = %q, want %q", msg, got, fr)
		}
		// Invalid UTF-8 is refused before parsing; every other message
		// reaches users as a problem of Check.
		if !utf8.ValidString(c.src) {
			continue
		}
		probs := Check([]byte(c.src), "essai.yaml")
		if len(probs) != 1 || probs[0].Message != "syntaxe YAML invalide : "+fr {
			t.Errorf("Check(%q) = %v, want the single problem « syntaxe YAML invalide : %s »", c.src, probs, fr)
		}
	}
	for en := range translated {
		if !covered[en] {
			t.Errorf("translation of %q has no case that makes the parser print it", en)
		}
	}
}
