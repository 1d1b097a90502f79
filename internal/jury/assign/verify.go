package assign

import (
	"errors"
	"fmt"
	"math/bits"
)

// ErrVerify is wrapped by every error of Verify.
var ErrVerify = errors.New("affectation non conforme")

// Verify checks r against p on its own, sharing no code with the solver:
// every pair is known, free of conflict, not repeated; no candidature gets
// more than its need, no juror more than its maximum; loads, costs,
// objective, kept, moved, dropped and unfilled are what the pairs give;
// the weights are those of the formulation. With optimal, it also checks
// the certificate: every arc of the flow network (each free pair, each
// candidature's unfilled arc, each juror's next and last load unit) meets
// complementary slackness, which proves that no assignment has a smaller
// objective.
func Verify(p *Problem, r *Result, optimal bool) error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w : %s", ErrVerify, fmt.Sprintf(format, args...))
	}
	nc, nj := len(p.Candidatures), len(p.Jurors)
	ci := make(map[int64]int, nc)
	for i, c := range p.Candidatures {
		ci[c.ID] = i
	}
	ji := make(map[int64]int, nj)
	for j, u := range p.Jurors {
		ji[u.ID] = j
	}
	conflict := newBits(nc * nj)
	for _, c := range p.Conflicts {
		i, ok1 := ci[c.Candidature]
		j, ok2 := ji[c.Juror]
		if !ok1 || !ok2 {
			return bad("conflit inconnu (%d, %d)", c.Candidature, c.Juror)
		}
		conflict.set(i*nj + j)
	}
	conflicts := conflict.count()
	prev := newBits(nc * nj)
	validPrev, dropped := 0, 0
	for _, pp := range p.Previous {
		i, ok1 := ci[pp.Candidature]
		j, ok2 := ji[pp.Juror]
		if !ok1 || !ok2 || conflict.get(i*nj+j) {
			dropped++
			continue
		}
		prev.set(i*nj + j)
		validPrev++
	}

	assigned := newBits(nc * nj)
	got := make([]int, nc)
	load := make([]int, nj)
	var cost Cost
	for _, pr := range r.Pairs {
		i, ok1 := ci[pr.Candidature]
		j, ok2 := ji[pr.Juror]
		switch {
		case !ok1 || !ok2:
			return bad("paire inconnue (%d, %d)", pr.Candidature, pr.Juror)
		case conflict.get(i*nj + j):
			return bad("paire en conflit (%d, %d)", pr.Candidature, pr.Juror)
		case assigned.get(i*nj + j):
			return bad("paire en double (%d, %d)", pr.Candidature, pr.Juror)
		}
		assigned.set(i*nj + j)
		got[i]++
		load[j]++
		cost.Preference += p.ProfileCost[j][p.Candidatures[i].Profile]
		if prev.get(i*nj + j) {
			cost.Kept++
		}
	}
	unfilled := 0
	for i, c := range p.Candidatures {
		if got[i] > c.Need {
			return bad("la candidature %d a %d jurés pour %d demandés", c.ID, got[i], c.Need)
		}
		if got[i] < c.Need {
			unfilled++
			cost.Unfilled += int64(c.Need - got[i])
		}
	}
	lmin, lmax := 0, 0
	for j, u := range p.Jurors {
		if u.Max > 0 && load[j] > u.Max {
			return bad("le juré %d a %d candidatures pour un maximum de %d", u.ID, load[j], u.Max)
		}
		if len(r.Loads) != nj || r.Loads[j] != load[j] {
			return bad("charge du juré %d mal rapportée", u.ID)
		}
		cost.Load += int64(load[j]) * int64(load[j]+1) / 2
		if j == 0 || load[j] < lmin {
			lmin = load[j]
		}
		if j == 0 || load[j] > lmax {
			lmax = load[j]
		}
	}
	switch {
	case lmin != r.LoadMin || lmax != r.LoadMax:
		return bad("charges extrêmes %d–%d rapportées %d–%d", lmin, lmax, r.LoadMin, r.LoadMax)
	case cost != r.Cost:
		return bad("coûts %+v rapportés %+v", cost, r.Cost)
	case int(cost.Kept) != r.Kept || validPrev-r.Kept != r.Moved:
		return bad("paires conservées %d et déplacées %d rapportées %d et %d", cost.Kept, validPrev-int(cost.Kept), r.Kept, r.Moved)
	case dropped != r.Dropped || len(r.DroppedPairs) != dropped:
		return bad("%d paires précédentes invalides, %d rapportées", dropped, r.Dropped)
	case conflicts != r.ConflictsExcluded:
		return bad("%d conflits, %d rapportés", conflicts, r.ConflictsExcluded)
	case unfilled != len(r.Unfilled):
		return bad("%d candidatures incomplètes, %d rapportées", unfilled, len(r.Unfilled))
	}
	for _, u := range r.Unfilled {
		i, ok := ci[u.Candidature]
		if !ok || got[i] != u.Assigned || p.Candidatures[i].Need != u.Need || got[i] >= u.Need {
			return bad("candidature incomplète %d mal rapportée", u.Candidature)
		}
	}

	w := formulationWeights(p, conflict)
	if w != r.Weights {
		return bad("poids %+v au lieu de %+v", r.Weights, w)
	}
	if cost.Objective(w) != r.Objective {
		return bad("objectif %d au lieu de %d", r.Objective, cost.Objective(w))
	}
	if !optimal {
		return nil
	}

	cert := r.Certificate
	if cert == nil || len(cert.Candidature) != nc || len(cert.Juror) != nj {
		return bad("certificat d’optimalité absent ou incomplet")
	}
	for j, u := range p.Jurors {
		base := cert.Juror[j] - cert.Sink
		if l := int64(load[j]); l > 0 && w.Load*l+base > 0 {
			return bad("le juré %d gagnerait à perdre sa %de candidature (coût réduit %d)", u.ID, l, w.Load*l+base)
		}
		if l := int64(load[j]); (u.Max == 0 || load[j] < u.Max) && w.Load*(l+1)+base < 0 {
			return bad("le juré %d gagnerait une candidature de plus (coût réduit %d)", u.ID, w.Load*(l+1)+base)
		}
	}
	for i, c := range p.Candidatures {
		pi := cert.Candidature[i]
		rd := w.Unfilled + pi - cert.Sink
		if c.Need-got[i] > 0 && rd > 0 {
			return bad("la candidature %d gagnerait un juré de plus (coût réduit %d)", c.ID, rd)
		}
		if got[i] > 0 && rd < 0 {
			return bad("la candidature %d gagnerait à perdre un juré (coût réduit %d)", c.ID, rd)
		}
		row := i * nj
		for j := range nj {
			if conflict.get(row + j) {
				continue
			}
			cij := p.ProfileCost[j][c.Profile]
			if prev.get(row + j) {
				cij -= w.Stability
			}
			rc := cij + pi - cert.Juror[j]
			if assigned.get(row+j) && rc > 0 {
				return bad("la paire (%d, %d) a un coût réduit %d > 0", c.ID, p.Jurors[j].ID, rc)
			}
			if !assigned.get(row+j) && rc < 0 {
				return bad("la paire libre (%d, %d) a un coût réduit %d < 0", c.ID, p.Jurors[j].ID, rc)
			}
		}
	}
	return nil
}

