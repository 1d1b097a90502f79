package questionnaire

import (
	"encoding/json"
	"errors"
	"io"
	"testing"
)

// FuzzLoad proves that loading any file never panics and that a loaded
// questionnaire can be used.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(sampleYAML))
	f.Add(DefaultSource())
	f.Add([]byte(chainYAML))
	f.Add([]byte(`{"title":"a","version":"1","sections":[{"key":"s","title":"S","questions":[{"key":"s.a","label":"A","type":"yesno"}]}]}`))
	f.Add([]byte(header + "      - &q {key: s.a, label: A, type: yesno}\n      - *q\n"))
	f.Add([]byte("a: &a [*a, *a]\n"))
	f.Add([]byte("title: [\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		probs := Check(data, "fuzz.yaml")
		q, err := Load(data, "fuzz.yaml")
		if (err == nil) != (probs == nil) {
			t.Fatalf("Load error %v but Check problems %v", err, probs)
		}
		if err != nil {
			var ps Problems
			if !errors.As(err, &ps) || len(ps) == 0 {
				t.Fatalf("error %T is not Problems", err)
			}
			for _, p := range ps {
				if p.Message == "" || p.File != "fuzz.yaml" {
					t.Fatalf("bad problem %+v", p)
				}
			}
			return
		}
		if err := Outline(io.Discard, q); err != nil {
			t.Fatal(err)
		}
		a := Answers{}
		for _, qu := range q.Questions() {
			a[qu.Key] = json.RawMessage(`true`)
		}
		q.Validate(a, Submission)
		q.Progress(a)
		q.Score(a, Profile{Kind: "commune", Population: 500})
		Prefill(q, a, q)
	})
}

// FuzzValidateAnswer proves that any answer to any type is handled
// without panic and that normalisation is stable.
func FuzzValidateAnswer(f *testing.F) {
	q, err := Load([]byte(sampleYAML), "essai.yaml")
	if err != nil {
		f.Fatal(err)
	}
	for i, s := range []string{`true`, `"libre"`, `["epci"]`, `12`, `1e2`, `"a\u00e9"`, `[{"id":1,"name":"a","kind":"pdf","size":1}]`,
		`[{"nom":"A","postes":3},{}]`, `null`, `[[]]`, `{"a":1}`, `"\ud800"`, `-0`} {
		f.Add(uint8(i), []byte(s))
	}
	qs := q.Questions()
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		qu := qs[int(which)%len(qs)]
		norm, errs := q.ValidateAnswer(qu.Key, data)
		qu.Display(data)
		qu.DisplayRows(data)
		qu.FormValues(data)
		a := Answers{qu.Key: data}
		q.Visible(qu.Key, a)
		q.Validate(a, Submission)
		q.Score(a, Profile{})
		q.Prune(a)
		if errs != nil || norm == nil {
			return
		}
		again, errs := q.ValidateAnswer(qu.Key, norm)
		if errs != nil || string(again) != string(norm) {
			t.Fatalf("%s: %s normalised to %s, then to %s %v", qu.Key, data, norm, again, errs)
		}
		if !json.Valid(norm) {
			t.Fatalf("%s: invalid JSON %s", qu.Key, norm)
		}
	})
}

// FuzzFromForm proves that any form value is read without panic.
func FuzzFromForm(f *testing.F) {
	q, err := Load([]byte(sampleYAML), "essai.yaml")
	if err != nil {
		f.Fatal(err)
	}
	for i, s := range []string{"oui", "12,5", "42 %", "15/10/2026", `{"id":1,"name":"a","kind":"pdf","size":1}`, "libre"} {
		f.Add(uint8(i), "", s)
	}
	f.Add(uint8(13), ".0.nom", "LibreOffice")
	f.Add(uint8(13), ".99999999999999999999.nom", "x")
	qs := q.Questions()
	f.Fuzz(func(t *testing.T, which uint8, suffix, value string) {
		qu := qs[int(which)%len(qs)]
		raw, err := qu.FromForm(map[string][]string{qu.Key + suffix: {value, value}})
		if err != nil {
			var fes FieldErrors
			if !errors.As(err, &fes) || len(fes) == 0 {
				t.Fatalf("error %T", err)
			}
			return
		}
		if raw != nil && !json.Valid(raw) {
			t.Fatalf("%s: invalid JSON %s", qu.Key, raw)
		}
		q.ValidateAnswer(qu.Key, raw)
	})
}
