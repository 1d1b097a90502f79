package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/jury"
	camplc "github.com/adullact/tnl/internal/lifecycle/campagne"
	evallc "github.com/adullact/tnl/internal/lifecycle/evaluation"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/web"
	"github.com/adullact/tnl/workflow"
)

// juryRoutes are the jury's API (docs/api.md, « Jury »).
func (s *Server) juryRoutes(api, cand func(string, string, policy.Action, http.HandlerFunc) web.Route) []web.Route {
	sub := func(subject string) func(string, string, policy.Action, http.HandlerFunc) web.Route {
		return func(method, pattern string, action policy.Action, h http.HandlerFunc) web.Route {
			rt := api(method, pattern, action, h)
			rt.Subject = subject
			return rt
		}
	}
	camp, eval := sub(camplc.Name), sub(evallc.Name)
	return []web.Route{
		camp("GET", "/api/v1/campaigns/{id}/jury", policy.JuryManage, s.juryMembers),
		camp("POST", "/api/v1/campaigns/{id}/jury/invitations", policy.JuryManage, s.juryInvite),
		api("POST", "/api/v1/jury/invitations/{token}", policy.JuryJoin, s.juryAccept),
		camp("POST", "/api/v1/campaigns/{id}/jury/charter", policy.JuryJoin, s.juryCharter),
		camp("GET", "/api/v1/campaigns/{id}/jury/settings", policy.JuryManage, s.jurySettings),
		camp("PUT", "/api/v1/campaigns/{id}/jury/settings", policy.JuryManage, s.putJurySettings),
		camp("PUT", "/api/v1/campaigns/{id}/jury/members/{uid}", policy.JuryManage, s.putJuryMember),
		camp("DELETE", "/api/v1/campaigns/{id}/jury/members/{uid}", policy.JuryManage, s.removeJuryMember),
		camp("PUT", "/api/v1/campaigns/{id}/jury/preferences", policy.JuryJoin, s.putOwnPreferences),
		camp("GET", "/api/v1/campaigns/{id}/jury/conflicts", policy.JuryManage, s.juryConflicts),
		camp("POST", "/api/v1/campaigns/{id}/jury/conflicts", policy.JuryManage, s.setConflict),
		cand("DELETE", "/api/v1/candidatures/{id}/conflicts/{uid}", policy.JuryManage, s.removeConflict),
		eval("POST", "/api/v1/evaluations/{id}/remark", policy.EvaluationKeepRemark, s.keepRemark),
		cand("POST", "/api/v1/candidatures/{id}/conflicts", policy.JuryRecuse, s.recuse),
		camp("POST", "/api/v1/campaigns/{id}/jury/assign", policy.JuryManage, s.juryAssign),
		camp("GET", "/api/v1/campaigns/{id}/jury/assignments", policy.JuryManage, s.juryAssignments),
		cand("POST", "/api/v1/candidatures/{id}/assignments", policy.JuryManage, s.addAssignment),
		cand("DELETE", "/api/v1/candidatures/{id}/assignments/{uid}", policy.JuryManage, s.removeAssignment),
		api("GET", "/api/v1/jury/evaluations", policy.JuryJoin, s.myEvaluations),
		eval("GET", "/api/v1/evaluations/{id}", policy.ReadSubject, s.evaluation),
		eval("PUT", "/api/v1/evaluations/{id}", policy.EvaluationEdit, s.putEvaluation),
		cand("GET", "/api/v1/candidatures/{id}/evaluations", policy.CandidatureEvaluations, s.candidatureEvaluations),
		cand("GET", "/api/v1/candidatures/{id}/aggregate", policy.CandidatureEvaluations, s.candidatureAggregate),
		camp("GET", "/api/v1/campaigns/{id}/ranking", policy.JuryRanking, s.ranking),
	}
}

func snapshotOf(r *http.Request) *workflow.Snapshot {
	if subj := web.CurrentSubject(r); subj != nil {
		if snap, ok := subj.Value.(*workflow.Snapshot); ok {
			return snap
		}
	}
	return nil
}

func campaignOf(r *http.Request) *domain.Campaign {
	if snap := snapshotOf(r); snap != nil {
		if p, ok := snap.Payload.(*camplc.Payload); ok {
			return p.Campaign
		}
	}
	return nil
}

