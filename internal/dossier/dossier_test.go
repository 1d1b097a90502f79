package dossier_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/policy"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/dossier"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/notify"
	"github.com/adullact/tnl/internal/pdf"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/testdb"
	"github.com/adullact/tnl/questionnaire"
	"github.com/adullact/tnl/workflow"
)

func TestServiceImplementsTheDocumentsAndAttachmentInterfaces(t *testing.T) {
	t.Parallel()
	var svc *dossier.Service
	var _ notify.AttachmentFunc = svc.Attachment
}

// item finds an item of the view by its label.
func item(d *pdf.Dossier, label string) (pdf.Item, bool) {
	for _, s := range d.Sections {
		for _, it := range s.Items {
			if it.Label == label {
				return it, true
			}
		}
	}
	return pdf.Item{}, false
}

func TestBuildDossierOfADraft(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		c := f.candidature("01001", fullAnswers())
		evidence := f.attach(c, "general.preuve", map[string][]byte{"délibération-2024.pdf": samplePDF(), "annexe.pdf": append(samplePDF(), '\n')})
		last := f.clock.Now()

		d, err := f.svc.BuildDossier(f.ctx, c.ID, dossier.Reviewers)
		if err != nil {
			t.Fatal(err)
		}
		if d.Reference != "TNL-2026-COM-01001" || d.Year != 2026 || d.Label != "Territoire Numérique Libre" {
			t.Errorf("header: %q %d %q", d.Reference, d.Year, d.Label)
		}
		wantColl := pdf.Collectivite{Name: "L’Abergement-Clémenciat", Kind: "Commune", Code: "01001", Departement: "Ain (01)", Population: 860}
		if d.Collectivite != wantColl {
			t.Errorf("collectivité %+v, want %+v", d.Collectivite, wantColl)
		}
		if d.Elu != (pdf.Person{Name: "Camille Dupont", Email: "elu@exemple.fr", Title: "Élu·e référent·e"}) {
			t.Errorf("élu %+v: before attesting, the account's name", d.Elu)
		}
		if len(d.CoEditors) != 1 || d.CoEditors[0].Name != "Zoé Bénard" || d.CoEditors[0].Email != "gull@exemple.fr" {
			t.Errorf("co-editors %+v", d.CoEditors)
		}
		if d.State != "Brouillon" || !d.SubmittedAt.IsZero() || d.Level != nil {
			t.Errorf("state %q, submitted %v, level %v", d.State, d.SubmittedAt, d.Level)
		}
		if !d.GeneratedAt.Equal(last) {
			t.Errorf("generated at %v, want the last change %v", d.GeneratedAt, last)
		}
		var titles []string
		for _, s := range d.Sections {
			titles = append(titles, s.Title)
		}
		if want := []string{"Stratégie générale", "Logiciels utilisés", "Attestation"}; !slices.Equal(titles, want) {
			t.Errorf("sections %q, want %q (a section whose questions are all hidden is left out)", titles, want)
		}

		tests := []struct {
			label string
			kind  pdf.AnswerKind
			text  string // Text, or URL for a link
		}{
			{"La collectivité a-t-elle adopté une délibération ?", pdf.KindText, "Oui"},
			{"Date de la délibération", pdf.KindText, "12 mars 2024"},
			{"Nombre d’agents", pdf.KindText, "1\u202f234"},
			{"Part des postes sous système libre", pdf.KindText, "42\u202f%"},
			{"Budget consacré au libre (en milliers d’euros)", pdf.KindText, "12,5"},
			{"Suite bureautique", pdf.KindText, "Suite bureautique libre (LibreOffice)"},
			{"Mutualisations", pdf.KindText, "Avec l’intercommunalité, Avec une association"},
			{"Schéma directeur publié", pdf.KindLink, "https://www.exemple.fr/schéma-directeur"},
			{"Adresse du référent", pdf.KindText, "referent@exemple.fr"},
			{"Présentez la démarche", pdf.KindLongText, "Première étape : la délibération.\n\nDeuxième étape : la migration des postes, service après service."},
			{"Commentaire éventuel", pdf.KindUnanswered, ""},
			{"Les écoles utilisent-elles des logiciels libres ?", pdf.KindText, "Non"},
			{"Nom et prénom de l’élu signataire", pdf.KindText, "Camille Dupont"},
			{"J’atteste sur l’honneur l’exactitude des réponses", pdf.KindText, "Oui"},
			{"Date de l’attestation", pdf.KindUnanswered, ""},
		}
		for _, tt := range tests {
			it, ok := item(d, tt.label)
			if !ok {
				t.Errorf("%q missing", tt.label)
				continue
			}
			got := it.Answer.Text
			if tt.kind == pdf.KindLink {
				got = it.Answer.URL
			}
			if it.Answer.Kind != tt.kind || got != tt.text {
				t.Errorf("%q: kind %d %q, want kind %d %q", tt.label, it.Answer.Kind, got, tt.kind, tt.text)
			}
		}
		for _, hidden := range []string{"Décrivez l’équipement des écoles", "Détail des écoles"} {
			if _, ok := item(d, hidden); ok {
				t.Errorf("%q is hidden by its condition but shown", hidden)
			}
		}

		table, _ := item(d, "Logiciels libres en service")
		wantTable := &pdf.Table{Header: []string{"Nom du logiciel", "Usage", "Nombre de postes"},
			Rows: [][]string{{"LibreOffice", "Bureautique", "120"}, {"openCimetière", "Logiciel métier", ""}}}
		if table.Answer.Kind != pdf.KindTable || table.Answer.Table == nil ||
			!slices.Equal(table.Answer.Table.Header, wantTable.Header) || len(table.Answer.Table.Rows) != 2 ||
			!slices.Equal(table.Answer.Table.Rows[0], wantTable.Rows[0]) || !slices.Equal(table.Answer.Table.Rows[1], wantTable.Rows[1]) {
			t.Errorf("group: %+v, want table %+v", table.Answer, wantTable)
		}

		files, _ := item(d, "Délibération signée")
		if files.Answer.Kind != pdf.KindFiles || len(files.Answer.Files) != 2 {
			t.Fatalf("files: %+v", files.Answer)
		}
		for i, e := range evidence {
			want := pdf.File{Name: e.Name, Size: e.Size, SHA256: e.SHA256}
			if files.Answer.Files[i] != want || len(e.SHA256) != 64 {
				t.Errorf("file %d: %+v, want %+v", i, files.Answer.Files[i], want)
			}
		}
	})
}

