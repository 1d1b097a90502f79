package pdf

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"
)

func TestRenderNilViews(t *testing.T) {
	t.Parallel()
	e := newTestEngine(t)
	var buf bytes.Buffer
	if err := e.Dossier(&buf, nil); err == nil {
		t.Error("Dossier(nil) succeeded")
	}
	if err := e.Receipt(&buf, nil); err == nil {
		t.Error("Receipt(nil) succeeded")
	}
	if err := e.Certificate(&buf, nil); err == nil {
		t.Error("Certificate(nil) succeeded")
	}
	if err := dossierHTML(&buf, nil); err == nil {
		t.Error("dossierHTML(nil) succeeded")
	}
	if buf.Len() != 0 {
		t.Errorf("%d bytes written for nil views", buf.Len())
	}
}

func TestRenderZeroViews(t *testing.T) {
	t.Parallel()
	e := newTestEngine(t)
	for name, render := range map[string]func(io.Writer) error{
		"dossier":     func(w io.Writer) error { return e.Dossier(w, &Dossier{}) },
		"receipt":     func(w io.Writer) error { return e.Receipt(w, &Receipt{}) },
		"certificate": func(w io.Writer) error { return e.Certificate(w, &Certificate{}) },
	} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := render(&buf); err != nil {
				t.Fatal(err)
			}
			checkPDF(t, buf.Bytes())
			if !strings.Contains(pdfText(t, buf.Bytes()), "Territoire Numérique Libre") {
				t.Error("the default label is missing")
			}
		})
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, io.ErrClosedPipe }

func TestRenderReportsWriteErrors(t *testing.T) {
	t.Parallel()
	e := newTestEngine(t)
	if err := e.Receipt(failingWriter{}, sampleReceipt()); err == nil {
		t.Error("a failing writer went unnoticed")
	}
}

func TestRenderIsDeterministic(t *testing.T) {
	t.Parallel()
	e := newTestEngine(t)
	other := newTestEngine(t)
	first := renderDossier(t, e, sampleDossier())
	if !bytes.Equal(first, renderDossier(t, e, sampleDossier())) {
		t.Error("two renderings of the same dossier differ")
	}
	if !bytes.Equal(first, renderDossier(t, other, sampleDossier())) {
		t.Error("two engines render the same dossier differently")
	}
	// The location of the times must not matter.
	d := sampleDossier()
	d.SubmittedAt = d.SubmittedAt.In(time.FixedZone("Réunion", 4*3600))
	d.GeneratedAt = d.GeneratedAt.In(time.FixedZone("Guyane", -3*3600))
	if !bytes.Equal(first, renderDossier(t, e, d)) {
		t.Error("the time zone of the input changed the output")
	}
	if !bytes.Contains(first, []byte("/CreationDate (D:20261203083000)")) {
		t.Error("the creation date is not GeneratedAt")
	}
}

func TestRenderWithCompression(t *testing.T) {
	t.Parallel()
	plain := newTestEngine(t)
	compressed, err := New(WithCompression(true))
	if err != nil {
		t.Fatal(err)
	}
	a, b := renderDossier(t, plain, sampleDossier()), renderDossier(t, compressed, sampleDossier())
	checkPDF(t, b)
	if len(b) >= len(a) {
		t.Errorf("compressed output is %d bytes, uncompressed %d", len(b), len(a))
	}
	if pdfText(t, a) != pdfText(t, b) {
		t.Error("compression changed the text")
	}
}

// hostile returns text meant to break a renderer.
func hostile() []string {
	return []string{
		"",
		"\x00\x01\x02\x1b[31m\x7f",
		"a\xff\xfe\xc3(b",
		"(unbalanced \\ parentheses ) ( \\n",
		"日本語のテキスト 😀👩‍👩‍👧 \u202e reversed",
		"e\u0301\u0302\u0303\u0304 zalgo",
		strings.Repeat("x", 5000),
		strings.Repeat("mot ", 3000),
		strings.Repeat("\n", 200) + "fin",
		"%PDF-1.4 endstream endobj %%EOF",
	}
}

