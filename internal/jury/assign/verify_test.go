package assign

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
)

func cloneResult(r *Result) *Result {
	c := *r
	c.Pairs = slices.Clone(r.Pairs)
	c.Loads = slices.Clone(r.Loads)
	c.Unfilled = slices.Clone(r.Unfilled)
	cert := *r.Certificate
	cert.Candidature = slices.Clone(cert.Candidature)
	cert.Juror = slices.Clone(cert.Juror)
	c.Certificate = &cert
	return &c
}

// TestVerifyRejects tampers with a certified result in every way Verify
// must notice.
func TestVerifyRejects(t *testing.T) {
	t.Parallel()
	p := generate(genConfig{candidatures: 60, jurors: 8, need: 3, conflictRate: 0.05, seed: 4})
	p.Jurors[0].Max = 12
	good, err := Solve(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	if err := Verify(p, good, true); err != nil {
		t.Fatal(err)
	}
	if len(p.Conflicts) == 0 {
		t.Fatal("the instance needs conflicts")
	}
	cases := []struct {
		name   string
		tamper func(r *Result)
		want   string
	}{
		{"conflicted pair", func(r *Result) { r.Pairs[0] = p.Conflicts[0] }, "conflit"},
		{"repeated pair", func(r *Result) { r.Pairs[1] = r.Pairs[0] }, "double"},
		{"unknown juror", func(r *Result) { r.Pairs[0].Juror = -1 }, "inconnue"},
		{"wrong objective", func(r *Result) { r.Objective++ }, "objectif"},
		{"wrong weights", func(r *Result) { r.Weights.Load++ }, "poids"},
		{"wrong loads", func(r *Result) { r.LoadMax++ }, "extrêmes"},
		{"wrong moved", func(r *Result) { r.Moved++ }, "déplacées"},
		{"no certificate", func(r *Result) { r.Certificate = nil }, "certificat"},
		{"shifted juror potential", func(r *Result) { r.Certificate.Juror[3] += r.Weights.Unfilled }, "coût réduit"},
		{"shifted candidature potential", func(r *Result) { r.Certificate.Candidature[5] -= r.Weights.Unfilled }, "coût réduit"},
		{"juror above its maximum", func(r *Result) {
			id := p.Jurors[0].ID
			has := map[int64]bool{}
			for _, pr := range r.Pairs {
				has[pr.Candidature] = has[pr.Candidature] || pr.Juror == id
			}
			for _, c := range p.Conflicts {
				if c.Juror == id {
					has[c.Candidature] = true
				}
			}
			for i, pr := range r.Pairs {
				if !has[pr.Candidature] && r.Loads[0] <= 12 {
					has[pr.Candidature] = true
					r.Pairs[i].Juror = id
					r.Loads[0]++
				}
			}
		}, "maximum"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			bad := cloneResult(good)
			tc.tamper(bad)
			err := Verify(p, bad, true)
			if !errors.Is(err, ErrVerify) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Verify: %v, want an error about %q", err, tc.want)
			}
		})
	}
}

// TestVerifyRejectsGreedy: the greedy assignment of a problem with
// preferences is not optimal, and no certificate can say otherwise.
func TestVerifyRejectsGreedy(t *testing.T) {
	t.Parallel()
	p := generate(genConfig{candidatures: 300, jurors: 20, need: 3, conflictRate: 0.02, seed: 5})
	opt := solveVerified(t, p)
	g, err := Greedy(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := Verify(p, g, false); err != nil {
		t.Fatalf("the greedy assignment breaks a constraint: %v", err)
	}
	if g.Objective <= opt.Objective {
		t.Fatalf("greedy %d is not worse than the optimum %d", g.Objective, opt.Objective)
	}
	g.Certificate = opt.Certificate
	if err := Verify(p, g, true); !errors.Is(err, ErrVerify) {
		t.Fatalf("Verify accepted the greedy assignment as optimal: %v", err)
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	base := func() *Problem {
		return &Problem{
			Candidatures: []Candidature{{ID: 1, Need: 3}, {ID: 2, Need: 3, Profile: 1}},
			Jurors:       []Juror{{ID: 10}, {ID: 11, Max: 2}},
			ProfileCost:  [][]int64{{0, 1}, {-1, 0}},
		}
	}
	cases := []struct {
		name   string
		change func(p *Problem)
		want   string
	}{
		{"duplicate candidature", func(p *Problem) { p.Candidatures[1].ID = 1 }, "candidature 1 en double"},
		{"duplicate juror", func(p *Problem) { p.Jurors[1].ID = 10 }, "juré 10 en double"},
		{"negative need", func(p *Problem) { p.Candidatures[0].Need = -1 }, "demande -1"},
		{"negative maximum", func(p *Problem) { p.Jurors[0].Max = -2 }, "négative"},
		{"profile out of range", func(p *Problem) { p.Candidatures[0].Profile = 2 }, "profil 2"},
		{"cost rows", func(p *Problem) { p.ProfileCost = p.ProfileCost[:1] }, "lignes"},
		{"ragged costs", func(p *Problem) { p.ProfileCost[1] = []int64{0} }, "profils au lieu"},
		{"cost too large", func(p *Problem) { p.ProfileCost[0][0] = MaxPreferenceCost + 1 }, "hors de"},
		{"conflict with unknown juror", func(p *Problem) { p.Conflicts = []Pair{{1, 12}} }, "juré inconnu"},
		{"conflict with unknown candidature", func(p *Problem) { p.Conflicts = []Pair{{3, 10}} }, "candidature inconnue"},
		{"duplicate previous pair", func(p *Problem) { p.Previous = []Pair{{1, 10}, {1, 10}} }, "précédente en double"},
		{"nil problem", nil, "aucun"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var p *Problem
			if tc.change != nil {
				p = base()
				tc.change(p)
			}
			_, err := Solve(context.Background(), p)
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Solve: %v, want an error about %q", err, tc.want)
			}
			if _, err := Greedy(p); !errors.Is(err, ErrInvalid) {
				t.Fatalf("Greedy: %v", err)
			}
		})
	}
	// Repeated conflicts are one conflict; an empty problem is valid.
	p := base()
	p.Conflicts = []Pair{{1, 10}, {1, 10}}
	if r := solveVerified(t, p); r.ConflictsExcluded != 1 {
		t.Fatalf("%d conflicts excluded, want 1", r.ConflictsExcluded)
	}
	if r := solveVerified(t, &Problem{}); len(r.Pairs) != 0 {
		t.Fatalf("pairs for an empty problem: %v", r.Pairs)
	}
}

// TestWeightsOverflow: a preference spread too wide for the jury's size
// makes dominating weights exceed 64 bits, which Solve reports.
func TestWeightsOverflow(t *testing.T) {
	t.Parallel()
	p := &Problem{}
	for j := range 1000 {
		p.Jurors = append(p.Jurors, Juror{ID: int64(j)})
		p.ProfileCost = append(p.ProfileCost, []int64{MaxPreferenceCost * int64(1-2*(j%2))})
	}
	for i := range 2000 {
		p.Candidatures = append(p.Candidatures, Candidature{ID: int64(i), Need: 1})
	}
	_, err := Solve(context.Background(), p)
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "64 bits") {
		t.Fatalf("Solve: %v", err)
	}
	p.ProfileCost[0][0], p.ProfileCost[1][0] = 10, -10
	for j := 2; j < len(p.ProfileCost); j++ {
		p.ProfileCost[j][0] = 0
	}
	if _, err := Solve(context.Background(), p); err != nil {
		t.Fatalf("Solve with a narrow spread: %v", err)
	}
}
