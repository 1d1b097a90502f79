package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/testdb"
)

// The whole lifecycle, driven from the command line as staff would before
// the web UI exists, on both databases.
func TestLifecycleFromTheCommandLine(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		env := map[string]string{"TNL_DATABASE_URL": testdb.URL(t, dialect)}
		must := func(want string, args ...string) string {
			t.Helper()
			code, stdout, stderr := run(t, env, args...)
			if code != 0 {
				t.Fatalf("tnl %s: exit %d\n%s%s", strings.Join(args, " "), code, stdout, stderr)
			}
			if !strings.Contains(stdout, want) {
				t.Fatalf("tnl %s: output %q does not contain %q", strings.Join(args, " "), stdout, want)
			}
			return stdout
		}
		mustFail := func(want string, args ...string) {
			t.Helper()
			code, stdout, stderr := run(t, env, args...)
			if code != 1 || !strings.Contains(stderr, want) {
				t.Fatalf("tnl %s: exit %d, stderr %q, want failure mentioning %q (stdout %q)", strings.Join(args, " "), code, stderr, want, stdout)
			}
		}
		must("créée", "territoires", "import", "../territoires/testdata/v1")
		for _, u := range []struct{ email, role string }{{"maire@exemple.fr", "membre"}, {"equipe@adullact.org", "staff"}, {"jury@adullact.org", "membre"}} {
			code, stdout, stderr := runWithInput(t, env, "un mot de passe solide\n", "user", "add", "--email", u.email, "--role", u.role, "--password-stdin")
			if code != 0 || !strings.Contains(stdout, "créé") {
				t.Fatalf("user add %s: %d %q %q", u.email, code, stdout, stderr)
			}
		}
		today := time.Now().In(time.UTC)
		must("en préparation", "campaign", "create", "--year", "2026",
			"--opens", today.AddDate(0, 0, -1).Format("2006-01-02"), "--closes", today.AddDate(0, 1, 0).Format("2006-01-02"),
			"--questionnaire", "../../workflow/testdata/mini.yaml")
		must("membre du jury de la campagne 2026", "jury", "add", "--campaign", "2026", "--email", "jury@adullact.org", "--charte-signee")
		mustFail("Aucun compte", "jury", "add", "--campaign", "2026", "--email", "inconnu@adullact.org", "--charte-signee")
		must("En préparation → Ouverte", "campaign", "open", "2026")
		mustFail("est déjà passée", "campaign", "dates", "2026", "--closes", today.AddDate(0, 0, -1).Format("2006-01-02"))
		mustFail("doit suivre l’ouverture", "campaign", "dates", "2026", "--opens", today.AddDate(0, 3, 0).Format("2006-01-02"))
		extended := today.AddDate(0, 2, 0)
		deadline, err := fr.ParseDeadline(extended.Format("2006-01-02"))
		if err != nil {
			t.Fatal(err)
		}
		must("date limite "+fr.Deadline(deadline), "campaign", "dates", "2026", "--closes", extended.Format("2006-01-02"))
		must("référence TNL-2026-COM-01001", "candidature", "create", "--campaign", "2026", "--collectivite", "01001", "--elu", "maire@exemple.fr")
		mustFail("Action « Déposer la candidature » impossible", "candidature", "fire", "1", "deposer", "--as", "maire@exemple.fr")

		answers := filepath.Join(t.TempDir(), "answers.json")
		os.WriteFile(answers, []byte(`{"general.deliberation": true, "general.deliberation_lien": "https://exemple.fr/deliberation.pdf"}`), 0o644)
		must(fr.Count(2, "réponse", "réponses")+" enregistrées", "candidature", "answer", "1", "--file", answers, "--as", "maire@exemple.fr")
		mustFail("adresse web", "candidature", "answer", "TNL-2026-COM-01001", "general.deliberation_lien", `"pas une adresse"`, "--as", "maire@exemple.fr")
		must("Brouillon → Déposée", "candidature", "fire", "TNL-2026-COM-01001", "deposer", "--as", "maire@exemple.fr",
			"--attest", "--elu-name", "Camille Dupont", "--mandate", "Maire")
		mustFail("réservé à l’équipe ADULLACT", "candidature", "fire", "1", "declarer_recevable", "--as", "maire@exemple.fr")
		must("Ouverte → Close", "campaign", "close", "2026", "--as", "equipe@adullact.org")
		must("Déposée → Recevable", "candidature", "fire", "1", "declarer_recevable", "--as", "equipe@adullact.org", "--field", "mandat=Maire, vérifié en préfecture", "--field", "mandat_verifie=oui")
		must("Recevable → En instruction", "candidature", "fire", "1", "instruire", "--as", "equipe@adullact.org")
		must("Complément demandé", "candidature", "fire", "1", "demander_complement", "--as", "jury@adullact.org", "--comment", "Quel est votre portail ?")
		must("En instruction", "candidature", "fire", "1", "repondre_complement", "--as", "maire@exemple.fr", "--comment", "data.exemple.fr")
		mustFail("Aucune évaluation n’est assignée", "candidature", "fire", "1", "evaluer", "--as", "jury@adullact.org")
		must("Évaluée", "candidature", "fire", "1", "evaluer", "--as", "equipe@adullact.org", "--comment", "Jury réuni en séance plénière.")
		must("niveau suggéré", "candidature", "score", "1", "--as", "jury@adullact.org")
		must("Première candidature", "candidature", "diff", "1", "--as", "jury@adullact.org")
		mustFail("Réservé au jury", "candidature", "score", "1", "--as", "maire@exemple.fr")
		mustFail("Le niveau « 7 » ne peut pas être attribué", "candidature", "fire", "1", "deliberer", "--level", "7", "--motivation", "x")
		must("Délibérée", "candidature", "fire", "1", "deliberer", "--as", "equipe@adullact.org", "--level", "3",
			"--motivation", "Une commune engagée.", "--mention", "Candidature coup de cœur")
		must("Close → En instruction", "campaign", "instruct", "2026")
		must("En instruction → En délibération", "campaign", "deliberate", "2026")
		must(fr.Count(1, "candidature", "candidatures")+" publiée", "campaign", "publish", "2026")

		out := must("Publiée", "candidature", "show", "1")
		if !strings.Contains(out, "Niveau 3 — Confirmé") || !strings.Contains(out, "Une commune engagée.") {
			t.Errorf("show: %s", out)
		}
		history := must("Création", "candidature", "history", "1")
		order := []string{"Création", "Déposer la candidature", "Déclarer recevable", "Mettre en instruction", "Demander un complément",
			"« Quel est votre portail ? »", "Répondre au complément", "Terminer l’évaluation", "Enregistrer la décision", "Publier le résultat"}
		last := -1
		for _, step := range order {
			i := strings.Index(history, step)
			if i <= last {
				t.Fatalf("history out of order at %q:\n%s", step, history)
			}
			last = i
		}
		must("Ouvrir les candidatures", "campaign", "history", "2026")
		must("Modification des dates", "campaign", "history", "2026")
		must("Résultats publiés", "campaign", "show", "2026")
		must("2026  Résultats publiés", "campaign", "list")
	})
}

