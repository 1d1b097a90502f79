package cleantext

import (
	"encoding/xml"
	"errors"
	"strings"
	"testing"
)

func TestClean(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, in, want string
	}{
		{"plain text is kept", "Ville de Saint-Étienne", "Ville de Saint-Étienne"},
		{"tab, line feed and carriage return are kept", "a\tb\nc\r\nd", "a\tb\nc\r\nd"},
		{"NUL is removed", "Lyon\x00", "Lyon"},
		{"other C0 controls are removed", "\x01a\x08b\x0bc\x0cd\x0e\x1fe", "abcde"},
		{"DEL is removed", "a\x7fb", "ab"},
		{"C1 controls are removed", "l\u0092an\u0080\u009f", "lan"},
		{"U+FFFE and U+FFFF are removed", "a\ufffeb\uffffc", "abc"},
		{"neighbours of removed runes are kept", "\u00a0\u00e9\ufffd\uffef", "\u00a0\u00e9\ufffd\uffef"},
		{"empty", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := Clean(tc.in)
			if err != nil {
				t.Fatalf("Clean(%q): %v", tc.in, err)
			}
			if got != tc.want {
				t.Errorf("Clean(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestCleanRefusesInvalidUTF8(t *testing.T) {
	t.Parallel()
	for _, in := range []string{"caf\xe9", "\xff", "a\xc2"} {
		if _, err := Clean(in); !errors.Is(err, ErrInvalidUTF8) {
			t.Errorf("Clean(%q) error = %v, want ErrInvalidUTF8", in, err)
		}
	}
}

// Every rune Clean keeps can be written in an XML document and read back
// unchanged by encoding/xml, a real XML parser.
func TestCleanOutputIsValidXML(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	for r := rune(0); r < 0x110000; r++ {
		if r >= 0xd800 && r <= 0xdfff {
			continue
		}
		b.WriteRune(r)
	}
	clean, err := Clean(b.String())
	if err != nil {
		t.Fatal(err)
	}
	var doc strings.Builder
	doc.WriteString("<t>")
	if err := xml.EscapeText(&doc, []byte(clean)); err != nil {
		t.Fatal(err)
	}
	doc.WriteString("</t>")
	var got struct {
		Text string `xml:",chardata"`
	}
	if err := xml.Unmarshal([]byte(doc.String()), &got); err != nil {
		t.Fatalf("the cleaned text is not valid XML: %v", err)
	}
	if got.Text != clean {
		t.Errorf("XML round trip changed the text (%d runes in, %d out)", len([]rune(clean)), len([]rune(got.Text)))
	}
	for _, r := range clean {
		if Removed(r) {
			t.Fatalf("Clean kept %U", r)
		}
	}
}

func BenchmarkCleanNothingToRemove(b *testing.B) {
	s := "Communauté d’agglomération du Grand Besançon"
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Clean(s); err != nil {
			b.Fatal(err)
		}
	}
}
