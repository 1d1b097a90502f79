package assign

import (
	"math"
	"slices"
)

// instance is a validated Problem with dense indices: candidatures 0..nc-1
// and jurors 0..nj-1 in the order of the Problem.
type instance struct {
	p        *Problem
	nc, nj   int
	np       int     // number of profiles
	need     []int32 // per candidature
	prof     []int32 // per candidature
	capF     []int64 // per juror: Max, or noMax
	eligible []int32 // per juror: candidatures with Need > 0 it may evaluate

	// Conflicted jurors of each candidature, sorted (CSR).
	confStart []int32
	confJ     []int32
	// Valid previous jurors of each candidature, sorted (CSR).
	prevStart []int32
	prevJ     []int32

	conflictsExcluded int
	dropped           []DroppedPair
	w                 Weights
	art               int64 // cost of the simplex's artificial arcs
}

// noMax stands for a juror without a maximum load.
const noMax = math.MaxInt64

func (in *instance) conflicts(i int) []int32 { return in.confJ[in.confStart[i]:in.confStart[i+1]] }
func (in *instance) previous(i int) []int32  { return in.prevJ[in.prevStart[i]:in.prevStart[i+1]] }

// conflicted reports whether candidature i and juror j are conflicted.
func (in *instance) conflicted(i, j int) bool {
	_, ok := slices.BinarySearch(in.conflicts(i), int32(j))
	return ok
}

// wasPrevious reports whether (i, j) is a valid previous pair.
func (in *instance) wasPrevious(i, j int) bool {
	_, ok := slices.BinarySearch(in.previous(i), int32(j))
	return ok
}

// pairCost is the cost of assigning juror j to candidature i: its
// preference, minus the stability bonus on a valid previous pair.
func (in *instance) pairCost(i, j int) int64 {
	c := in.p.ProfileCost[j][in.prof[i]]
	if in.wasPrevious(i, j) {
		c -= in.w.Stability
	}
	return c
}

