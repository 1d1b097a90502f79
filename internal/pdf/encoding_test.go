package pdf

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func canvasWith(texts ...string) *canvas {
	c := newCanvas(false)
	c.addPage()
	for _, s := range texts {
		c.add(op{kind: opText, style: regular, size: 10, text: s})
	}
	return c
}

func TestEncodingAssignsCodesInUnicodeOrder(t *testing.T) {
	t.Parallel()
	enc := newEncoding(canvasWith("Élu référent : « œuvre » à 42\u202f%"))
	want := []rune{'«', '»', 'É', 'à', 'é', 'œ', '\u202f'}
	if string(enc.runes) != string(want) {
		t.Fatalf("runes = %q, want %q", string(enc.runes), string(want))
	}
	if got := enc.encode("é"); got != string([]byte{firstCode + 4}) {
		t.Errorf("encode(é) = %q", got)
	}
	if got := enc.encode("ASCII stays"); got != "ASCII stays" {
		t.Errorf("encode changed ASCII: %q", got)
	}
	if got, want := enc.differences(), "127 /uni00AB /uni00BB /uni00C9 /uni00E0 /uni00E9 /uni0153 /uni202F"; got != want {
		t.Errorf("differences = %q, want %q", got, want)
	}
	if !enc.used[regular] || enc.used[bold] || enc.used[italic] {
		t.Errorf("used styles = %v", enc.used)
	}
}

func TestEncodingRoundTrip(t *testing.T) {
	t.Parallel()
	text := "Saint-Gérard-lès-Écluses — Łódź, Dvořák, Ștefan : 1\u202f200\u00a0€ « ok » ’"
	enc := newEncoding(canvasWith(text))
	encoded := enc.encode(text)
	decoded := make([]rune, 0, len(encoded))
	for i := 0; i < len(encoded); i++ {
		b := encoded[i]
		if b < firstCode {
			decoded = append(decoded, rune(b))
		} else {
			decoded = append(decoded, enc.runes[b-firstCode])
		}
	}
	if string(decoded) != text {
		t.Errorf("round trip = %q, want %q", string(decoded), text)
	}
}

func TestEncodingOverflowKeepsFrequentCharacters(t *testing.T) {
	t.Parallel()
	// 200 distinct Latin Extended-A and punctuation characters, plus « é »
	// repeated: more than the 129 available codes.
	var b strings.Builder
	for r := rune(0x100); r < 0x17F; r++ {
		b.WriteRune(r)
	}
	for r := rune(0xA1); r <= 0xFF; r++ {
		b.WriteRune(r)
	}
	text := b.String() + strings.Repeat("é", 50)
	enc := newEncoding(canvasWith(text))
	if len(enc.runes) != codeCount {
		t.Fatalf("%d codes assigned, want %d", len(enc.runes), codeCount)
	}
	if _, ok := enc.codes['é']; !ok {
		t.Error("the most frequent character lost its code")
	}
	out := enc.encode(text)
	if len(out) < len([]rune(text)) {
		t.Errorf("encode dropped characters: %d bytes for %d runes", len(out), len([]rune(text)))
	}
	// Characters without a code fall back to their base letter.
	if got := enc.encode("ŵ"); enc.codes['ŵ'] == 0 && got != "w" {
		t.Errorf("encode(ŵ) = %q, want w", got)
	}
}

func TestFontDefinition(t *testing.T) {
	t.Parallel()
	e := newTestEngine(t)
	enc := newEncoding(canvasWith("é"))
	raw, err := enc.fontDefinition(e.faces[bold], bold.subsetTag(), enc.differences())
	if err != nil {
		t.Fatal(err)
	}
	var def fontDef
	if err := json.Unmarshal(raw, &def); err != nil {
		t.Fatal(err)
	}
	if def.Tp != "TrueType" || def.Name != "TNLAAB+DejaVuSans-Bold" || def.File != "DejaVuSans-Bold.z" {
		t.Errorf("definition header = %q %q %q", def.Tp, def.Name, def.File)
	}
	if len(def.Cw) != 256 || def.Cw['A'] != e.faces[bold].advance('A') || def.Cw[firstCode] != e.faces[bold].advance('é') {
		t.Errorf("widths: len %d, A=%d, é=%d", len(def.Cw), def.Cw['A'], def.Cw[firstCode])
	}
	if def.Desc.Flags&32 == 0 || def.Desc.StemV != 120 || def.OriginalSize != e.faces[bold].size {
		t.Errorf("descriptor = %+v, size %d", def.Desc, def.OriginalSize)
	}
	if def.Diff != fmt.Sprintf("%d /uni00E9", firstCode) {
		t.Errorf("Diff = %q", def.Diff)
	}
}
