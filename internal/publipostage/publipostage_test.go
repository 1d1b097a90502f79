package publipostage_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/ambassadeurs"
	"github.com/adullact/tnl/internal/app/apptest"
	"github.com/adullact/tnl/internal/domain"
	courrierlc "github.com/adullact/tnl/internal/lifecycle/courrier"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/publipostage"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/territoires"
	"github.com/adullact/tnl/internal/testdb"
	"github.com/adullact/tnl/workflow"
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func pdfText(t *testing.T, data []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not found: install poppler-utils")
	}
	path := filepath.Join(t.TempDir(), "l.pdf")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v %s", err, out)
	}
	return string(out)
}

// A campaign to the communes of the Ain: the partner imports the
// addresses, the letters are rendered (each alone in a zip, and merged for
// printing) and read back with pdftotext, sent by email, a mairie asks for
// a visit through its code, and the reminder goes at its date to the others
// only.
func TestCampaignLettersSendingAndReminder(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		ctx := context.Background()
		c := &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
		st := testdb.Open(t, dialect, store.WithClock(c.Now))
		a := apptest.New(t, st)
		if _, err := territoires.Import(ctx, st, []string{"../demo/territoires"}); err != nil {
			t.Fatal(err)
		}
		now := st.Now()
		staff := &domain.User{Email: "staff@exemple.fr", Role: domain.RoleStaff, EmailVerifiedAt: &now}
		partner := &domain.User{Email: "amf01@exemple.fr", Name: "AMF 01", EmailVerifiedAt: &now}
		other := &domain.User{Email: "autre@exemple.fr", EmailVerifiedAt: &now}
		for _, u := range []*domain.User{staff, partner, other} {
			if err := st.CreateUser(ctx, u); err != nil {
				t.Fatal(err)
			}
		}
		svc := a.Publipostage
		req := publipostage.Request{Title: "Ambassadeurs du libre dans l’Ain", Departement: "01", Channel: domain.ChannelEmail,
			Sender: "Association des maires de l’Ain", Signature: "Jean Dupré\nPrésident", Partner: partner.Email,
			RemindAfter: now.Add(30 * 24 * time.Hour)}
		if _, err := svc.Create(ctx, req, policy.User(partner)); domain.ErrorCode(err) != domain.EForbidden {
			t.Errorf("a partner created a campaign: %v", err)
		}
		bad := req
		bad.Letter = "Bonjour [maire], voir [adresse]."
		if _, err := svc.Create(ctx, bad, policy.User(staff)); domain.ErrorCode(err) != domain.EInvalid || !strings.Contains(domain.AsError(err).Fields["letter"], "[adresse]") {
			t.Errorf("an unknown placeholder: %v", err)
		}
		cp, err := svc.Create(ctx, req, policy.User(staff))
		if err != nil {
			t.Fatal(err)
		}
		prog, err := svc.Progress(ctx, cp.ID, policy.User(partner))
		if err != nil || len(prog.Recipients) != 12 || prog.Counts[publipostage.StepPrepared] != 12 {
			t.Fatalf("recipients: %v %+v", err, prog)
		}
		if _, err := svc.Progress(ctx, cp.ID, policy.User(other)); domain.ErrorCode(err) != domain.EForbidden {
			t.Errorf("someone else read the campaign: %v", err)
		}
		csvText := "code_insee;email;maire\n01053;mairie@bourg.fr;Jean-François Debat\n01283;mairie@oyonnax.fr;\n99999;x@y.fr;\n"
		rep, err := svc.ImportAddresses(ctx, cp.ID, strings.NewReader(csvText), policy.User(partner))
		if err != nil || rep.Lines != 3 || rep.Matched != 2 || len(rep.Unknown) != 1 {
			t.Fatalf("import: %v %+v", err, rep)
		}
		if _, err := svc.ImportAddresses(ctx, cp.ID, strings.NewReader("code_insee,email\n01053,pas-une-adresse\n"), policy.User(partner)); domain.ErrorCode(err) != domain.EInvalid {
			t.Errorf("a bad address was imported: %v", err)
		}
		codes := map[string]string{}
		prog, _ = svc.Progress(ctx, cp.ID, policy.User(staff))
		for _, r := range prog.Recipients {
			codes[r.Insee] = r.Code
		}

		// The letters, merged for printing and one by one.
		var merged bytes.Buffer
		if err := svc.WriteMerged(ctx, &merged, cp.ID, policy.User(partner), publipostage.Selection{}); err != nil {
			t.Fatal(err)
		}
		raw := pdfText(t, merged.Bytes())
		pages := strings.Split(raw, "\f")
		text := strings.Join(strings.Fields(raw), " ")
		if len(pages) < 12 {
			t.Fatalf("%d pages for 12 letters", len(pages))
		}
		for _, w := range []string{"Association des maires de l’Ain", "Jean-François Debat", "Maire de Bourg-en-Bresse", "Mairie de Bourg-en-Bresse",
			"01000 BOURG-EN-BRESSE", "Mairie d’Ambérieu-en-Bugey", "Objet : Rencontrer un ambassadeur du libre", "souvent membre du GULL le plus proche de Bourg-en-Bresse",
			"https://tnl.test/ambassadeurs/c/" + codes["01053"], "Votre code personnel : " + codes["01053"], "Jean Dupré"} {
			if !strings.Contains(text, w) {
				t.Errorf("the letters lack %q", w)
			}
		}
		var zipped bytes.Buffer
		n, err := svc.WriteZip(ctx, &zipped, cp.ID, policy.User(partner), publipostage.Selection{})
		if err != nil || n != 12 {
			t.Fatalf("zip: %d %v", n, err)
		}
		zr, err := zip.NewReader(bytes.NewReader(zipped.Bytes()), int64(zipped.Len()))
		if err != nil || len(zr.File) != 12 {
			t.Fatalf("zip entries: %v", err)
		}
		found := false
		for _, f := range zr.File {
			found = found || f.Name == "01/01053-bourg-en-bresse-"+codes["01053"]+".pdf"
		}
		if !found {
			t.Errorf("no letter to Bourg-en-Bresse in the zip: %s…", zr.File[0].Name)
		}
		if n, err := svc.WriteZip(ctx, io.Discard, cp.ID, policy.User(partner), publipostage.Selection{Departement: "04"}); err != nil || n != 0 {
			t.Errorf("letters of another département: %d %v", n, err)
		}

		// Sending: one email per mairie with an address.
		if _, err := a.Engine.Fire(ctx, courrierlc.Name, cp.ID, "envoyer", policy.User(partner), workflow.Input{}); err != nil {
			t.Fatal(err)
		}
		msgs, _, err := st.OutboxMessages(ctx, store.OutboxFilter{Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		letters := 0
		for _, m := range msgs {
			if m.Kind == "courrier_lettre" {
				letters++
				if m.Recipient == "mairie@bourg.fr" && (!strings.Contains(m.Body, "/ambassadeurs/c/"+codes["01053"]) || !strings.Contains(m.Body, "Jean-François Debat")) {
					t.Errorf("letter by email:\n%s", m.Body)
				}
			}
		}
		if letters != 2 {
			t.Errorf("%d letters by email, want 2", letters)
		}

		// Bourg-en-Bresse asks through its code.
		pre, err := a.Ambassadeurs.PrefillOf(ctx, strings.ToLower(codes["01053"]))
		if err != nil || pre.Commune.Code != "01053" || pre.Maire != "Jean-François Debat" {
			t.Fatalf("prefill: %+v %v", pre, err)
		}
		c.Advance(24 * time.Hour)
		if _, err := a.Ambassadeurs.Ask(ctx, ambassadeurs.AskRequest{CollectiviteID: pre.Commune.ID, Code: pre.Code, Name: pre.Maire, Function: "maire",
			Email: "mairie@bourg.fr", Topics: []string{"label"}}); err != nil {
			t.Fatal(err)
		}
		v, err := st.OpenVisiteOf(ctx, pre.Commune.ID)
		if err != nil || v.CourrierCode != codes["01053"] {
			t.Fatalf("the request keeps its code: %+v %v", v, err)
		}
		if _, err := a.Ambassadeurs.Follow(ctx, lastToken(t, st, "mairie@bourg.fr"), policy.Principal{}); err != nil {
			t.Fatal(err)
		}
		prog, _ = svc.Progress(ctx, cp.ID, policy.User(staff))
		if prog.Counts[publipostage.StepAsked] != 1 || prog.Counts[publipostage.StepSent] != 11 {
			t.Errorf("progress: %v", prog.Counts)
		}
		var out bytes.Buffer
		if err := svc.WriteProgressCSV(ctx, &out, cp.ID, policy.User(partner)); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(&out).ReadAll()
		if err != nil || len(rows) != 13 || rows[0][0] != "code_insee" {
			t.Fatalf("progress CSV: %v %v", err, rows)
		}

		// The reminder waits for its date, then goes to the others only.
		sched := workflow.NewScheduler(a.Engine, time.Second, nil)
		campaignEvents := func() []string {
			var out []string
			for _, tr := range sched.Tick(ctx) {
				if tr.SubjectType == courrierlc.Name {
					out = append(out, tr.Event)
				}
			}
			return out
		}
		if evs := campaignEvents(); len(evs) != 0 {
			t.Errorf("reminder before its date: %v", evs)
		}
		c.Advance(30 * 24 * time.Hour)
		if evs := campaignEvents(); len(evs) != 1 || evs[0] != "relancer" {
			t.Fatalf("reminder at its date: %v", evs)
		}
		msgs, _, _ = st.OutboxMessages(ctx, store.OutboxFilter{Limit: 100})
		reminded := map[string]bool{}
		for _, m := range msgs {
			if m.Kind == "courrier_lettre" && strings.HasPrefix(m.Subject, "Relance") {
				reminded[m.Recipient] = true
			}
		}
		if len(reminded) != 1 || !reminded["mairie@oyonnax.fr"] {
			t.Errorf("reminded %v, want Oyonnax only", reminded)
		}
		var again bytes.Buffer
		if err := svc.WriteMerged(ctx, &again, cp.ID, policy.User(partner), publipostage.Selection{Reminder: true}); err != nil {
			t.Fatal(err)
		}
		if text := pdfText(t, again.Bytes()); strings.Contains(text, "Mairie de Bourg-en-Bresse") || !strings.Contains(text, "Relance") || !strings.Contains(text, "Mairie d’Oyonnax") {
			t.Errorf("the reminder letters include the commune that answered, or lack the others")
		}
	})
}

func lastToken(t *testing.T, st *store.Store, to string) string {
	t.Helper()
	msgs, _, err := st.OutboxMessages(context.Background(), store.OutboxFilter{Limit: 200})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		if i := strings.Index(m.Body, "/ambassadeurs/suivi/"); m.Recipient == to && i >= 0 {
			rest := m.Body[i+len("/ambassadeurs/suivi/"):]
			return strings.Fields(rest)[0]
		}
	}
	t.Fatalf("no link to %s", to)
	return ""
}
