package dossier_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"maps"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/app"
	"github.com/adullact/tnl/internal/app/apptest"
	"github.com/adullact/tnl/internal/policy"

	"github.com/adullact/tnl/internal/campaign"
	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/demo"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/dossier"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/testdb"
	"github.com/adullact/tnl/questionnaire"
	"github.com/adullact/tnl/workflow"
)

// clock is the settable clock of the store and the engine, so that the
// stored instants, hence the documents, are the same on every run.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// The campaign is open from 1 September to 15 October 2026, Paris time.
var (
	opensAt  = time.Date(2026, 8, 31, 22, 0, 0, 0, time.UTC)
	closesAt = time.Date(2026, 10, 15, 22, 0, 0, 0, time.UTC)
	during   = time.Date(2026, 9, 20, 8, 30, 0, 0, time.UTC)
)

type fixture struct {
	t        testing.TB
	ctx      context.Context
	clock    *clock
	st       *store.Store
	engine   *workflow.Engine
	app      *app.App
	svc      *dossier.Service
	q        *questionnaire.Questionnaire
	campaign *domain.Campaign
	users    map[string]*domain.User // elu, gull, staff, jury
}

func newFixture(t testing.TB, dialect string) *fixture {
	t.Helper()
	ctx := context.Background()
	clk := &clock{t: during}
	st := testdb.Open(t, dialect, store.WithClock(clk.Now))
	f := &fixture{t: t, ctx: ctx, clock: clk, st: st, users: map[string]*domain.User{}}
	a := apptest.New(t, st)
	f.engine, f.svc, f.app = a.Engine, a.Documents, a
	var err error

	now := st.Now()
	err = st.ApplyTerritoryChanges(ctx, &store.TerritoryChanges{Upsert: []domain.Collectivite{
		{Kind: domain.KindDepartement, Code: "01", Name: "Ain", SearchName: "ain", DepartementCode: "01", RegionCode: "84", Population: 671289, Active: true, UpdatedAt: now},
		{Kind: domain.KindCommune, Code: "01001", Name: "L’Abergement-Clémenciat", SearchName: "l abergement clemenciat", DepartementCode: "01", RegionCode: "84", Population: 860, Active: true, UpdatedAt: now},
		{Kind: domain.KindCommune, Code: "01004", Name: "Ambérieu-en-Bugey", SearchName: "amberieu en bugey", DepartementCode: "01", RegionCode: "84", Population: 14514, Active: true, UpdatedAt: now},
		{Kind: domain.KindCommune, Code: "97101", Name: "Les Abymes", SearchName: "les abymes", DepartementCode: "971", RegionCode: "01", Population: 53491, Active: true, UpdatedAt: now},
		{Kind: domain.KindEPCI, Code: "200029999", Name: "CC de la Dombes", SearchName: "cc de la dombes", Siren: "200029999", Subtype: "CC", DepartementCode: "01", RegionCode: "84", Population: 40000, Active: true, UpdatedAt: now},
	}})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []domain.User{
		{Email: "elu@exemple.fr", Name: "Camille Dupont", Role: domain.RoleMember},
		{Email: "gull@exemple.fr", Name: "Zoé Bénard", Role: domain.RoleMember},
		{Email: "equipe@exemple.fr", Name: "Dominique Équipe", Role: domain.RoleStaff},
		{Email: "jury@exemple.fr", Name: "Claude Jury", Role: domain.RoleMember},
	} {
		if err := st.CreateUser(ctx, &u); err != nil {
			t.Fatal(err)
		}
		f.users[u.Email[:len(u.Email)-len("@exemple.fr")]] = &u
	}
	src, err := os.ReadFile("testdata/questionnaire.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cp, err := a.Campaigns.Create(ctx, campaign.CreateRequest{Year: 2026, OpensAt: opensAt, ClosesAt: closesAt, Questionnaire: src, QuestionnaireName: "questionnaire.yaml"}, policy.Operator("test"))
	if err != nil {
		t.Fatal(err)
	}
	if err := st.PutJuryMember(ctx, &store.JuryMember{CampaignID: cp.ID, UserID: f.users["jury"].ID, Seat: domain.SeatMember, CharterAcceptedAt: &now}); err != nil {
		t.Fatal(err)
	}
	f.fire("campagne", cp.ID, "ouvrir", policy.Platform(), workflow.Input{})
	if f.campaign, err = st.Campaign(ctx, cp.ID); err != nil {
		t.Fatal(err)
	}
	if f.q, err = a.Candidatures.Questionnaire(f.campaign); err != nil {
		t.Fatal(err)
	}
	return f
}

// fullAnswers answers every question of the test questionnaire but
// general.commentaire (left « Non renseigné ») and the file question; the
// schools are answered « non », which hides their details even though an
// answer to them is stored.
func fullAnswers() map[string]string {
	return map[string]string{
		"general.deliberation":      `true`,
		"general.deliberation_date": `"2024-03-12"`,
		"general.agents":            `1234`,
		"general.postes_libres":     `42`,
		"general.budget":            `12.5`,
		"general.suite":             `"libre"`,
		"general.mutualisation":     `["epci", "association"]`,
		"general.site":              `"https://www.exemple.fr/schéma-directeur"`,
		"general.contact":           `"referent@exemple.fr"`,
		"general.presentation":      `"Première étape : la délibération.\n\nDeuxième étape : la migration des postes, service après service."`,
		"logiciels.ecoles":          `false`,
		"logiciels.ecoles_detail":   `"Texte masqué : les écoles n’utilisent rien de libre."`,
		"masquee.detail":            `"Détail masqué"`,
		"logiciels.liste":           `[{"nom": "LibreOffice", "usage": "bureautique", "postes": 120}, {"nom": "openCimetière", "usage": "metier"}]`,
		"attestation.elu_nom":       `"Camille Dupont"`,
		"attestation.elu_qualite":   `"Maire"`,
		"attestation.honneur":       `true`,
	}
}

// candidature creates a draft of the commune with the given answers, the
// élu and the GULL member as co-editor.
func (f *fixture) candidature(code string, answers map[string]string) *domain.Candidature {
	f.t.Helper()
	kind := domain.KindCommune
	if len(code) == 9 {
		kind = domain.KindEPCI
	}
	coll, err := f.st.CollectiviteByCode(f.ctx, kind, code)
	if err != nil {
		f.t.Fatal(err)
	}
	rows := make([]domain.Answer, 0, len(answers))
	for k, v := range answers {
		rows = append(rows, domain.Answer{QuestionKey: k, Value: json.RawMessage(v), QuestionnaireVersion: f.q.Version})
	}
	c := &domain.Candidature{CampaignID: f.campaign.ID, CollectiviteID: coll.ID, Reference: candidature.Reference(f.campaign.Year, coll),
		State: domain.Brouillon, EluUserID: f.users["elu"].ID}
	if err := f.st.CreateCandidature(f.ctx, c, rows); err != nil {
		f.t.Fatal(err)
	}
	f.clock.Advance(time.Minute)
	if err := f.st.InTx(f.ctx, func(tx *store.Tx) error {
		return tx.AddMember(f.ctx, c.ID, f.users["gull"].ID, domain.MemberAccompagnateur)
	}); err != nil {
		f.t.Fatal(err)
	}
	return c
}

// attach stores files as evidence of a file question and answers it with
// their references.
func (f *fixture) attach(c *domain.Candidature, key string, files map[string][]byte) []domain.Evidence {
	f.t.Helper()
	f.clock.Advance(time.Minute)
	var out []domain.Evidence
	err := f.st.InTx(f.ctx, func(tx *store.Tx) error {
		var refs []questionnaire.FileRef
		for _, name := range slices.Sorted(maps.Keys(files)) {
			data := files[name]
			sum := sha256.Sum256(data)
			e := &domain.Evidence{CandidatureID: c.ID, QuestionKey: key, Name: name, Kind: "pdf", ContentType: "application/pdf",
				Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:]), Data: data, UploadedBy: f.users["gull"].ID}
			if err := tx.InsertEvidence(f.ctx, e); err != nil {
				return err
			}
			out = append(out, *e)
			refs = append(refs, questionnaire.FileRef{ID: e.ID, Name: e.Name, Kind: e.Kind, Size: e.Size, SHA256: e.SHA256})
		}
		value, _ := json.Marshal(refs)
		return tx.PutAnswer(f.ctx, &domain.Answer{CandidatureID: c.ID, QuestionKey: key, Value: value,
			QuestionnaireVersion: f.q.Version, UpdatedBy: f.users["gull"].ID}, 0)
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return out
}

func (f *fixture) fire(subject string, id int64, event string, actor policy.Principal, in workflow.Input) {
	f.t.Helper()
	f.clock.Advance(time.Hour)
	if _, err := f.engine.Fire(f.ctx, subject, id, event, actor, in); err != nil {
		f.t.Fatalf("%s %d %s: %v", subject, id, event, err)
	}
}

func (f *fixture) as(name string) policy.Principal { return policy.User(f.users[name]) }

// submit deposits the candidature as its élu.
func (f *fixture) submit(c *domain.Candidature) {
	f.t.Helper()
	f.fire("candidature", c.ID, "deposer", f.as("elu"), workflow.Input{Values: url.Values{"attest": {"true"}, "elu_name": {"Camille Dupont"}, "elu_mandate": {"Maire"}}})
}

// deliberate takes a submitted candidature through instruction to the
// jury's decision.
func (f *fixture) deliberate(c *domain.Candidature, level int) {
	f.t.Helper()
	f.fire("candidature", c.ID, "declarer_recevable", f.as("equipe"), workflow.Input{Values: url.Values{"mandat": {"Maire"}, "mandat_verifie": {"oui"}}})
	f.fire("candidature", c.ID, "instruire", f.as("equipe"), workflow.Input{})
	f.fire("candidature", c.ID, "evaluer", f.as("equipe"), workflow.Input{Comment: "Jury réuni en séance plénière."})
	f.fire("candidature", c.ID, "deliberer", f.as("equipe"), workflow.Input{Values: url.Values{"level": {strconv.Itoa(level)},
		"motivation": {"Une démarche exemplaire, portée par les élus et les agents."}, "mentions": {"Candidature coup de cœur"}}})
}

// samplePDF is a small evidence file.
func samplePDF() []byte { return demo.SamplePDF() }

// pdfText extracts the text of a PDF with pdftotext, skipping the test
// when poppler-utils is absent.
func pdfText(t *testing.T, data []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext introuvable : installez poppler-utils pour vérifier le texte des PDF")
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	return string(out)
}
