package jury_test

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/jury"
	evallc "github.com/adullact/tnl/internal/lifecycle/evaluation"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/testdb"
	"github.com/adullact/tnl/workflow"
)

// pdfText extracts a PDF's text with pdftotext (poppler-utils), or skips.
func pdfText(t *testing.T, data []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext introuvable : installez poppler-utils pour vérifier le texte des PDF")
	}
	cmd := exec.Command(bin, "-layout", "-", "-")
	cmd.Stdin = bytes.NewReader(data)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(string(out))
}

// The jury's sheet holds the automatic score, each submitted evaluation
// and the aggregate; the blank grid every criterion and its scale. The
// ranking leaves out, for the president, the candidatures they are in
// conflict with.
func TestSheetGridAndRanking(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		f.juror("bob")
		if _, err := f.svc.Seat(f.ctx, jury.SeatRequest{CampaignID: f.campaign.ID, Email: f.user("pia").Email, President: true, Collectivites: []string{"04070"}}, f.staff); err != nil {
			t.Fatal(err)
		}
		c := f.candidature(domain.KindCommune, "01001", domain.EnInstruction)
		hidden := f.candidature(domain.KindCommune, "04070", domain.EnInstruction)
		e, err := f.svc.AddAssignment(f.ctx, c.ID, f.users["bob"].ID, "", f.staff)
		if err != nil {
			t.Fatal(err)
		}
		snap, _ := f.app.Engine.Load(f.ctx, evallc.Name, e.ID, f.as("bob"))
		q, _ := f.app.Candidatures.Questionnaire(f.campaign)
		in := evallc.Input{Scores: map[string]map[string]int{}, Comments: map[string]string{"donnees": "Un portail à nourrir."}, Confidence: domain.ConfidenceLow,
			PrivateNote: "À revoir en séance.", Remark: "Publiez vos délibérations."}
		level := 2
		in.Level = &level
		for _, th := range q.Grid.Themes {
			in.Scores[th.Theme] = map[string]int{}
			for _, cr := range th.Criteria {
				in.Scores[th.Theme][cr.Key] = 1
			}
		}
		if _, err := f.svc.SaveDraft(f.ctx, snap, f.as("bob"), in, 0); err != nil {
			t.Fatal(err)
		}
		if _, err := f.app.Engine.Fire(f.ctx, evallc.Name, e.ID, "remettre", f.as("bob"), workflow.Input{}); err != nil {
			t.Fatal(err)
		}
		d, err := f.app.Candidatures.Open(f.ctx, c.ID, f.staff)
		if err != nil {
			t.Fatal(err)
		}
		data, err := f.svc.Sheet(f.ctx, c, d.Relations, d.Facts, f.staff)
		if err != nil {
			t.Fatal(err)
		}
		text := pdfText(t, data)
		for _, want := range []string{"Fiche du jury", "Score automatique du questionnaire", "Évaluation de Personne bob", "Engagement politique",
			"1 « émergent »", "Un portail à nourrir.", "À revoir en séance.", "Agrégat du jury", "Niveau suggéré : 2 (Niveau 2 — Engagement)"} {
			if !strings.Contains(text, want) {
				t.Errorf("the sheet lacks %q:\n%s", want, text)
			}
		}
		de, _ := f.app.Candidatures.Open(f.ctx, c.ID, f.as("elu"))
		if _, err := f.svc.Sheet(f.ctx, c, de.Relations, de.Facts, f.as("elu")); domain.ErrorCode(err) != domain.EForbidden {
			t.Errorf("the élu gets the jury's sheet: %v", err)
		}
		staffRels := policy.Relations(f.staff, policy.Facts{})
		grid, err := f.svc.Grid(f.ctx, f.campaign, staffRels, policy.Facts{})
		if err != nil {
			t.Fatal(err)
		}
		text = pdfText(t, grid)
		for _, want := range []string{"Grille d’évaluation", "Échelle : 0 « absent » · 1 « émergent »", "Mutualisation", "Note (de 0 à 4)", "Niveau proposé (entourez)"} {
			if !strings.Contains(text, want) {
				t.Errorf("the blank grid lacks %q:\n%s", want, text)
			}
		}
		rels := policy.Relations(f.as("pia"), policy.Facts{Seat: domain.SeatPresident})
		rk, err := f.svc.Ranking(f.ctx, f.campaign, rels, policy.Facts{Seat: domain.SeatPresident}, f.as("pia"), jury.RankingOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(rk.Rows) != 1 || rk.Rows[0].ID != c.ID || rk.Rows[0].Suggested != 2 {
			t.Errorf("the president's ranking: %+v (hidden %d)", rk.Rows, hidden.ID)
		}
		rk, _ = f.svc.Ranking(f.ctx, f.campaign, staffRels, policy.Facts{}, f.staff, jury.RankingOptions{Sort: "note"})
		if len(rk.Rows) != 2 {
			t.Errorf("staff's ranking has %d rows", len(rk.Rows))
		}
		var csv bytes.Buffer
		if err := jury.WriteRanking(&csv, rk, "csv"); err != nil || !strings.Contains(csv.String(), "rang,reference,collectivite") || !strings.Contains(csv.String(), c.Reference) {
			t.Errorf("CSV %v:\n%s", err, csv.String())
		}
	})
}
