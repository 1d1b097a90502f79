package dossier_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/dossier"
	"github.com/adullact/tnl/internal/testdb"
)

// exportFixture has four candidatures: two submitted, two drafts.
func exportFixture(t *testing.T, dialect string) (*fixture, []*domain.Candidature) {
	f := newFixture(t, dialect)
	var cands []*domain.Candidature
	for _, code := range []string{"01004", "200029999", "01001", "97101"} {
		cands = append(cands, f.candidature(code, fullAnswers()))
	}
	f.attach(cands[0], "general.preuve", map[string][]byte{"délibération.pdf": samplePDF()})
	f.submit(cands[0])
	f.submit(cands[2])
	return f, cands
}

func TestExport(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dialect string) {
		f, cands := exportFixture(t, dialect)
		all := []string{"TNL-2026-COM-01004.pdf", "TNL-2026-EPCI-200029999.pdf", "TNL-2026-COM-01001.pdf", "TNL-2026-COM-97101.pdf"}
		tests := []struct {
			name    string
			states  []string
			workers int
			want    []string // in candidature id order
			ids     []int64
		}{
			{"every candidature, one worker", nil, 1, all, []int64{cands[0].ID, cands[1].ID, cands[2].ID, cands[3].ID}},
			{"every candidature, three workers", nil, 3, all, []int64{cands[0].ID, cands[1].ID, cands[2].ID, cands[3].ID}},
			{"submitted ones", []string{domain.Deposee}, 0, []string{all[0], all[2]}, []int64{cands[0].ID, cands[2].ID}},
			{"no candidature in this state", []string{domain.Publiee}, 2, nil, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name+", zip", func(t *testing.T) {
				var archive bytes.Buffer
				var calls [][2]int
				res, err := f.svc.Export(f.ctx, dossier.ExportRequest{CampaignID: f.campaign.ID, States: tt.states, Zip: &archive, Workers: tt.workers,
					Progress: func(done, total int) { calls = append(calls, [2]int{done, total}) }})
				if err != nil {
					t.Fatal(err)
				}
				z, err := zip.NewReader(bytes.NewReader(archive.Bytes()), int64(archive.Len()))
				if err != nil {
					t.Fatal(err)
				}
				var names []string
				var size int64
				for i, e := range z.File {
					names = append(names, e.Name)
					data := readEntry(t, e)
					size += int64(len(data))
					if !bytes.HasPrefix(data, []byte("%PDF-")) {
						t.Errorf("%s does not start with %%PDF-", e.Name)
					}
					if single, err := f.svc.Dossier(f.ctx, tt.ids[i], dossier.Reviewers); err != nil || !bytes.Equal(single, data) {
						t.Errorf("%s differs from the dossier rendered alone (%v)", e.Name, err)
					}
				}
				if !slices.Equal(names, tt.want) {
					t.Errorf("entries %q, want %q", names, tt.want)
				}
				if res.Count != len(tt.want) || res.Bytes != size || res.Duration <= 0 {
					t.Errorf("result %+v, want %d dossiers, %d bytes", res, len(tt.want), size)
				}
				if len(calls) != len(tt.want) || len(calls) > 0 && calls[len(calls)-1] != [2]int{len(tt.want), len(tt.want)} {
					t.Errorf("progress calls %v", calls)
				}
			})
			t.Run(tt.name+", directory", func(t *testing.T) {
				dir := filepath.Join(t.TempDir(), "dossiers", "2026")
				res, err := f.svc.Export(f.ctx, dossier.ExportRequest{CampaignID: f.campaign.ID, States: tt.states, Dir: dir, Workers: tt.workers})
				if err != nil {
					t.Fatal(err)
				}
				entries, err := os.ReadDir(dir)
				if err != nil {
					t.Fatal(err)
				}
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
					data, err := os.ReadFile(filepath.Join(dir, e.Name()))
					if err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) {
						t.Errorf("%s: %v, not a PDF", e.Name(), err)
					}
				}
				want := slices.Sorted(slices.Values(tt.want))
				if !slices.Equal(names, want) || res.Count != len(want) {
					t.Errorf("files %q (count %d), want %q", names, res.Count, want)
				}
			})
		}
	})
}

func TestExportIsDeterministic(t *testing.T) {
	f, _ := exportFixture(t, testdb.Dialects[0])
	var first, second bytes.Buffer
	for _, out := range []*bytes.Buffer{&first, &second} {
		if _, err := f.svc.Export(f.ctx, dossier.ExportRequest{CampaignID: f.campaign.ID, Zip: out, Workers: 2}); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Error("two exports of the same data differ")
	}
}

func TestExportCancelled(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dialect string) {
		f, _ := exportFixture(t, dialect)
		t.Run("during the export", func(t *testing.T) {
			ctx, cancel := context.WithCancel(f.ctx)
			defer cancel()
			res, err := f.svc.Export(ctx, dossier.ExportRequest{CampaignID: f.campaign.ID, Zip: io.Discard, Workers: 1,
				Progress: func(done, _ int) {
					if done == 1 {
						cancel()
					}
				}})
			if !errors.Is(err, context.Canceled) || res.Count >= 4 {
				t.Errorf("export cancelled after the first dossier: %+v, %v; want context.Canceled before the end", res, err)
			}
		})
		t.Run("before it starts", func(t *testing.T) {
			ctx, cancel := context.WithCancel(f.ctx)
			cancel()
			dir := t.TempDir()
			res, err := f.svc.Export(ctx, dossier.ExportRequest{CampaignID: f.campaign.ID, Dir: dir})
			if !errors.Is(err, context.Canceled) || res.Count != 0 {
				t.Errorf("cancelled export: %+v, %v", res, err)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("cancelled export wrote %d files", len(entries))
			}
		})
	})
}

func TestExportRefusesABadRequest(t *testing.T) {
	f := newFixture(t, testdb.Dialects[0])
	for name, req := range map[string]dossier.ExportRequest{
		"nowhere":          {CampaignID: f.campaign.ID},
		"two destinations": {CampaignID: f.campaign.ID, Dir: t.TempDir(), Zip: io.Discard},
	} {
		if _, err := f.svc.Export(f.ctx, req); domain.ErrorCode(err) != domain.EInvalid {
			t.Errorf("%s: %v, want an invalid-request error", name, err)
		}
	}
	if _, err := f.svc.Export(f.ctx, dossier.ExportRequest{CampaignID: 404, Zip: io.Discard}); domain.ErrorCode(err) != domain.ENotFound {
		t.Errorf("unknown campaign: %v", err)
	}
}

func readEntry(t *testing.T, e *zip.File) []byte {
	t.Helper()
	r, err := e.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	data, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
