package assign

import (
	"math/rand/v2"
)

// Kinds of collectivité in generated problems; profile = région·kinds + kind.
const (
	kindCommune = iota
	kindEPCI
	kindDepartement
	kindRegion
	kindOther // syndicats and other groupings, attached to an EPCI
	kinds
)

const regions = 18

// genConfig describes a generated edition.
type genConfig struct {
	candidatures, jurors, need int
	conflictRate               float64 // share of conflicted pairs
	uniform                    bool    // conflicts drawn pair by pair instead of clustered
	seed                       uint64
}

// territory is a synthetic France: régions, départements, EPCI, communes.
type territory struct {
	kind, region, dept, epci []int32 // per candidature; -1 when not applicable
	epciMembers              [][]int32
	deptMembers              [][]int32
	regionMembers            [][]int32
	communes                 []int32
}

// newTerritory lays out n candidatures like the real collectivités: 18
// régions, 101 départements, 1 254 EPCI, about 1 000 other groupings and
// the rest communes, EPCI of very uneven sizes.
func newTerritory(r *rand.Rand, n int) *territory {
	nd := min(101, max(1, n/360))
	ne := min(1254, max(1, n/29))
	no := min(1000, n/36)
	nr := min(regions, n)
	t := &territory{epciMembers: make([][]int32, ne), deptMembers: make([][]int32, nd), regionMembers: make([][]int32, nr)}
	add := func(kind, region, dept, epci int) int32 {
		id := int32(len(t.kind))
		t.kind = append(t.kind, int32(kind))
		t.region = append(t.region, int32(region))
		t.dept = append(t.dept, int32(dept))
		t.epci = append(t.epci, int32(epci))
		return id
	}
	deptRegion := make([]int, nd)
	for d := range nd {
		deptRegion[d] = d % nr
	}
	epciDept := make([]int, ne)
	weight := make([]float64, ne)
	for e := range ne {
		epciDept[e] = r.IntN(nd)
		weight[e] = r.ExpFloat64() // a few big EPCI, many small ones
	}
	for g := range nr {
		t.regionMembers[g] = append(t.regionMembers[g], add(kindRegion, g, -1, -1))
	}
	for d := range nd {
		id := add(kindDepartement, deptRegion[d], d, -1)
		t.deptMembers[d] = append(t.deptMembers[d], id)
		t.regionMembers[deptRegion[d]] = append(t.regionMembers[deptRegion[d]], id)
	}
	cum := make([]float64, ne)
	total := 0.0
	for e := range ne {
		d := epciDept[e]
		id := add(kindEPCI, deptRegion[d], d, e)
		t.epciMembers[e] = append(t.epciMembers[e], id)
		total += weight[e]
		cum[e] = total
	}
	for len(t.kind) < n {
		e := min(ne-1, searchFloat(cum, r.Float64()*total))
		if len(t.kind) >= n-no {
			e = r.IntN(ne)
		}
		d := epciDept[e]
		kind := kindCommune
		if len(t.kind) >= n-no {
			kind = kindOther
		}
		id := add(kind, deptRegion[d], d, e)
		t.epciMembers[e] = append(t.epciMembers[e], id)
		if kind == kindCommune {
			t.communes = append(t.communes, id)
		}
	}
	t.kind, t.region, t.dept, t.epci = t.kind[:n], t.region[:n], t.dept[:n], t.epci[:n]
	return t
}

func searchFloat(a []float64, x float64) int {
	lo, hi := 0, len(a)
	for lo < hi {
		m := (lo + hi) / 2
		if a[m] < x {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// generate builds a problem: jurors want a few profiles (cost −1 to −5)
// and avoid a few (+1 to +5); conflicts either follow links to communes
// (the commune, its EPCI and the EPCI's other members, its département
// and its région) until the share is reached, or are drawn uniformly.
func generate(cfg genConfig) *Problem {
	r := rand.New(rand.NewPCG(cfg.seed, 0x7e1))
	t := newTerritory(r, cfg.candidatures)
	p := &Problem{}
	np := regions * kinds
	for i := range cfg.candidatures {
		p.Candidatures = append(p.Candidatures, Candidature{ID: int64(1 + i), Need: cfg.need, Profile: int(t.region[i])*kinds + int(t.kind[i])})
	}
	for j := range cfg.jurors {
		p.Jurors = append(p.Jurors, Juror{ID: int64(100_001 + j)})
		row := make([]int64, np)
		for range 3 {
			row[r.IntN(np)] = -1 - r.Int64N(5)
		}
		for range 2 {
			row[r.IntN(np)] = 1 + r.Int64N(5)
		}
		p.ProfileCost = append(p.ProfileCost, row)
	}
	target := int(cfg.conflictRate * float64(cfg.candidatures))
	if cfg.uniform {
		for i := range cfg.candidatures {
			for j := range cfg.jurors {
				if r.Float64() < cfg.conflictRate {
					p.Conflicts = append(p.Conflicts, Pair{int64(1 + i), int64(100_001 + j)})
				}
			}
		}
		return p
	}
	seen := make([]int32, cfg.candidatures)
	for j := range cfg.jurors {
		stamp := int32(j + 1)
		home := r.IntN(regions)
		n := 0
		mark := func(ids []int32) {
			for _, i := range ids {
				if seen[i] != stamp {
					seen[i] = stamp
					n++
					p.Conflicts = append(p.Conflicts, Pair{int64(1 + i), int64(100_001 + j)})
				}
			}
		}
		for tries := 0; n < target && tries < 10*target+100 && len(t.communes) > 0; tries++ {
			c := t.communes[r.IntN(len(t.communes))]
			if int(t.region[c]) != home && r.IntN(4) != 0 {
				continue // three links out of four in the juror's home région
			}
			mark(t.epciMembers[t.epci[c]])
			mark(t.deptMembers[t.dept[c]])
			mark(t.regionMembers[t.region[c]][:1])
		}
	}
	return p
}

// withPrevious returns a copy of p whose previous assignment is r's.
func withPrevious(p *Problem, r *Result) *Problem {
	q := *p
	q.Previous = append([]Pair(nil), r.Pairs...)
	return &q
}

// withoutJuror returns a copy of p without juror j and its conflicts.
func withoutJuror(p *Problem, j int) *Problem {
	q := *p
	id := p.Jurors[j].ID
	q.Jurors = append(append([]Juror(nil), p.Jurors[:j]...), p.Jurors[j+1:]...)
	q.ProfileCost = append(append([][]int64(nil), p.ProfileCost[:j]...), p.ProfileCost[j+1:]...)
	q.Conflicts = nil
	for _, c := range p.Conflicts {
		if c.Juror != id {
			q.Conflicts = append(q.Conflicts, c)
		}
	}
	return &q
}
