package server_test

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/adullact/tnl/internal/demo"
	"github.com/adullact/tnl/internal/testdb"
	"github.com/adullact/tnl/internal/web"
)

// A section sent with several files attaches all of them, or, when one is
// refused, none with a message naming it; a file too big says its size
// and the limit (« 10,5 Mo : la limite est de 10 Mo »).
func TestSectionFilesAllOrNothing(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		ctx := context.Background()
		send := func(files map[string][]byte) (int, string) {
			var buf bytes.Buffer
			w := multipart.NewWriter(&buf)
			w.WriteField(web.CSRFField, web.CSRFToken(f.sessions["elu"]))
			w.WriteField("apres", "rester")
			for name, data := range files {
				fw, _ := w.CreateFormFile("strategie.deliberation_preuve", name)
				fw.Write(data)
			}
			w.Close()
			req, _ := http.NewRequest(http.MethodPost, fmt.Sprintf("%s/candidatures/%d/sections/strategie", f.ts.URL, f.cand.ID), &buf)
			req.Header.Set("Content-Type", w.FormDataContentType())
			req.AddCookie(&http.Cookie{Name: web.SessionCookie, Value: f.sessions["elu"]})
			resp := f.do(req)
			return resp.StatusCode, readBody(t, resp)
		}
		count := func() int {
			list, err := f.st.EvidenceList(ctx, f.cand.ID)
			if err != nil {
				t.Fatal(err)
			}
			return len(list)
		}
		before := count()
		code, page := send(map[string][]byte{"a.pdf": demo.SamplePDF(), "b.txt": []byte("pas un PDF")})
		if code != http.StatusUnprocessableEntity || !strings.Contains(page, "b.txt") || !strings.Contains(page, "Aucun des 2 fichiers n’est joint") {
			t.Errorf("a valid and an invalid file: %d", code)
		}
		if n := count(); n != before {
			t.Errorf("%d files stored after a refused send, want %d", n, before)
		}
		big := append(demo.SamplePDF(), make([]byte, 10*1024*1024+512*1024)...)
		code, page = send(map[string][]byte{"gros.pdf": big})
		if code == http.StatusSeeOther || !strings.Contains(page, "10,5\u00a0Mo : la limite est de 10\u00a0Mo") && !strings.Contains(page, "10,5 Mo : la limite est de 10 Mo") && !strings.Contains(page, "10,5\u202fMo : la limite est de 10\u202fMo") {
			t.Errorf("a file too big: %d, page does not give its size and the limit", code)
		}
		// The question takes two files, one is there: two more are refused
		// together, then the fixture's removed, both are attached.
		if code, page := send(map[string][]byte{"a.pdf": demo.SamplePDF(), "c.pdf": demo.SamplePDF()}); code != http.StatusUnprocessableEntity || !strings.Contains(page, "aucun des 2 fichiers n’est joint") || count() != before {
			t.Errorf("two files over the question's limit: %d, %d stored", code, count())
		}
		if err := f.cands.DeleteEvidence(ctx, f.draft("elu"), f.evidence.ID); err != nil {
			t.Fatal(err)
		}
		if code, _ := send(map[string][]byte{"a.pdf": demo.SamplePDF(), "c.pdf": demo.SamplePDF()}); code != http.StatusSeeOther || count() != before+1 {
			t.Errorf("two valid files: %d, %d stored, want %d", code, count(), before+1)
		}
	})
}
