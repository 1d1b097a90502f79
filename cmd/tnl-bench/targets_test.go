package main

import "testing"

func metOf(ts []target, name string) (met, measured bool) {
	for _, t := range ts {
		if t.Name == name {
			if t.Met == nil {
				return false, false
			}
			return *t.Met, true
		}
	}
	return false, false
}

// Targets are checked against what the run measured, and only there.
func TestEvaluateTargets(t *testing.T) {
	r := &runReport{Database: "postgres", Clients: 64, Collectivites: 36359, ImportS: 1.5,
		Load:    &loadResult{PeakRSS: 120 << 20, Ops: map[string]opStats{"save": {Count: 10, P99: 12}}, SubmissionsPerSec: 20, SavesPerSec: 1000},
		Staff:   &staffResult{Recevable: &apiResult{}, PDF: &pdfResult{Available: true, Dossiers: 36359, Seconds: 30}},
		PGBench: &pgbenchResult{TPS: 4000}, Ratios: &ratios{SubmissionsPerTPS: 0.005, SavesPerTPS: 0.25}}
	ts := evaluateTargets(r)
	for name, want := range map[string]bool{
		"dépôts/s ÷ TPS pgbench":                false,
		"p99 d’un enregistrement de réponse":    false,
		"erreurs":                               true,
		"RSS max du serveur pendant les dépôts": true,
		"import des territoires":                true,
		"tous les dossiers en PDF":              true,
	} {
		if met, measured := metOf(ts, name); !measured || met != want {
			t.Errorf("%s: met %v (measured %v), want %v", name, met, measured, want)
		}
	}
	if failed([]*runReport{r}) {
		t.Error("slow figures failed the run")
	}
	// Fewer clients or dossiers than the goals say: shown, not judged.
	r.Clients, r.Staff.PDF.Dossiers = 16, 2000
	ts = evaluateTargets(r)
	for _, name := range []string{"p99 d’un enregistrement de réponse", "tous les dossiers en PDF"} {
		if _, measured := metOf(ts, name); measured {
			t.Errorf("%s judged on a smaller run", name)
		}
	}
	// One failed request fails the run.
	r.Staff.Recevable.Errors = 1
	r.Targets = evaluateTargets(r)
	if met, _ := metOf(r.Targets, "erreurs"); met || !failed([]*runReport{r}) {
		t.Error("an error did not fail the run")
	}
}