func TestLevelOnlyOnceDeliberated(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		if err := f.st.SetTitleForm(f.ctx, f.users["elu"].ID, domain.FormFeminine); err != nil {
			t.Fatal(err)
		}
		c := f.candidature("01004", fullAnswers())
		f.submit(c)
		submitted := fr.DateTime(f.clock.Now())
		d, err := f.svc.BuildDossier(f.ctx, c.ID, dossier.Reviewers)
		if err != nil {
			t.Fatal(err)
		}
		if d.State != "Déposée" || d.SubmittedAt.IsZero() || d.Level != nil {
			t.Errorf("submitted: state %q, submitted %v, level %v", d.State, d.SubmittedAt, d.Level)
		}
		if d.Elu != (pdf.Person{Name: "Camille Dupont", Mandate: "Maire", Email: "elu@exemple.fr", Title: "Élue référente"}) {
			t.Errorf("élu %+v: the attested name and mandate", d.Elu)
		}
		attested, _ := item(d, "Date de l’attestation")
		if attested.Answer.Kind != pdf.KindText || attested.Answer.Text != submitted+" (heure de Paris)" {
			t.Errorf("attestation date %+v", attested.Answer)
		}
		if _, ok := item(d, "Décrivez l’équipement des écoles"); ok {
			t.Error("hidden answer shown after submission")
		}

		// A level stored before the deliberation is not shown.
		f.fire("candidature", c.ID, "declarer_recevable", f.as("equipe"), workflow.Input{Values: url.Values{"mandat": {"Maire"}, "mandat_verifie": {"oui"}}})
		f.fire("candidature", c.ID, "instruire", f.as("equipe"), workflow.Input{})
		f.fire("candidature", c.ID, "evaluer", f.as("equipe"), workflow.Input{Comment: "Jury réuni en séance plénière."})
		if _, err := f.st.DB().NewUpdate().Table("candidatures").Set("level = 4").Where("id = ?", c.ID).Exec(f.ctx); err != nil {
			t.Fatal(err)
		}
		if d, err = f.svc.BuildDossier(f.ctx, c.ID, dossier.Reviewers); err != nil {
			t.Fatal(err)
		}
		if d.State != "Évaluée" || d.Level != nil {
			t.Errorf("evaluated: state %q, level %+v, want no level before the deliberation", d.State, d.Level)
		}

		level := 3
		f.fire("candidature", c.ID, "deliberer", f.as("equipe"), workflow.Input{Values: url.Values{"level": {strconv.Itoa(level)}, "motivation": {"Une démarche exemplaire."}}})
		if d, err = f.svc.BuildDossier(f.ctx, c.ID, dossier.Reviewers); err != nil {
			t.Fatal(err)
		}
		if d.State != "Délibérée" || d.Level == nil || *d.Level != (pdf.Level{Value: 3, Label: "Niveau 3 — Confirmé", Max: 5}) {
			t.Errorf("deliberated: state %q, level %+v", d.State, d.Level)
		}
	})
}

