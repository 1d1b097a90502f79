// Package aggregate combines the jurors' evaluations of a campaign's
// candidatures: per candidature, per theme and overall, the median, mean
// and spread of the scores, the disagreements (a spread of 2 points or
// more on a theme, or of 2 levels or more between the levels proposed),
// every juror's scores normalised against that juror's own habits, and a
// suggested level that says in French how it was reached. It is pure
// computation: the jury service loads the figures and shows the results.
//
// # Normalisation
//
// A juror who scores everything high, or low, or always in the middle,
// shifts every candidature they evaluate. For each dimension (each theme,
// and the overall score), let μ_j and σ_j be the mean and standard
// deviation of juror j's scores over all their submitted evaluations of
// the campaign, and μ and σ those of every evaluation. A score x of juror
// j becomes
//
//	x' = μ + (x − μ_j) / σ_j · σ
//
// (a z-score over the juror's habits, brought back to the scale), clamped
// to the scale. A juror with fewer than MinHabits evaluations keeps raw
// scores (their habits are not known); one whose scores never vary (σ_j =
// 0) is only shifted: x' = μ + (x − μ_j). The normalised figures are shown
// beside the raw ones; the suggested level does not use them.
//
// # Suggested level
//
// The median of the levels the jurors proposed, each weighted by the
// juror's confidence (low 1, medium 2, high 3; the lower median when the
// weights split evenly). Without any submitted evaluation, the
// questionnaire's automatic level. The explanation names the levels
// proposed, says when the proposals disagree, and compares with the
// automatic level and the normalised overall score.
package aggregate

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/adullact/tnl/internal/fr"
)

// MinHabits is the number of evaluations from which a juror's scores are
// normalised.
const MinHabits = 3

// DisagreementSpread is the spread (max − min) of a theme's scores, or of
// the levels proposed, from which the jurors disagree.
const DisagreementSpread = 2

// Theme is a dimension of the scores: a theme of the grid, or the overall
// score.
type Theme struct {
	Key, Label string
	Min, Max   float64
}

// Level is a level of the award scheme.
type Level struct {
	Value int
	Label string
}

// Evaluation is one juror's submitted evaluation.
type Evaluation struct {
	Juror int64
	// Themes are the theme averages in the order of Input.Themes (NaN: not
	// scored).
	Themes  []float64
	Overall float64
	// Level is the level proposed (0: none), Confidence "faible",
	// "moyenne" or "elevee".
	Level      int
	Confidence string
}

// Automatic is the questionnaire's automatic score of a candidature.
type Automatic struct {
	Known      bool
	Total, Max float64
	Level      int
}

// Candidature is what is aggregated of one candidature.
type Candidature struct {
	ID          int64
	Evaluations []Evaluation
	Automatic   Automatic
}

// Input is a campaign's figures.
type Input struct {
	Themes       []Theme
	Overall      Theme
	Levels       []Level
	Candidatures []Candidature
}

// Stat summarises scores.
type Stat struct {
	N                  int
	Median, Mean       float64
	Min, Max, Spread   float64
	NormMedian         float64 // median of the normalised scores
	NormMean           float64
	Disagree           bool // spread ≥ DisagreementSpread
	HasNormalisedScore bool
}

// Score is one juror's score, raw and normalised.
type Score struct {
	Raw, Normalised float64
	Known           bool
}

// JurorFigures are one juror's figures on a candidature.
type JurorFigures struct {
	Juror      int64
	Themes     []Score
	Overall    Score
	Level      int
	Confidence string
	// Normalised: the juror's scores were corrected for their habits.
	Normalised bool
}

// Result is the aggregate of one candidature.
type Result struct {
	ID        int64
	Themes    []Stat
	Overall   Stat
	Levels    Stat // of the levels proposed
	Jurors    []JurorFigures
	Automatic Automatic
	// Disagreement is set when a theme or the levels disagree; Reasons say
	// where, in French.
	Disagreement bool
	Reasons      []string
	// Suggested is the suggested level (0: none); Explain says how it was
	// reached, in French.
	Suggested int
}

// habits are a juror's mean and standard deviation on each dimension
// (themes, then overall).
type habits struct {
	n          []int
	mean, sdev []float64
}

