package assign

// assignment holds the jurors of each candidature: candidature i owns
// jur[start[i] : start[i]+need_i], of which the first cnt[i] are used.
type assignment struct {
	start []int32
	cnt   []int32
	jur   []int32
}

func newAssignment(in *instance) assignment {
	a := assignment{start: make([]int32, in.nc+1), cnt: make([]int32, in.nc)}
	for i := range in.nc {
		a.start[i+1] = a.start[i] + in.need[i]
	}
	a.jur = make([]int32, a.start[in.nc])
	return a
}

func (a *assignment) of(i int32) []int32 { return a.jur[a.start[i] : a.start[i]+a.cnt[i]] }

func (a *assignment) has(i, j int32) bool {
	for _, x := range a.of(i) {
		if x == j {
			return true
		}
	}
	return false
}

func (a *assignment) add(i, j int32) {
	a.jur[a.start[i]+a.cnt[i]] = j
	a.cnt[i]++
}

func (a *assignment) remove(i, j int32) {
	js := a.of(i)
	for k, x := range js {
		if x == j {
			js[k] = js[len(js)-1]
			a.cnt[i]--
			return
		}
	}
}

// decomposer splits the flow of a group to each juror into pairs: a
// bipartite b-matching (members take at most Need jurors, each at most once;
// juror j takes exactly normal[j] members that did not have it before and
// bonus[j] members that did). A greedy pass (largest remaining demand
// first, which is round robin for identical members) does almost all of it;
// augmenting paths finish it, so it fails only when no split exists.
type decomposer struct {
	in            *instance
	normal, bonus []int64 // per juror, consumed by run
	mark          []int32 // per juror: stamp of the member being filled
	candSeen      []int32 // per candidature: BFS stamp
	slotSeen      []int32 // per slot 2j+t (t = 1 for bonus): BFS stamp
	slotCand      []int32 // BFS: member holding the slot that reached it
	slotFrom      []int32 // BFS: slot that member moves to
	queue         []int32
	order         []int32
	stamp         int32
}

func newDecomposer(in *instance) *decomposer {
	return &decomposer{
		in:       in,
		normal:   make([]int64, in.nj),
		bonus:    make([]int64, in.nj),
		mark:     make([]int32, in.nj),
		candSeen: make([]int32, in.nc),
		slotSeen: make([]int32, 2*in.nj),
		slotCand: make([]int32, 2*in.nj),
		slotFrom: make([]int32, 2*in.nj),
	}
}

func (d *decomposer) reset() {
	clear(d.normal)
	clear(d.bonus)
}

func (d *decomposer) next() int32 {
	d.stamp++
	return d.stamp
}

// run writes the pairs of g into a and reports whether the split succeeded.
func (d *decomposer) run(g *group, a *assignment) bool {
	in := d.in
	for _, i := range g.cands {
		a.cnt[i] = 0
	}
	// Previous pairs first: they are the only way to meet bonus demands.
	for _, i := range g.cands {
		for _, j := range in.previous(int(i)) {
			if d.bonus[j] > 0 && a.cnt[i] < in.need[i] {
				a.add(i, j)
				d.bonus[j]--
			}
		}
	}
	// Most conflicted members first, each taking the jurors with the
	// largest remaining demand.
	d.order = append(d.order[:0], g.cands...)
	sortByConflicts(in, d.order)
	var top [8]int32
	for _, i := range d.order {
		r := int(in.need[i] - a.cnt[i])
		if r <= 0 {
			continue
		}
		st := d.next()
		for _, j := range in.conflicts(int(i)) {
			d.mark[j] = st
		}
		for _, j := range in.previous(int(i)) {
			d.mark[j] = st
		}
		for _, j := range a.of(i) {
			d.mark[j] = st
		}
		best := top[:0]
		if r > len(top) {
			best = make([]int32, 0, r)
		}
		for j := range int32(in.nj) {
			if d.normal[j] == 0 || d.mark[j] == st {
				continue
			}
			if len(best) == r && d.normal[best[r-1]] >= d.normal[j] {
				continue
			}
			if len(best) < r {
				best = append(best, j)
			} else {
				best[r-1] = j
			}
			for k := len(best) - 1; k > 0 && d.normal[best[k]] > d.normal[best[k-1]]; k-- {
				best[k], best[k-1] = best[k-1], best[k]
			}
		}
		for _, j := range best {
			a.add(i, j)
			d.normal[j]--
		}
	}
	// Augmenting paths for what is left.
	for j := range int32(in.nj) {
		for d.normal[j] > 0 {
			if !d.augment(g, a, 2*j) {
				return false
			}
			d.normal[j]--
		}
		for d.bonus[j] > 0 {
			if !d.augment(g, a, 2*j+1) {
				return false
			}
			d.bonus[j]--
		}
	}
	return true
}

// fits reports whether member i may fill slot s (juror s/2, bonus if s is
// odd) and does not hold that juror yet.
func (d *decomposer) fits(a *assignment, i, s int32) bool {
	j := s / 2
	if d.in.wasPrevious(int(i), int(j)) != (s%2 == 1) {
		return false
	}
	return !d.in.conflicted(int(i), int(j)) && !a.has(i, j)
}

// slot is the slot member i fills with juror j.
func (d *decomposer) slot(i, j int32) int32 {
	if d.in.wasPrevious(int(i), int(j)) {
		return 2*j + 1
	}
	return 2 * j
}

// augment fills one unit of slot s0 along a shortest alternating path:
// s0 ← i1 (which leaves s1) ← i2 (which leaves s2) … ← ik with room.
func (d *decomposer) augment(g *group, a *assignment, s0 int32) bool {
	in := d.in
	st := d.next()
	d.queue = append(d.queue[:0], s0)
	d.slotSeen[s0] = st
	for qi := 0; qi < len(d.queue); qi++ {
		s := d.queue[qi]
		for _, i := range g.cands {
			if d.candSeen[i] == st || !d.fits(a, i, s) {
				continue
			}
			d.candSeen[i] = st
			if a.cnt[i] < in.need[i] {
				for cur, cs := i, s; ; {
					a.add(cur, cs/2)
					if cs == s0 {
						return true
					}
					holder, to := d.slotCand[cs], d.slotFrom[cs]
					a.remove(holder, cs/2)
					cur, cs = holder, to
				}
			}
			for _, j := range a.of(i) {
				t := d.slot(i, j)
				if d.slotSeen[t] != st {
					d.slotSeen[t] = st
					d.slotCand[t] = i
					d.slotFrom[t] = s
					d.queue = append(d.queue, t)
				}
			}
		}
	}
	return false
}

// sortByConflicts orders candidatures by decreasing number of conflicts,
// keeping the given order among equals.
func sortByConflicts(in *instance, cs []int32) {
	n := func(i int32) int { return int(in.confStart[i+1] - in.confStart[i]) }
	// Counting sort: conflict counts are small.
	maxN := 0
	for _, i := range cs {
		maxN = max(maxN, n(i))
	}
	buckets := make([]int, maxN+2)
	for _, i := range cs {
		buckets[maxN-n(i)+1]++
	}
	for k := 1; k < len(buckets); k++ {
		buckets[k] += buckets[k-1]
	}
	out := make([]int32, len(cs))
	for _, i := range cs {
		k := maxN - n(i)
		out[buckets[k]] = i
		buckets[k]++
	}
	copy(cs, out)
}
