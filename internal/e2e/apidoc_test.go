package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/demo"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
)

var shBlock = regexp.MustCompile("(?s)```sh\n(.*?)```")

// Every curl example of docs/api.md runs as written against a real server,
// in order, and does what the text around it says.
func TestAPIDocExamples(t *testing.T) {
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("curl not installed")
	}
	doc, err := os.ReadFile("../../docs/api.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := shBlock.FindAllStringSubmatch(string(doc), -1)
	if len(blocks) < 10 {
		t.Fatalf("only %d shell examples in docs/api.md", len(blocks))
	}
	p := start(t, "sqlite", func(p *platform) {
		openCampaign(p)
		cmd := exec.Command(binary, "user", "add", "--email", "maire@exemple.fr", "--name", "Camille Dupont", "--password-stdin")
		cmd.Env = append(os.Environ(), "TNL_DATABASE_URL="+p.dbURL)
		cmd.Stdin = strings.NewReader("une phrase de passe\n")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("user add: %v %s", err, out)
		}
	})
	coll, err := p.store.CollectiviteByCode(t.Context(), domain.KindCommune, "01001")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "deliberation.pdf"), demo.SamplePDF(), 0o644); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(),
		"PATH="+filepath.Dir(binary)+":"+os.Getenv("PATH"),
		"TNL_DATABASE_URL="+p.dbURL,
		"TNL="+p.BaseURL,
		fmt.Sprintf("YEAR=%d", time.Now().Year()),
		fmt.Sprintf("COLLECTIVITE=%d", coll.ID),
		"ID=1", // the first candidature of a fresh database
		"CAMPAIGN=1",
	)
	// What some examples must print, by a word of their command.
	expect := map[string]string{
		"tnl token create":           "tnl_",
		`api/v1/campaigns"`:          `"deadline_paris"`,
		"jury/invitations\"":         `"expires_at"`,
		"jury/assign\"":              `"per_candidature": 1`,
		"--json":                     `"load_max"`,
		"events/remettre":            `"to": "remise"`,
		"/aggregate":                 `"suggested_level"`,
		"/ranking":                   `"rank": 1`,
		"collectivites?q=":           `"L'Abergement-Clémenciat"`,
		`"prefill": false`:           `"reference": "TNL-`,
		`"Alex Libre"`:               `"code": "conflict"`,
		"events/deposer":             `"code": "unprocessable"`,
		"/evidence":                  `"sha256"`,
		"/audit":                     `"event": "creer"`,
		`{"value": "Camille Dupont"`: `"version": 1`,
		`/candidatures/$ID"`:         `"missing"`,
		// The ambassadeurs du libre.
		`--fail-with-body "$TNL/api/v1/gulls"`: `"gulls"`,
		`"home": "01001"`:                      `"state": "propose"`,
		"tnl gull validate":                    "validé",
		`"function": "maire"`:                  `"state": "demandee"`,
		`$TOKEN" "$TNL/api/v1/visites"`:        `"waiting"`,
		`"$TNL/api/v1/gulls/1"`:                `"members"`,
		"head -1 demandes.csv":                 "numero,commune,code_insee",
		"visites.geojson":                      `"FeatureCollection"`,
		"tnl courrier suivi":                   "Courrier en préparation",
	}
	for i, b := range blocks {
		script := b[1]
		cmd := exec.Command("bash", "-euo", "pipefail", "-c", script)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("example %d failed: %v\n%s\n---\n%s", i+1, err, script, out)
		}
		for word, want := range expect {
			if strings.Contains(script, word) && !strings.Contains(string(out), want) {
				t.Errorf("example %d (%s) prints no %s:\n%s", i+1, word, want, out)
			}
		}
		if strings.Contains(script, "tnl token create") {
			env = append(env, "TOKEN="+strings.TrimSpace(string(out)))
		}
		if strings.Contains(script, `"prefill": false`) {
			// A GULL member joins the candidature, with a token of their own.
			env = append(env, "TOKEN2="+helperToken(t, p))
		}
		switch {
		case strings.Contains(script, "tnl token create --email equipe@exemple.fr"):
			env = append(env, "STAFF="+strings.TrimSpace(string(out)))
		case strings.Contains(script, "tnl token create --email jure@exemple.fr"):
			env = append(env, "JUROR="+strings.TrimSpace(string(out)))
		case strings.Contains(script, "jury/invitations\""):
			env = append(env, "INVITE="+strings.TrimPrefix(p.lastLink("jure@exemple.fr", "/jury/invitation/"), "/jury/invitation/"))
		case strings.Contains(script, "jury/assign\""):
			e := jurorEvaluation(t, p, "jure@exemple.fr")
			env = append(env, fmt.Sprintf("EVAL=%d", e.ID), fmt.Sprintf("CAND=%d", e.CandidatureID))
		}
	}
	pdf, err := os.ReadFile(filepath.Join(dir, "dossier.pdf"))
	if err != nil || !strings.HasPrefix(string(pdf), "%PDF-") {
		t.Errorf("the dossier example gave no PDF (%v)", err)
	}
}

// jurorEvaluation returns a juror's first evaluation.
func jurorEvaluation(t *testing.T, p *platform, email string) domain.Evaluation {
	t.Helper()
	u, err := p.store.UserByEmail(t.Context(), email)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := p.store.Assignments(t.Context(), store.AssignmentFilter{UserID: u.ID})
	if err != nil || len(rows) == 0 {
		t.Fatalf("no evaluation for %s (%v)", email, err)
	}
	e, err := p.store.Evaluation(t.Context(), rows[0].EvaluationID)
	if err != nil {
		t.Fatal(err)
	}
	return *e
}

// helperToken adds an accompagnateur to the first candidature and returns
// an API token of theirs.
func helperToken(t *testing.T, p *platform) string {
	t.Helper()
	ctx := t.Context()
	verified := p.store.Now()
	u := &domain.User{Email: "gull@exemple.org", Name: "Alex Libre", EmailVerifiedAt: &verified}
	if err := p.store.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	if err := p.store.InTx(ctx, func(tx *store.Tx) error { return tx.AddMember(ctx, 1, u.ID, domain.MemberAccompagnateur) }); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(p.tnl("token", "create", "--email", u.Email, "--name", "essai"))
}