func (s *Server) juryMembers(w http.ResponseWriter, r *http.Request) {
	members, pending, err := s.app.Jury.Members(r.Context(), campaignOf(r).ID, web.Principal(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ms := []map[string]any{}
	for _, m := range members {
		links := []map[string]any{}
		for _, l := range m.Links {
			links = append(links, map[string]any{"kind": l.Kind, "code": l.Code, "name": l.Name})
		}
		ms = append(ms, map[string]any{"user_id": m.UserID, "email": m.Email, "name": m.Name, "seat": m.Seat, "organisation": m.Organisation,
			"charter_accepted": m.CharterAcceptedAt != nil, "links": links, "assigned": m.Assigned, "submitted": m.Submitted,
			"max_load": m.MaxLoad, "preferences": m.Preferences})
	}
	ps := []map[string]any{}
	for _, p := range pending {
		ps = append(ps, map[string]any{"email": p.Email, "seat": p.Seat, "expires_at": web.Time(p.ExpiresAt)})
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"members": ms, "invitations": ps})
}

type inviteRequest struct {
	Email         string   `json:"email"`
	President     bool     `json:"president"`
	Collectivites []string `json:"collectivites"`
	Organisation  string   `json:"organisation"`
}

func (s *Server) juryInvite(w http.ResponseWriter, r *http.Request) {
	var req inviteRequest
	if err := web.DecodeJSON(r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	inv, err := s.app.Jury.Invite(r.Context(), jury.SeatRequest{CampaignID: campaignOf(r).ID, Email: req.Email, President: req.President,
		Collectivites: req.Collectivites, Organisation: req.Organisation}, web.Principal(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, map[string]any{"email": inv.Email, "seat": inv.Seat, "expires_at": web.Time(inv.ExpiresAt)})
}

func (s *Server) juryAccept(w http.ResponseWriter, r *http.Request) {
	cp, err := s.app.Jury.AcceptInvitation(r.Context(), r.PathValue("token"), web.User(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"campaign_id": cp.ID, "campaign_year": cp.Year, "charter_accepted": false})
}

func (s *Server) juryCharter(w http.ResponseWriter, r *http.Request) {
	cp := campaignOf(r)
	if err := s.app.Jury.AcceptCharter(r.Context(), cp.ID, web.Principal(r)); err != nil {
		s.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"campaign_id": cp.ID, "campaign_year": cp.Year, "charter_accepted": true})
}

type settingsBody struct {
	PerCandidature int     `json:"per_candidature"`
	Visibility     string  `json:"visibility"`
	Deadline       *string `json:"deadline"`
	// DeliberationJurors: the jury's members read the deliberation table.
	DeliberationJurors bool `json:"deliberation_jurors"`
}

func settingsJSON(js domain.JurySettings) settingsBody {
	return settingsBody{PerCandidature: js.PerCandidature, Visibility: js.Visibility, Deadline: web.TimePtr(js.Deadline), DeliberationJurors: js.DeliberationJurors}
}

func (s *Server) jurySettings(w http.ResponseWriter, r *http.Request) {
	js, err := s.app.Jury.Settings(r.Context(), campaignOf(r).ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, settingsJSON(js))
}

func (s *Server) putJurySettings(w http.ResponseWriter, r *http.Request) {
	var body settingsBody
	if err := web.DecodeJSON(r, &body); err != nil {
		s.fail(w, r, err)
		return
	}
	js := domain.JurySettings{CampaignID: campaignOf(r).ID, PerCandidature: body.PerCandidature, Visibility: body.Visibility, DeliberationJurors: body.DeliberationJurors}
	if body.Deadline != nil && *body.Deadline != "" {
		t, err := time.Parse(time.RFC3339, *body.Deadline)
		if err != nil {
			if t, err = fr.ParseDeadline(*body.Deadline); err != nil {
				s.fail(w, r, &domain.Error{Code: domain.EInvalid, Message: "« deadline » : une date AAAA-MM-JJ (fin de journée, heure de Paris) ou un instant RFC 3339.",
					Fields: map[string]string{"deadline": "AAAA-MM-JJ ou RFC 3339."}})
				return
			}
		}
		js.Deadline = &t
	}
	if err := s.app.Jury.PutSettings(r.Context(), js, web.Principal(r)); err != nil {
		s.fail(w, r, err)
		return
	}
	s.jurySettings(w, r)
}

func (s *Server) juryConflicts(w http.ResponseWriter, r *http.Request) {
	f := store.ConflictFilter{CampaignID: campaignOf(r).ID}
	f.UserID, _ = strconv.ParseInt(r.URL.Query().Get("juror"), 10, 64)
	f.CandidatureID, _ = strconv.ParseInt(r.URL.Query().Get("candidature"), 10, 64)
	list, err := s.app.Jury.Conflicts(r.Context(), f, web.Principal(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := []map[string]any{}
	for _, c := range list {
		out = append(out, map[string]any{"candidature_id": c.CandidatureID, "reference": c.Reference, "juror_id": c.UserID, "juror": c.Email,
			"source": c.Source, "reason": c.Reason})
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"conflicts": out})
}

type reasonBody struct {
	Reason string `json:"reason"`
}

func (s *Server) recuse(w http.ResponseWriter, r *http.Request) {
	var body reasonBody
	if err := web.DecodeJSON(r, &body); err != nil {
		s.fail(w, r, err)
		return
	}
	d := draft(r)
	if err := s.app.Jury.Recuse(r.Context(), d.C.ID, d.Relations, d.Facts, d.Who, body.Reason); err != nil {
		s.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, map[string]any{"candidature_id": d.C.ID, "source": domain.ConflictDeclared})
}

type assignBody struct {
	PerCandidature int    `json:"per_candidature"`
	Seed           uint64 `json:"seed"`
}

func (s *Server) juryAssign(w http.ResponseWriter, r *http.Request) {
	var body assignBody
	if err := web.DecodeJSON(r, &body); err != nil {
		s.fail(w, r, err)
		return
	}
	if body.Seed == 0 {
		body.Seed = 1
	}
	run, err := s.app.Jury.Assign(r.Context(), jury.AssignRequest{CampaignID: campaignOf(r).ID, PerCandidature: body.PerCandidature, Seed: body.Seed}, web.Principal(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, jury.RunJSON(run))
}

func (s *Server) juryAssignments(w http.ResponseWriter, r *http.Request) {
	rows, err := s.app.Store.CampaignAssignments(r.Context(), campaignOf(r).ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := []map[string]any{}
	for _, a := range rows {
		out = append(out, map[string]any{"candidature_id": a.CandidatureID, "juror_id": a.UserID, "evaluation_id": a.EvaluationID, "state": a.State})
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"assignments": out})
}

type assignmentBody struct {
	JurorID int64  `json:"juror_id"`
	Reason  string `json:"reason"`
}

func (s *Server) addAssignment(w http.ResponseWriter, r *http.Request) {
	var body assignmentBody
	if err := web.DecodeJSON(r, &body); err != nil {
		s.fail(w, r, err)
		return
	}
	d := draft(r)
	e, err := s.app.Jury.AddAssignment(r.Context(), d.C.ID, body.JurorID, body.Reason, d.Who)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, jury.EvaluationJSON(*e, ""))
}

func (s *Server) removeAssignment(w http.ResponseWriter, r *http.Request) {
	d := draft(r)
	uid, err := strconv.ParseInt(r.PathValue("uid"), 10, 64)
	if err != nil {
		s.fail(w, r, domain.Errorf(domain.ENotFound, "Juré introuvable."))
		return
	}
	if err := s.app.Jury.RemoveAssignment(r.Context(), d.C.ID, uid, r.URL.Query().Get("reason"), d.Who); err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) myEvaluations(w http.ResponseWriter, r *http.Request) {
	seats, err := s.app.Jury.MyEvaluations(r.Context(), web.Principal(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := []map[string]any{}
	for _, st := range seats {
		evals := []map[string]any{}
		for _, e := range st.Evaluations {
			evals = append(evals, map[string]any{"id": e.ID, "candidature_id": e.CandidatureID, "reference": e.Reference,
				"collectivite": e.CollectiviteName, "state": e.State, "scored": e.Scored, "criteria": e.Criteria})
		}
		out = append(out, map[string]any{"campaign_id": st.Campaign.ID, "campaign_year": st.Campaign.Year, "seat": st.Member.Seat,
			"charter_accepted": st.Charter, "deadline": web.TimePtr(st.Deadline), "evaluations": evals})
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"seats": out})
}

func (s *Server) evaluation(w http.ResponseWriter, r *http.Request) {
	snap := snapshotOf(r)
	p := snap.Payload.(*evallc.Payload)
	out := jury.EvaluationJSON(*p.E, p.AuthorEmail)
	if out["events"], _ = s.events(r, snap); out["events"] == nil {
		out["events"] = []eventBody{}
	}
	web.WriteJSON(w, http.StatusOK, out)
}

type evaluationBody struct {
	Scores       map[string]map[string]int `json:"scores"`
	Comments     map[string]string         `json:"comments"`
	Level        *int                      `json:"level"`
	Confidence   string                    `json:"confidence"`
	PrivateNote  string                    `json:"private_note"`
	Remark       string                    `json:"remark"`
	DraftVersion int                       `json:"draft_version"`
}

func (s *Server) putEvaluation(w http.ResponseWriter, r *http.Request) {
	var body evaluationBody
	if err := web.DecodeJSON(r, &body); err != nil {
		s.fail(w, r, err)
		return
	}
	snap := snapshotOf(r)
	in := evallc.Input{Scores: body.Scores, Comments: body.Comments, Level: body.Level, Confidence: body.Confidence,
		PrivateNote: body.PrivateNote, Remark: body.Remark}
	e, err := s.app.Jury.SaveDraft(r.Context(), snap, web.Principal(r), in, body.DraftVersion)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, jury.EvaluationJSON(*e, ""))
}

func (s *Server) candidatureEvaluations(w http.ResponseWriter, r *http.Request) {
	d := draft(r)
	cj, err := s.app.Jury.CandidatureJury(r.Context(), d.C, d.Relations, d.Facts, d.Who)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	evals := []map[string]any{}
	for _, e := range cj.Evaluations {
		evals = append(evals, jury.EvaluationJSON(e.Evaluation, e.Email))
	}
	var own any
	if cj.Own != nil {
		own = jury.EvaluationJSON(*cj.Own, "")
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"visible": cj.OthersVisible, "own": own, "evaluations": evals})
}

func (s *Server) candidatureAggregate(w http.ResponseWriter, r *http.Request) {
	d := draft(r)
	cj, err := s.app.Jury.CandidatureJury(r.Context(), d.C, d.Relations, d.Facts, d.Who)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// The policy decides who sees it (OthersEvaluationsVisible): until
	// then, visible is false and aggregate null.
	web.WriteJSON(w, http.StatusOK, map[string]any{"visible": cj.Aggregate != nil, "aggregate": jury.AggregateJSON(cj)})
}

func (s *Server) ranking(w http.ResponseWriter, r *http.Request) {
	subj := web.CurrentSubject(r)
	q := r.URL.Query()
	opt := jury.RankingOptions{Sort: q.Get("sort"), Asc: q.Get("order") == "asc", Kind: q.Get("kind"), Disagreement: q.Get("disagreement") == "true"}
	rk, err := s.app.Jury.Ranking(r.Context(), campaignOf(r), subj.Relations, subj.Facts, web.Principal(r), opt)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	switch q.Get("format") {
	case "csv", "ods":
		w.Header().Set("Content-Type", map[string]string{"csv": "text/csv; charset=utf-8", "ods": "application/vnd.oasis.opendocument.spreadsheet"}[q.Get("format")])
		if err := jury.WriteRanking(w, rk, q.Get("format")); err != nil {
			s.web.Logger().Error("ranking export", "err", err)
		}
		return
	}
	rows := []map[string]any{}
	for i, row := range rk.Rows {
		var median, norm any
		if row.Overall.N > 0 {
			median, norm = row.Overall.Median, row.Overall.NormMedian
		}
		rows = append(rows, map[string]any{"rank": i + 1, "candidature_id": row.ID, "reference": row.Reference, "collectivite": row.CollectiviteName,
			"kind": row.CollectiviteKind, "state": row.State, "evaluations": row.Overall.N, "assigned": row.Assigned, "suggested_level": row.Suggested,
			"median": median, "normalised_median": norm, "disagreement": row.Disagreement, "reasons": nonNilStrings(row.Reasons)})
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"campaign_year": rk.Campaign.Year, "total": rk.Total, "rows": rows})
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

type juryMemberBody struct {
	Collectivites *[]string           `json:"collectivites"`
	Organisation  *string             `json:"organisation"`
	Preferences   *domain.Preferences `json:"preferences"`
	MaxLoad       *int                `json:"max_load"`
}

func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, domain.Errorf(domain.ENotFound, "Élément introuvable.")
	}
	return id, nil
}