// The collectivité's copy of the dossier shows the level only once the
// results are published; staff and jury see it once deliberated.
func TestPublicDossierWaitsForThePublication(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		c := f.candidature("01004", fullAnswers())
		f.submit(c)
		f.fire("candidature", c.ID, "declarer_recevable", f.as("equipe"), workflow.Input{Values: url.Values{"mandat": {"Maire"}, "mandat_verifie": {"oui"}}})
		f.fire("candidature", c.ID, "instruire", f.as("equipe"), workflow.Input{})
		f.fire("candidature", c.ID, "evaluer", f.as("equipe"), workflow.Input{Comment: "Jury réuni en séance plénière."})
		level := 3
		f.fire("candidature", c.ID, "deliberer", f.as("equipe"), workflow.Input{Values: url.Values{"level": {strconv.Itoa(level)}, "motivation": {"Une démarche exemplaire."}}})
		reviewer, err := f.svc.Dossier(f.ctx, c.ID, dossier.Reviewers)
		if err != nil {
			t.Fatal(err)
		}
		public, err := f.svc.Dossier(f.ctx, c.ID, policy.Of(policy.Elu))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(spaces(pdfText(t, reviewer)), "Niveau 3 — Confirmé") {
			t.Error("the reviewers' dossier lacks the deliberated level")
		}
		if strings.Contains(spaces(pdfText(t, public)), "Niveau 3") {
			t.Error("the collectivité's dossier shows the level before the publication")
		}
	})
}

func TestDossierText(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		c := f.candidature("01001", fullAnswers())
		evidence := f.attach(c, "general.preuve", map[string][]byte{"délibération-2024.pdf": samplePDF()})
		f.submit(c)
		submitted := fr.DateTime(f.clock.Now())
		data, err := f.svc.Dossier(f.ctx, c.ID, dossier.Reviewers)
		if err != nil {
			t.Fatal(err)
		}
		text := spaces(pdfText(t, data))
		for _, want := range []string{
			"Territoire Numérique Libre", "Dossier de candidature — campagne 2026", "TNL-2026-COM-01001",
			"L’Abergement-Clémenciat", "Commune · Ain (01) · code 01001", "860 habitants", "Camille Dupont", "Maire",
			"Zoé Bénard", "Déposée le " + submitted, "Stratégie générale",
			"La collectivité a-t-elle adopté une délibération ?", "12 mars 2024", "42 %", "1 234", "12,5",
			"Suite bureautique libre (LibreOffice)", "Avec l’intercommunalité, Avec une association",
			"https://www.exemple.fr/schéma-directeur", "Non renseigné", "openCimetière", "Logiciel métier",
			"délibération-2024.pdf", evidence[0].SHA256, "J’atteste sur l’honneur", "Date de l’attestation",
		} {
			if !strings.Contains(text, spaces(want)) {
				t.Errorf("dossier text lacks %q", want)
			}
		}
		for _, hidden := range []string{"Texte masqué", "Détail masqué", "Section entièrement masquée"} {
			if strings.Contains(text, hidden) {
				t.Errorf("dossier text shows the hidden %q", hidden)
			}
		}
	})
}

// spaces turns the no-break spaces into plain ones, as pdftotext prints
// every space.
func spaces(s string) string {
	return strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(s)
}