func TestRenderHostileInput(t *testing.T) {
	t.Parallel()
	e := newTestEngine(t)
	for i, s := range hostile() {
		d := &Dossier{
			Label: s, Year: -3, Reference: s, State: s,
			Collectivite: Collectivite{Name: s, Kind: s, Code: s, Departement: s, Population: -12},
			Elu:          Person{Name: s, Mandate: s, Email: s},
			CoEditors:    []Person{{Name: s, Email: s}},
			Level:        &Level{Value: 99, Label: s, Max: -1},
			SubmittedAt:  time.Date(-5, 1, 1, 0, 0, 0, 0, time.UTC),
			Sections: []Section{{Title: s, Intro: s, Items: []Item{
				{Label: s, Answer: Answer{Kind: KindText, Text: s}},
				{Label: s, Answer: Answer{Kind: KindLongText, Text: s}},
				{Label: s, Answer: Answer{Kind: KindLink, Text: s, URL: s}},
				{Label: s, Answer: Answer{Kind: KindTable, Table: &Table{Header: []string{s, s}, Rows: [][]string{{s}, {s, s, s}}}}},
				{Label: s, Answer: Answer{Kind: KindFiles, Files: []File{{Name: s, Size: -1, SHA256: s}}}},
				{Label: s, Answer: Answer{Kind: -7, Text: s}},
			}}},
		}
		var buf bytes.Buffer
		if err := e.Dossier(&buf, d); err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		checkPDF(t, buf.Bytes())
		buf.Reset()
		if err := e.Receipt(&buf, &Receipt{Reference: s, Collectivite: s, Elu: Person{Name: s}, SubmittedBy: s, Hash: s, AnswersCount: -1}); err != nil {
			t.Fatalf("case %d receipt: %v", i, err)
		}
		checkPDF(t, buf.Bytes())
		buf.Reset()
		if err := e.Certificate(&buf, &Certificate{Scheme: s, Collectivite: s, Level: Level{Value: -1, Label: s, Max: 5}, Motivation: s, Mentions: []string{s, s}}); err != nil {
			t.Fatalf("case %d certificate: %v", i, err)
		}
		checkPDF(t, buf.Bytes())
		if err := dossierHTML(io.Discard, d); err != nil {
			t.Fatalf("case %d HTML: %v", i, err)
		}
	}
}

func TestRenderManyDistinctCharacters(t *testing.T) {
	t.Parallel()
	e := newTestEngine(t)
	var b strings.Builder
	for r := rune(0xA1); r < 0x17F; r++ {
		b.WriteRune(r)
	}
	d := sampleDossier()
	d.Sections[0].Items[0].Answer.Text = b.String()
	text := pdfText(t, renderDossier(t, e, d))
	// More characters than codes: the rarest are approximated, the French
	// ones, frequent in the document, keep their own code.
	for _, want := range []string{"Saint-Gérard-lès-Écluses", "Non renseigné", "« Saint-Gérard numérique 2030 »", "l’édition"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
}

func FuzzDossierText(f *testing.F) {
	for _, s := range hostile() {
		f.Add(s)
	}
	f.Add("Saint-Gérard-lès-Écluses « œuvre » 42\u202f%")
	e, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := &Dossier{
			Collectivite: Collectivite{Name: s},
			Sections: []Section{{Title: s, Items: []Item{
				{Label: s, Answer: Answer{Kind: KindLongText, Text: s}},
				{Label: s, Answer: Answer{Kind: KindTable, Table: &Table{Header: []string{s}, Rows: [][]string{{s, s}}}}},
				{Label: s, Answer: Answer{Kind: KindLink, URL: s}},
			}}},
		}
		var buf bytes.Buffer
		if err := e.Dossier(&buf, d); err != nil {
			t.Fatal(err)
		}
		checkPDF(t, buf.Bytes())
	})
}