// Compute aggregates every candidature of the input, in its order.
func Compute(in Input) []Result {
	dims := len(in.Themes) + 1
	byJuror := map[int64]*habits{}
	all := &habits{n: make([]int, dims), mean: make([]float64, dims), sdev: make([]float64, dims)}
	value := func(e *Evaluation, d int) float64 {
		if d < len(in.Themes) {
			if d < len(e.Themes) {
				return e.Themes[d]
			}
			return math.NaN()
		}
		return e.Overall
	}
	// Two passes of sums (means, then squared deviations) per juror and
	// for everybody.
	for pass := range 2 {
		for ci := range in.Candidatures {
			for ei := range in.Candidatures[ci].Evaluations {
				e := &in.Candidatures[ci].Evaluations[ei]
				h := byJuror[e.Juror]
				if h == nil {
					h = &habits{n: make([]int, dims), mean: make([]float64, dims), sdev: make([]float64, dims)}
					byJuror[e.Juror] = h
				}
				for d := range dims {
					x := value(e, d)
					if math.IsNaN(x) {
						continue
					}
					for _, hh := range []*habits{h, all} {
						if pass == 0 {
							hh.n[d]++
							hh.mean[d] += x
						} else {
							dev := x - hh.mean[d]
							hh.sdev[d] += dev * dev
						}
					}
				}
			}
		}
		for _, h := range append(mapValues(byJuror), all) {
			for d := range dims {
				if h.n[d] == 0 {
					continue
				}
				if pass == 0 {
					h.mean[d] /= float64(h.n[d])
				} else {
					h.sdev[d] = math.Sqrt(h.sdev[d] / float64(h.n[d]))
				}
			}
		}
	}
	scale := func(d int) Theme {
		if d < len(in.Themes) {
			return in.Themes[d]
		}
		return in.Overall
	}
	normalise := func(x float64, j *habits, d int) (float64, bool) {
		if j.n[d] < MinHabits {
			return x, false
		}
		var v float64
		if j.sdev[d] == 0 {
			v = all.mean[d] + (x - j.mean[d])
		} else {
			v = all.mean[d] + (x-j.mean[d])/j.sdev[d]*all.sdev[d]
		}
		s := scale(d)
		return math.Round(min(max(v, s.Min), s.Max)*100) / 100, true
	}

	// One backing array for each kind of slice of the results: a campaign
	// has tens of thousands of candidatures.
	nt, evals := len(in.Themes), 0
	for ci := range in.Candidatures {
		evals += len(in.Candidatures[ci].Evaluations)
	}
	out := make([]Result, len(in.Candidatures))
	statBuf := make([]Stat, len(in.Candidatures)*nt)
	jurorBuf := make([]JurorFigures, evals)
	scoreBuf := make([]Score, evals*nt)
	var raws, norms [][]float64
	var levels []float64
	for ci := range in.Candidatures {
		c := &in.Candidatures[ci]
		n := len(c.Evaluations)
		r := Result{ID: c.ID, Automatic: c.Automatic, Themes: statBuf[:nt:nt]}
		statBuf = statBuf[nt:]
		r.Jurors, jurorBuf = jurorBuf[:n:n], jurorBuf[n:]
		raws, norms, levels = resize(raws, dims, n), resize(norms, dims, n), levels[:0]
		for ei := range c.Evaluations {
			e := &c.Evaluations[ei]
			h := byJuror[e.Juror]
			jf := &r.Jurors[ei]
			*jf = JurorFigures{Juror: e.Juror, Themes: scoreBuf[:nt:nt], Level: e.Level, Confidence: e.Confidence}
			scoreBuf = scoreBuf[nt:]
			for d := range dims {
				x := value(e, d)
				if math.IsNaN(x) {
					continue
				}
				nx, corrected := normalise(x, h, d)
				jf.Normalised = jf.Normalised || corrected
				sc := Score{Raw: x, Normalised: nx, Known: true}
				if d < nt {
					jf.Themes[d] = sc
				} else {
					jf.Overall = sc
				}
				raws[d] = append(raws[d], x)
				norms[d] = append(norms[d], nx)
			}
			levels = append(levels, float64(e.Level))
		}
		for d := range dims {
			st := stat(raws[d], norms[d])
			if d < nt {
				r.Themes[d] = st
				if st.Disagree {
					r.Reasons = append(r.Reasons, "« "+in.Themes[d].Label+" » : notes de "+fr.Decimal(st.Min, 2)+" à "+fr.Decimal(st.Max, 2))
				}
			} else {
				r.Overall = st
			}
		}
		r.Levels = stat(levels, levels)
		if r.Levels.Disagree {
			r.Reasons = append(r.Reasons, "niveaux proposés de "+strconv.Itoa(int(r.Levels.Min))+" à "+strconv.Itoa(int(r.Levels.Max)))
		}
		r.Disagreement = len(r.Reasons) > 0
		if len(r.Jurors) > 0 {
			r.Suggested = weightedMedian(r.Jurors)
		} else if c.Automatic.Known {
			r.Suggested = c.Automatic.Level
		}
		out[ci] = r
	}
	return out
}

// resize returns dims empty slices of capacity at least n, reusing bufs.
func resize(bufs [][]float64, dims, n int) [][]float64 {
	if len(bufs) < dims {
		bufs = make([][]float64, dims)
	}
	for d := range bufs {
		if cap(bufs[d]) < n {
			bufs[d] = make([]float64, 0, max(n, 4))
		}
		bufs[d] = bufs[d][:0]
	}
	return bufs
}

func mapValues(m map[int64]*habits) []*habits {
	out := make([]*habits, 0, len(m))
	for _, h := range m {
		out = append(out, h)
	}
	return out
}