func TestSameCandidatureSameBytes(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		c := f.candidature("01001", fullAnswers())
		f.attach(c, "general.preuve", map[string][]byte{"délibération.pdf": samplePDF()})
		f.submit(c)
		f.deliberate(c, 4)
		for name, render := range map[string]func(context.Context, int64) ([]byte, error){
			"dossier": func(ctx context.Context, id int64) ([]byte, error) { return f.svc.Dossier(ctx, id, dossier.Reviewers) },
			"receipt": f.svc.Receipt,
			"certificate": func(ctx context.Context, id int64) ([]byte, error) {
				return f.svc.Certificate(ctx, id, dossier.Reviewers)
			},
		} {
			first, err := render(f.ctx, c.ID)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			f.clock.Advance(24 * time.Hour) // the clock does not date documents
			second, err := render(f.ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(first, []byte("%PDF-")) || !bytes.Equal(first, second) {
				t.Errorf("%s: two renderings differ (%d and %d bytes)", name, len(first), len(second))
			}
		}
	})
}

func TestReceipt(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		c := f.candidature("01001", fullAnswers())
		evidence := f.attach(c, "general.preuve", map[string][]byte{"a.pdf": samplePDF(), "b.pdf": append(samplePDF(), ' ')})

		_, err := f.svc.Receipt(f.ctx, c.ID)
		if domain.ErrorCode(err) != domain.ENotFound || !strings.Contains(domain.ErrorMessage(err), "pas déposée") {
			t.Fatalf("receipt of a draft: %v, want a not-found error", err)
		}
		if _, err := f.svc.Receipt(f.ctx, 987654); domain.ErrorCode(err) != domain.ENotFound {
			t.Errorf("receipt of an unknown candidature: %v", err)
		}

		f.submit(c)
		submitted := fr.DateTime(f.clock.Now())
		data, err := f.svc.Receipt(f.ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		// The hash, recomputed as documented: key, tab, compact JSON, newline, in key order.
		answers := fullAnswers()
		delete(answers, "logiciels.ecoles_detail") // hidden, dropped at submission
		delete(answers, "masquee.detail")
		refs, _ := json.Marshal([]questionnaire.FileRef{
			{ID: evidence[0].ID, Name: "a.pdf", Kind: "pdf", Size: evidence[0].Size, SHA256: evidence[0].SHA256},
			{ID: evidence[1].ID, Name: "b.pdf", Kind: "pdf", Size: evidence[1].Size, SHA256: evidence[1].SHA256},
		})
		answers["general.preuve"] = string(refs)
		stored, err := f.st.Answers(f.ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		h := sha256.New()
		for _, a := range stored { // in key order
			var compact bytes.Buffer
			if err := json.Compact(&compact, a.Value); err != nil {
				t.Fatal(err)
			}
			h.Write([]byte(a.QuestionKey + "\t" + compact.String() + "\n"))
		}
		if len(stored) != len(answers) {
			t.Errorf("%d answers stored after submission, want %d", len(stored), len(answers))
		}
		text := spaces(pdfText(t, data))
		for _, want := range []string{
			"Accusé de réception", "TNL-2026-COM-01001", "L’Abergement-Clémenciat", "Camille Dupont",
			"16 réponses", "2 pièces justificatives", "déposé le " + submitted + " par Camille Dupont",
		} {
			if !strings.Contains(text, spaces(want)) {
				t.Errorf("receipt text lacks %q:\n%s", want, text)
			}
		}
		if hash := hex.EncodeToString(h.Sum(nil)); !strings.Contains(strings.ReplaceAll(text, "\n", ""), hash) {
			t.Errorf("receipt text lacks the hash of the answers %s:\n%s", hash, text)
		}
		// An answer completed later (at the jury's request) does not
		// change what the receipt attests: the answers as deposited.
		if res, err := f.st.DB().NewUpdate().Table("answers").Set("value = ?", `999`).
			Where("candidature_id = ? AND question_key = ?", c.ID, "general.agents").Exec(f.ctx); err != nil {
			t.Fatal(err)
		} else if n, _ := res.RowsAffected(); n != 1 {
			t.Fatalf("%d answers changed", n)
		}
		if again, err := f.svc.Receipt(f.ctx, c.ID); err != nil || !bytes.Equal(again, data) {
			t.Errorf("the receipt changed with the answers after the deposit (%v)", err)
		}
	})
}

