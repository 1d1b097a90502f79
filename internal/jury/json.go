package jury

import (
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/jury/aggregate"
)

// The JSON forms of the jury's results, shared by the command line and the
// API (docs/api.md).

// RunObject is an assignment run as « tnl jury assign --json » and the API
// print it: exactly these members.
type RunObject struct {
	Candidatures   int              `json:"candidatures"`
	Jurors         int              `json:"jurors"`
	PerCandidature int              `json:"per_candidature"`
	Assigned       int              `json:"assigned"`
	Unfilled       []UnfilledObject `json:"unfilled"`
	LoadMin        int              `json:"load_min"`
	LoadMax        int              `json:"load_max"`
	Moved          int              `json:"moved"`
	Conflicts      int              `json:"conflicts"`
	Objective      int64            `json:"objective"`
	Seconds        float64          `json:"seconds"`
}

// UnfilledObject is a candidature with fewer than k eligible jurors.
type UnfilledObject struct {
	Reference string `json:"reference"`
	Eligible  int    `json:"eligible"`
}

// RunJSON returns the JSON form of a run.
func RunJSON(r *Run) RunObject {
	out := RunObject{Candidatures: r.Candidatures, Jurors: r.Jurors, PerCandidature: r.PerCandidature, Assigned: r.Assigned,
		Unfilled: []UnfilledObject{}, LoadMin: r.LoadMin, LoadMax: r.LoadMax, Moved: r.Moved, Conflicts: r.Conflicts,
		Objective: r.Objective, Seconds: r.Seconds}
	for _, u := range r.Unfilled {
		out.Unfilled = append(out.Unfilled, UnfilledObject{Reference: u.Reference, Eligible: u.Eligible})
	}
	return out
}

func statJSON(st aggregate.Stat) map[string]any {
	if st.N == 0 {
		return map[string]any{"n": 0}
	}
	return map[string]any{"n": st.N, "median": st.Median, "mean": st.Mean, "min": st.Min, "max": st.Max, "spread": st.Spread,
		"normalised_median": st.NormMedian, "normalised_mean": st.NormMean, "disagreement": st.Disagree}
}

// AggregateJSON is the JSON form of a candidature's aggregate (nil when
// the person does not see it).
func AggregateJSON(cj *CandidatureJury) map[string]any {
	if cj.Aggregate == nil {
		return nil
	}
	a := cj.Aggregate
	themes := make([]map[string]any, len(cj.In.Themes))
	for i, th := range cj.In.Themes {
		themes[i] = map[string]any{"theme": th.Key, "label": th.Label, "scores": statJSON(a.Themes[i])}
	}
	jurors := make([]map[string]any, len(a.Jurors))
	for i, j := range a.Jurors {
		js := make([]any, len(j.Themes))
		for d, sc := range j.Themes {
			if sc.Known {
				js[d] = map[string]any{"raw": sc.Raw, "normalised": sc.Normalised}
			}
		}
		jurors[i] = map[string]any{"juror_id": j.Juror, "themes": js, "overall": map[string]any{"raw": j.Overall.Raw, "normalised": j.Overall.Normalised},
			"level": j.Level, "confidence": j.Confidence, "normalised": j.Normalised}
	}
	auto := map[string]any{"known": a.Automatic.Known}
	if a.Automatic.Known {
		auto = map[string]any{"known": true, "total": a.Automatic.Total, "max": a.Automatic.Max, "level": a.Automatic.Level}
	}
	reasons := a.Reasons
	if reasons == nil {
		reasons = []string{}
	}
	return map[string]any{"themes": themes, "overall": statJSON(a.Overall), "levels": statJSON(a.Levels), "jurors": jurors,
		"automatic": auto, "disagreement": a.Disagreement, "reasons": reasons, "suggested_level": a.Suggested, "explanation": cj.Explanation}
}

// EvaluationJSON is the JSON form of an evaluation; withJuror adds its
// juror's address.
func EvaluationJSON(e domain.Evaluation, email string) map[string]any {
	out := map[string]any{"id": e.ID, "candidature_id": e.CandidatureID, "state": e.State, "scores": e.Scores, "comments": e.Comments,
		"level": e.Level, "confidence": e.Confidence, "private_note": e.PrivateNote, "remark": e.Remark, "remark_kept": e.RemarkKept,
		"draft_version": e.DraftVersion, "version": e.Version, "submitted_at": e.SubmittedAt}
	if email != "" {
		out["juror"] = email
	}
	return out
}