// stat summarises raw scores and their normalised values.
func stat(raw, norm []float64) Stat {
	st := Stat{N: len(raw)}
	if len(raw) == 0 {
		return st
	}
	st.Median, st.Mean = median(raw), mean(raw)
	st.Min, st.Max = slices.Min(raw), slices.Max(raw)
	st.Spread = st.Max - st.Min
	st.Disagree = st.Spread >= DisagreementSpread
	st.NormMedian, st.NormMean, st.HasNormalisedScore = median(norm), mean(norm), true
	return st
}

func median(xs []float64) float64 {
	var buf [16]float64
	s := append(buf[:0], xs...)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return math.Round((s[n/2-1]+s[n/2])/2*1000) / 1000
}

func mean(xs []float64) float64 {
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	return math.Round(sum/float64(len(xs))*1000) / 1000
}

// confidenceWeight weighs a proposed level by the juror's confidence.
func confidenceWeight(c string) int {
	switch c {
	case "elevee":
		return 3
	case "moyenne":
		return 2
	}
	return 1
}

// weightedMedian is the lower weighted median of the levels proposed.
func weightedMedian(js []JurorFigures) int {
	type lw struct{ level, weight int }
	var buf [16]lw
	s := buf[:0]
	total := 0
	for _, j := range js {
		w := confidenceWeight(j.Confidence)
		s = append(s, lw{j.Level, w})
		total += w
	}
	slices.SortFunc(s, func(a, b lw) int { return cmp.Compare(a.level, b.level) })
	acc := 0
	for _, x := range s {
		acc += x.weight
		if 2*acc >= total {
			return x.level
		}
	}
	return 0
}

func (in Input) levelName(v int) string {
	if v == 0 {
		return "aucun niveau"
	}
	for _, l := range in.Levels {
		if l.Value == v {
			return fmt.Sprintf("%d (%s)", v, l.Label)
		}
	}
	return fmt.Sprintf("%d", v)
}

// Explain says in French how the suggested level of a result was reached
// (in is the input it was computed from, for the scale and the levels'
// names). It is written on demand: a ranking of the whole campaign shows
// only the levels.
func (r *Result) Explain(in Input) string {
	auto := r.Automatic
	if len(r.Jurors) == 0 {
		if !auto.Known {
			return "Aucune évaluation remise et pas de score automatique : aucun niveau suggéré."
		}
		return fmt.Sprintf("Aucune évaluation remise : niveau suggéré par le score automatique du questionnaire, %s sur %s, soit %s.",
			fr.Decimal(auto.Total, 2), fr.Decimal(auto.Max, 2), in.levelName(auto.Level))
	}
	level := r.Suggested
	proposed := make([]string, len(r.Jurors))
	sorted := slices.Clone(r.Jurors)
	slices.SortFunc(sorted, func(a, b JurorFigures) int { return cmp.Compare(a.Level, b.Level) })
	equal := true
	for i, j := range sorted {
		proposed[i] = fmt.Sprintf("%d (confiance %s)", j.Level, confidenceLabel(j.Confidence))
		equal = equal && j.Confidence == sorted[0].Confidence
	}
	var b strings.Builder
	who := fr.Count(len(r.Jurors), "juré", "jurés")
	if len(r.Jurors) == 1 {
		fmt.Fprintf(&b, "Niveau suggéré : %s, celui que propose le seul juré ayant remis son évaluation (confiance %s).",
			in.levelName(level), confidenceLabel(sorted[0].Confidence))
	} else {
		how := "médiane des niveaux proposés par " + who
		if !equal {
			how += ", chacun pondéré par la confiance du juré (faible 1, moyenne 2, élevée 3)"
		}
		fmt.Fprintf(&b, "Niveau suggéré : %s, %s : %s.", in.levelName(level), how, fr.List(proposed, "et"))
	}
	if r.Levels.Disagree {
		fmt.Fprintf(&b, " Les propositions s’écartent de %d niveaux : à discuter en délibération.", int(r.Levels.Spread))
	}
	if o := r.Overall; o.N > 0 {
		fmt.Fprintf(&b, " Note globale médiane : %s sur %s", fr.Decimal(o.Median, 2), fr.Decimal(in.Overall.Max, 2))
		if o.NormMedian != o.Median {
			fmt.Fprintf(&b, " (%s une fois corrigées les habitudes des jurés)", fr.Decimal(o.NormMedian, 2))
		}
		b.WriteString(".")
	}
	if auto.Known {
		fmt.Fprintf(&b, " Le score automatique du questionnaire (%s sur %s) suggère %s", fr.Decimal(auto.Total, 2), fr.Decimal(auto.Max, 2), in.levelName(auto.Level))
		if d := auto.Level - level; d >= DisagreementSpread || -d >= DisagreementSpread {
			b.WriteString(" : écart à examiner.")
		} else {
			b.WriteString(".")
		}
	}
	return b.String()
}

func confidenceLabel(c string) string {
	switch c {
	case "faible":
		return "faible"
	case "moyenne":
		return "moyenne"
	case "elevee":
		return "élevée"
	}
	return "non indiquée"
}