func TestWorkflowDiagramCommand(t *testing.T) {
	t.Parallel()
	code, stdout, _ := run(t, nil, "workflow", "diagram", "candidature", "--format", "mermaid")
	if code != 0 || !strings.Contains(stdout, "stateDiagram-v2") || !strings.Contains(stdout, "brouillon --> deposee : Déposer la candidature [elu]") {
		t.Errorf("mermaid: %d %s", code, stdout)
	}
	code, stdout, _ = run(t, nil, "workflow", "diagram", "campagne", "--format", "dot")
	if code != 0 || !strings.Contains(stdout, `"ouverte" -> "close" [label="Clore les dépôts [staff, system] ⏱"]`) {
		t.Errorf("dot: %d %s", code, stdout)
	}
	if code, _, _ := run(t, nil, "workflow", "diagram", "inexistant"); code != 2 {
		t.Errorf("unknown lifecycle: exit %d, want 2", code)
	}
	code, stdout, _ = run(t, nil, "workflow", "diagram", "visite")
	if code != 0 || !strings.Contains(stdout, "confirmee --> prise_en_charge : Je m’en occupe [ambassadeur]") || !strings.Contains(stdout, "Demander à l’équipe d’agir [system] ⏱") {
		t.Errorf("the visit requests' diagram: %d %s", code, stdout)
	}
	if code, _, _ := run(t, nil, "workflow", "diagram", "candidature", "--format", "svg"); code != 2 {
		t.Errorf("unknown format: exit %d, want 2", code)
	}
}