// putJuryMember changes a member's declared links, organisation,
// preferences or maximum load (staff); absent members stay as they are.
func (s *Server) putJuryMember(w http.ResponseWriter, r *http.Request) {
	var body juryMemberBody
	if err := web.DecodeJSON(r, &body); err != nil {
		s.fail(w, r, err)
		return
	}
	uid, err := pathID(r, "uid")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cp, who := campaignOf(r), web.Principal(r)
	if body.Collectivites != nil || body.Organisation != nil {
		codes := []string{}
		if body.Collectivites != nil {
			codes = *body.Collectivites
		} else {
			for _, l := range s.linksOf(r, cp.ID, uid) {
				codes = append(codes, string(l.Kind)+":"+l.Code)
			}
		}
		if err := s.app.Jury.SetLinks(r.Context(), cp.ID, uid, codes, body.Organisation, who); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if body.Preferences != nil || body.MaxLoad != nil {
		m, err := s.app.Store.JuryMember(r.Context(), cp.ID, uid)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		prefs, max := m.Preferences, m.MaxLoad
		if body.Preferences != nil {
			prefs = *body.Preferences
		}
		if body.MaxLoad != nil {
			max = *body.MaxLoad
		}
		if err := s.app.Jury.SetPreferences(r.Context(), cp.ID, uid, prefs, max, who); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.juryMembers(w, r)
}

func (s *Server) linksOf(r *http.Request, campaignID, userID int64) []store.JuryLink {
	links, err := s.app.Store.JuryLinks(r.Context(), campaignID)
	if err != nil {
		return nil
	}
	var out []store.JuryLink
	for _, l := range links {
		if l.UserID == userID {
			out = append(out, l)
		}
	}
	return out
}

func (s *Server) removeJuryMember(w http.ResponseWriter, r *http.Request) {
	uid, err := pathID(r, "uid")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	n, err := s.app.Jury.RemoveMember(r.Context(), campaignOf(r).ID, uid, web.Principal(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"removed_assignments": n})
}

type preferencesBody struct {
	Preferences domain.Preferences `json:"preferences"`
	MaxLoad     int                `json:"max_load"`
}

// putOwnPreferences sets the person's own assignment preferences.
func (s *Server) putOwnPreferences(w http.ResponseWriter, r *http.Request) {
	var body preferencesBody
	if err := web.DecodeJSON(r, &body); err != nil {
		s.fail(w, r, err)
		return
	}
	who := web.Principal(r)
	if err := s.app.Jury.SetPreferences(r.Context(), campaignOf(r).ID, who.UserID, body.Preferences, body.MaxLoad, who); err != nil {
		s.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, body)
}

type conflictBody struct {
	CandidatureID int64  `json:"candidature_id"`
	JurorID       int64  `json:"juror_id"`
	Reason        string `json:"reason"`
}

func (s *Server) setConflict(w http.ResponseWriter, r *http.Request) {
	var body conflictBody
	if err := web.DecodeJSON(r, &body); err != nil {
		s.fail(w, r, err)
		return
	}
	c, err := s.app.Store.Candidature(r.Context(), body.CandidatureID)
	if err != nil || c.CampaignID != campaignOf(r).ID {
		s.fail(w, r, domain.Errorf(domain.ENotFound, "Candidature introuvable dans cette campagne."))
		return
	}
	if err := s.app.Jury.SetConflict(r.Context(), c.ID, body.JurorID, body.Reason, web.Principal(r)); err != nil {
		s.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, map[string]any{"candidature_id": c.ID, "juror_id": body.JurorID, "source": domain.ConflictStaff})
}

func (s *Server) removeConflict(w http.ResponseWriter, r *http.Request) {
	uid, err := pathID(r, "uid")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.app.Jury.RemoveConflict(r.Context(), draft(r).C.ID, uid, web.Principal(r)); err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

type remarkBody struct {
	Kept bool `json:"kept"`
}

func (s *Server) keepRemark(w http.ResponseWriter, r *http.Request) {
	var body remarkBody
	if err := web.DecodeJSON(r, &body); err != nil {
		s.fail(w, r, err)
		return
	}
	snap := snapshotOf(r)
	if err := s.app.Jury.KeepRemark(r.Context(), snap.ID, body.Kept, snap.Relations, snap.Facts, web.Principal(r)); err != nil {
		s.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"evaluation_id": snap.ID, "remark_kept": body.Kept})
}