func TestCertificate(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		c := f.candidature("01001", fullAnswers())
		none := f.candidature("01004", fullAnswers())
		for _, cand := range []int64{c.ID, none.ID} {
			if _, err := f.svc.Certificate(f.ctx, cand, dossier.Reviewers); domain.ErrorCode(err) != domain.ENotFound || !strings.Contains(domain.ErrorMessage(err), "délibérée") {
				t.Errorf("certificate of a draft: %v, want a not-found error", err)
			}
		}
		f.submit(c)
		f.submit(none)
		f.deliberate(c, 3)
		f.deliberate(none, 0)
		if _, err := f.svc.Certificate(f.ctx, none.ID, dossier.Reviewers); domain.ErrorCode(err) != domain.ENotFound || !strings.Contains(domain.ErrorMessage(err), "pas attribué de niveau") {
			t.Errorf("certificate without a level: %v, want a not-found error", err)
		}
		data, err := f.svc.Certificate(f.ctx, c.ID, dossier.Reviewers)
		if err != nil {
			t.Fatal(err)
		}
		text := spaces(pdfText(t, data))
		for _, want := range []string{"Certificat de labellisation", "L’Abergement-Clémenciat", "Campagne 2026",
			"Niveau 3 — Confirmé (niveau trois sur cinq)", "Une démarche exemplaire", "Candidature coup de cœur"} {
			if !strings.Contains(text, want) {
				t.Errorf("certificate text lacks %q:\n%s", want, text)
			}
		}
	})
}

func TestAttachment(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		draft := f.candidature("01004", fullAnswers())
		c := f.candidature("01001", fullAnswers())
		f.submit(c)

		a, err := f.svc.Attachment(f.ctx, "receipt:"+strconv.FormatInt(c.ID, 10))
		if err != nil {
			t.Fatal(err)
		}
		receipt, _ := f.svc.Receipt(f.ctx, c.ID)
		if a.Name != "accuse-reception-TNL-2026-COM-01001.pdf" || a.ContentType != "application/pdf" || !bytes.Equal(a.Data, receipt) {
			t.Errorf("attachment %q %q, %d bytes", a.Name, a.ContentType, len(a.Data))
		}

		for _, ref := range []string{"", "receipt", "receipt:", "receipt:abc", "receipt:-3", "receipt:0", "dossier:" + strconv.FormatInt(c.ID, 10),
			"receipt:" + strconv.FormatInt(c.ID, 10) + "x", "receipt:" + strconv.FormatInt(c.ID, 10) + ":{", "\x00☃"} {
			a, err := f.svc.Attachment(f.ctx, ref)
			if a != nil || !notify.IsPermanent(err) {
				t.Errorf("Attachment(%q) = %v, %v; want a permanent error", ref, a, err)
			}
		}
		// An old reference to a candidature not deposited (now) may be
		// deposited again: retried, not given up.
		for _, ref := range []string{"receipt:987654", "receipt:" + strconv.FormatInt(draft.ID, 10)} {
			if a, err := f.svc.Attachment(f.ctx, ref); a != nil || err == nil || notify.IsPermanent(err) {
				t.Errorf("Attachment(%q) = %v, %v; want an error to retry", ref, a, err)
			}
		}
	})
}

// The accusé de réception is built from the deposit's own snapshot: taken
// back at once (corriger) before the mail leaves, it is still sent, and
// says what was deposited.
func TestReceiptAfterCorrection(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		c := f.candidature("01001", fullAnswers())
		f.submit(c)
		deposited, err := f.svc.Receipt(f.ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		msgs, _, err := f.st.OutboxMessages(f.ctx, store.OutboxFilter{})
		if err != nil {
			t.Fatal(err)
		}
		ref := ""
		for _, m := range msgs {
			if m.Kind == "accuse_reception" {
				ref = m.Attachment
			}
		}
		if !strings.HasPrefix(ref, "receipt:"+strconv.FormatInt(c.ID, 10)+":") {
			t.Fatalf("receipt reference %q carries no snapshot", ref)
		}
		f.fire("candidature", c.ID, "corriger", f.as("elu"), workflow.Input{})
		if _, err := f.svc.Receipt(f.ctx, c.ID); domain.ErrorCode(err) != domain.ENotFound {
			t.Fatalf("receipt of a candidature taken back: %v", err)
		}
		a, err := f.svc.Attachment(f.ctx, ref)
		if err != nil {
			t.Fatalf("receipt after corriger: %v", err)
		}
		if a.Name != "accuse-reception-TNL-2026-COM-01001.pdf" {
			t.Errorf("attachment named %q", a.Name)
		}
		if got, want := spaces(pdfText(t, a.Data)), spaces(pdfText(t, deposited)); got != want {
			t.Errorf("receipt from the snapshot:\n%s\nwant the one of the deposit:\n%s", got, want)
		}
	})
}