// newInstance validates p and indexes it.
func newInstance(p *Problem) (*instance, error) {
	if p == nil {
		return nil, invalid("aucun problème fourni")
	}
	in := &instance{p: p, nc: len(p.Candidatures), nj: len(p.Jurors)}
	if len(p.ProfileCost) != in.nj {
		return nil, invalid("ProfileCost a %d lignes pour %d jurés", len(p.ProfileCost), in.nj)
	}
	if in.nj > 0 {
		in.np = len(p.ProfileCost[0])
	}
	for j, row := range p.ProfileCost {
		if len(row) != in.np {
			return nil, invalid("la ligne %d de ProfileCost a %d profils au lieu de %d", j, len(row), in.np)
		}
		for q, c := range row {
			if c > MaxPreferenceCost || c < -MaxPreferenceCost {
				return nil, invalid("coût %d du juré %d pour le profil %d hors de ±%d", c, p.Jurors[j].ID, q, MaxPreferenceCost)
			}
		}
	}
	ci := make(map[int64]int32, in.nc)
	in.need = make([]int32, in.nc)
	in.prof = make([]int32, in.nc)
	for i, c := range p.Candidatures {
		if _, dup := ci[c.ID]; dup {
			return nil, invalid("candidature %d en double", c.ID)
		}
		ci[c.ID] = int32(i)
		if c.Need < 0 {
			return nil, invalid("la candidature %d demande %d jurés", c.ID, c.Need)
		}
		// Without jurors there is no cost row to say how many profiles exist.
		if c.Need > 0 && (c.Profile < 0 || c.Profile >= in.np && in.nj > 0) {
			return nil, invalid("la candidature %d a le profil %d, hors de 0 à %d", c.ID, c.Profile, in.np-1)
		}
		if in.nj == 0 && c.Need > 0 {
			in.np = max(in.np, c.Profile+1)
		}
		if c.Need > math.MaxInt32 {
			return nil, invalid("la candidature %d demande trop de jurés", c.ID)
		}
		in.need[i] = int32(c.Need)
		in.prof[i] = int32(max(c.Profile, 0))
	}
	ji := make(map[int64]int32, in.nj)
	in.capF = make([]int64, in.nj)
	for j, u := range p.Jurors {
		if _, dup := ji[u.ID]; dup {
			return nil, invalid("juré %d en double", u.ID)
		}
		ji[u.ID] = int32(j)
		if u.Max < 0 {
			return nil, invalid("le juré %d a une charge maximale négative (%d)", u.ID, u.Max)
		}
		in.capF[j] = noMax
		if u.Max > 0 {
			in.capF[j] = int64(u.Max)
		}
	}

	// Conflicts: CSR by candidature, sorted, without duplicates.
	cnt := make([]int32, in.nc+1)
	type ij struct{ i, j int32 }
	conf := make([]ij, 0, len(p.Conflicts))
	for _, c := range p.Conflicts {
		i, ok := ci[c.Candidature]
		if !ok {
			return nil, invalid("conflit avec une candidature inconnue (%d)", c.Candidature)
		}
		j, ok := ji[c.Juror]
		if !ok {
			return nil, invalid("conflit avec un juré inconnu (%d)", c.Juror)
		}
		conf = append(conf, ij{i, j})
		cnt[i+1]++
	}
	in.confStart, in.confJ = csr(cnt, len(conf), func(put func(i, j int32)) {
		for _, c := range conf {
			put(c.i, c.j)
		}
	})
	in.conflictsExcluded = len(in.confJ)

	// Previous pairs: keep the valid ones, report the others.
	clear(cnt)
	prev := make([]ij, 0, len(p.Previous))
	seen := make(map[Pair]struct{}, len(p.Previous))
	for _, pp := range p.Previous {
		if _, dup := seen[pp]; dup {
			return nil, invalid("paire précédente en double (candidature %d, juré %d)", pp.Candidature, pp.Juror)
		}
		seen[pp] = struct{}{}
		i, okc := ci[pp.Candidature]
		j, okj := ji[pp.Juror]
		switch {
		case !okc:
			in.dropped = append(in.dropped, DroppedPair{pp, DropCandidatureGone})
		case !okj:
			in.dropped = append(in.dropped, DroppedPair{pp, DropJurorGone})
		case in.conflicted(int(i), int(j)):
			in.dropped = append(in.dropped, DroppedPair{pp, DropConflict})
		default:
			prev = append(prev, ij{i, j})
			cnt[i+1]++
		}
	}
	in.prevStart, in.prevJ = csr(cnt, len(prev), func(put func(i, j int32)) {
		for _, c := range prev {
			put(c.i, c.j)
		}
	})

	in.eligible = make([]int32, in.nj)
	active := 0
	for i := range in.nc {
		if in.need[i] == 0 {
			continue
		}
		active++
		for _, j := range in.conflicts(i) {
			in.eligible[j]--
		}
	}
	for j := range in.eligible {
		in.eligible[j] += int32(active)
	}
	w, art, err := weightsFor(in)
	if err != nil {
		return nil, err
	}
	in.w, in.art = w, art
	return in, nil
}

// csr builds a compressed sparse row structure from per-row counts (cnt[i+1]
// is the count of row i): rows sorted, duplicates removed.
func csr(cnt []int32, total int, fill func(put func(i, j int32))) (start, col []int32) {
	n := len(cnt) - 1
	start = make([]int32, n+1)
	for i := range n {
		start[i+1] = start[i] + cnt[i+1]
	}
	col = make([]int32, total)
	pos := slices.Clone(start[:n])
	fill(func(i, j int32) {
		col[pos[i]] = j
		pos[i]++
	})
	// Sort and deduplicate each row in place, then compact.
	out := int32(0)
	for i := range n {
		row := col[start[i]:start[i+1]]
		slices.Sort(row)
		row = slices.Compact(row)
		start[i] = out
		out += int32(copy(col[out:], row))
	}
	start[n] = out
	return start, col[:out:out]
}
