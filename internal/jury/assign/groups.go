package assign

import (
	"encoding/binary"
	"slices"
)

// Grouping levels. A group gathers candidatures of one profile; its flow to
// each juror is bounded by the number of its members that juror may take
// (normal arc) or had before (bonus arc). Members of a level-2 group are
// identical, so any group flow splits into pairs (round robin): the
// aggregation is exact. Lower levels are relaxations, exact whenever the
// split succeeds; when it fails the group is split one level further.
const (
	levelPooled   int8 = iota // same profile
	levelConflict             // same profile, need and conflicts
	levelExact                // same profile, need, conflicts and previous jurors
)

type group struct {
	prof   int32
	level  int8
	cands  []int32
	supply int64
}

// key is the grouping key of candidature i at a level.
func (in *instance) key(buf []byte, i int, level int8) []byte {
	buf = binary.AppendUvarint(buf[:0], uint64(in.prof[i]))
	if level == levelPooled {
		return buf
	}
	buf = binary.AppendUvarint(buf, uint64(in.need[i]))
	buf = binary.AppendUvarint(buf, uint64(len(in.conflicts(i))))
	for _, j := range in.conflicts(i) {
		buf = binary.AppendUvarint(buf, uint64(j))
	}
	if level == levelConflict {
		return buf
	}
	for _, j := range in.previous(i) {
		buf = binary.AppendUvarint(buf, uint64(j))
	}
	return buf
}

// initialGroups puts candidatures whose profile, need and conflicts are
// shared by another one into exact-conflict groups (clustered conflicts make
// many such), and pools the others by profile (random conflicts make them
// unique, and the relaxation is then almost always exact).
func initialGroups(in *instance, smallPool int64) []group {
	var buf []byte
	count := map[string]int{}
	for i := range in.nc {
		if in.need[i] > 0 {
			count[string(in.key(buf, i, levelConflict))]++
		}
	}
	var gs []group
	index := map[string]int{}
	for i := range in.nc {
		if in.need[i] == 0 {
			continue
		}
		level := levelConflict
		k := in.key(buf, i, levelConflict)
		if count[string(k)] < 2 {
			level = levelPooled
			k = in.key(buf, i, levelPooled)
		}
		ks := string(append([]byte{byte(level)}, k...))
		g, ok := index[ks]
		if !ok {
			g = len(gs)
			index[ks] = g
			gs = append(gs, group{prof: in.prof[i], level: level})
		}
		gs[g].cands = append(gs[g].cands, int32(i))
		gs[g].supply += int64(in.need[i])
	}
	// A pool smaller than twice the average load tends to be taken whole
	// by the few jurors who want its profile, and then often fails to split
	// into pairs: group it by conflicts from the start rather than solve
	// again (measured at full scale: 1 round instead of 3 or 4).
	small := smallPool
	if small < 0 {
		var flow int64
		for i := range in.nc {
			flow += int64(in.need[i])
		}
		small = 2 * flow / int64(max(in.nj, 1))
	}
	out := gs[:0:0]
	for _, g := range gs {
		if g.level == levelPooled && int64(len(g.cands)) < small {
			out = append(out, split(in, g)...)
		} else {
			out = append(out, g)
		}
	}
	return out
}

// split regroups the members of g one level further.
func split(in *instance, g group) []group {
	level := g.level + 1
	var buf []byte
	var gs []group
	index := map[string]int{}
	for _, i := range g.cands {
		k := string(in.key(buf, int(i), level))
		n, ok := index[k]
		if !ok {
			n = len(gs)
			index[k] = n
			gs = append(gs, group{prof: g.prof, level: level})
		}
		gs[n].cands = append(gs[n].cands, i)
		gs[n].supply += int64(in.need[i])
	}
	slices.SortFunc(gs, func(a, b group) int { return int(a.cands[0] - b.cands[0]) })
	return gs
}