// formulationWeights restates the weights of the package documentation.
func formulationWeights(p *Problem, conflict bitset) Weights {
	nj := len(p.Jurors)
	used := map[int]bool{}
	active := 0
	for _, c := range p.Candidatures {
		if c.Need > 0 {
			used[c.Profile] = true
			active++
		}
	}
	var cmin, cmax int64
	first := true
	for _, row := range p.ProfileCost {
		for q, c := range row {
			if used[q] {
				if first || c < cmin {
					cmin = c
				}
				if first || c > cmax {
					cmax = c
				}
				first = false
			}
		}
	}
	var lcap int64
	for j, u := range p.Jurors {
		el := int64(0)
		for i, c := range p.Candidatures {
			if c.Need > 0 && !conflict.get(i*nj+j) {
				el++
			}
		}
		if u.Max > 0 {
			el = min(el, int64(u.Max))
		}
		lcap = max(lcap, el)
	}
	n := int64(nj)
	r := cmax - cmin
	b := n*r + 1
	w := n*(r+b) + 1
	m := w*(lcap+1) + (n+1)*(r+b+abs64(cmin)+abs64(cmax)) + 1
	return Weights{Unfilled: m, Load: w, Stability: b}
}

type bitset []uint64

func newBits(n int) bitset      { return make(bitset, (n+63)/64) }
func (b bitset) set(i int)      { b[i>>6] |= 1 << (i & 63) }
func (b bitset) get(i int) bool { return b[i>>6]&(1<<(i&63)) != 0 }
func (b bitset) count() (n int) {
	for _, x := range b {
		n += bits.OnesCount64(x)
	}
	return n
}
