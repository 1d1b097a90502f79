package ui

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/jury"
	camplc "github.com/adullact/tnl/internal/lifecycle/campagne"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/web"
)

// campaignOf returns the route's campaign, loaded by the guard.
func campaignOf(r *http.Request) *domain.Campaign {
	if snap := snapshot(r); snap != nil {
		if p, ok := snap.Payload.(*camplc.Payload); ok {
			return p.Campaign
		}
	}
	return nil
}

// runFigures are a stored run's figures, as the page shows them.
type runFigures struct {
	Candidatures, Jurors, Assigned, Added, Moved, Started int
	LoadMin                                               int `json:"load_min"`
	LoadMax                                               int `json:"load_max"`
	Conflicts                                             int
	Objective                                             int64
	Seconds                                               float64
	Unfilled                                              []struct {
		Reference string
		Eligible  int
		Assigned  int
		Reason    string
	}
}

type juryAdminPage struct {
	Campaign *domain.Campaign
	Settings domain.JurySettings
	Members  []jury.MemberView
	Pending  []store.JuryInvitation
	Run      *store.JuryRun
	Figures  runFigures
	Deadline string
	Errors   []formError
	Form     map[string]string
}

func (s *Server) handleJuryAdminCurrent(w http.ResponseWriter, r *http.Request) {
	cp, err := s.app.Store.CurrentCampaign(r.Context())
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/campagnes/%d/jury", cp.ID), http.StatusSeeOther)
}

// handleJuryAdmin is staff's page of a campaign's jury: settings,
// invitations, members with their links and loads, the latest assignment
// run's summary and the button to run it again.
func (s *Server) handleJuryAdmin(w http.ResponseWriter, r *http.Request) {
	s.juryAdminPage(w, r, http.StatusOK, nil, nil)
}

func (s *Server) juryAdminPage(w http.ResponseWriter, r *http.Request, status int, errs []formError, form map[string]string) {
	ctx := r.Context()
	cp := campaignOf(r)
	page := juryAdminPage{Campaign: cp, Errors: errs, Form: form}
	var err error
	if page.Settings, err = s.app.Jury.Settings(ctx, cp.ID); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	if page.Settings.Deadline != nil {
		page.Deadline = page.Settings.Deadline.In(fr.Paris()).Add(-1).Format("2006-01-02")
	}
	if page.Members, page.Pending, err = s.app.Jury.Members(ctx, cp.ID, web.Principal(r)); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	if run, err := s.app.Store.LatestJuryRun(ctx, cp.ID); err == nil {
		page.Run = run
		if err := json.Unmarshal([]byte(run.Figures), &page.Figures); err != nil {
			s.web.Fail(w, r, err)
			return
		}
	}
	s.render(w, r, status, "jury_admin", fmt.Sprintf("Jury de la campagne %d", cp.Year), page)
}

func (s *Server) handleJuryInvite(w http.ResponseWriter, r *http.Request) {
	cp := campaignOf(r)
	f := r.PostForm
	req := jury.SeatRequest{CampaignID: cp.ID, Email: f.Get("email"), President: f.Get("president") == "oui",
		Collectivites: strings.Fields(strings.ReplaceAll(f.Get("collectivites"), ",", " ")), Organisation: f.Get("organisation")}
	if _, err := s.app.Jury.Invite(r.Context(), req, web.Principal(r)); err != nil {
		s.juryAdminPage(w, r, web.StatusOf(err), []formError{{Field: "invite-email", Message: domain.ErrorMessage(err)}},
			map[string]string{"email": req.Email, "collectivites": f.Get("collectivites"), "organisation": req.Organisation})
		return
	}
	web.Redirect(w, r, fmt.Sprintf("/campagnes/%d/jury", cp.ID), "jury-invite")
}

func (s *Server) handleJurySettings(w http.ResponseWriter, r *http.Request) {
	cp := campaignOf(r)
	f := r.PostForm
	js := domain.JurySettings{CampaignID: cp.ID, Visibility: f.Get("visibilite"), DeliberationJurors: f.Get("deliberation_jures") == "oui"}
	var err error
	if js.PerCandidature, err = strconv.Atoi(strings.TrimSpace(f.Get("par_candidature"))); err != nil {
		s.juryAdminPage(w, r, http.StatusBadRequest, []formError{{Field: "par-candidature", Message: "Le nombre d’évaluations par candidature est un nombre entier."}}, nil)
		return
	}
	if d := strings.TrimSpace(f.Get("date_limite")); d != "" {
		t, err := fr.ParseDeadline(d)
		if err != nil {
			s.juryAdminPage(w, r, http.StatusBadRequest, []formError{{Field: "date-limite", Message: "Date limite du jury : " + err.Error()}}, nil)
			return
		}
		js.Deadline = &t
	}
	if err := s.app.Jury.PutSettings(r.Context(), js, web.Principal(r)); err != nil {
		s.juryAdminPage(w, r, web.StatusOf(err), []formError{{Field: "par-candidature", Message: domain.ErrorMessage(err)}}, nil)
		return
	}
	web.Redirect(w, r, fmt.Sprintf("/campagnes/%d/jury", cp.ID), "jury-reglages")
}

func (s *Server) handleJuryAssign(w http.ResponseWriter, r *http.Request) {
	cp := campaignOf(r)
	k, _ := strconv.Atoi(strings.TrimSpace(r.PostFormValue("par_candidature")))
	if _, err := s.app.Jury.Assign(r.Context(), jury.AssignRequest{CampaignID: cp.ID, PerCandidature: k, Seed: rand.Uint64N(1<<53-1) + 1}, web.Principal(r)); err != nil {
		s.juryAdminPage(w, r, web.StatusOf(err), []formError{{Field: "affecter", Message: domain.ErrorMessage(err)}}, nil)
		return
	}
	web.Redirect(w, r, fmt.Sprintf("/campagnes/%d/jury", cp.ID), "jury-affectation")
}

type juryConflictsPage struct {
	Campaign  *domain.Campaign
	Conflicts []store.Conflict
	Members   []store.JuryMember
	Juror     int64
	Reference string
}

// handleJuryConflicts lists a campaign's conflicts of interest, per juror
// or per candidature.
func (s *Server) handleJuryConflicts(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	cp := campaignOf(r)
	page := juryConflictsPage{Campaign: cp, Reference: strings.TrimSpace(r.URL.Query().Get("candidature"))}
	f := store.ConflictFilter{CampaignID: cp.ID}
	page.Juror, _ = strconv.ParseInt(r.URL.Query().Get("jure"), 10, 64)
	f.UserID = page.Juror
	if page.Reference != "" {
		c, err := s.app.Store.CandidatureByReference(ctx, page.Reference)
		if err != nil {
			s.web.Fail(w, r, err)
			return
		}
		f.CandidatureID = c.ID
	}
	var err error
	if page.Conflicts, err = s.app.Jury.Conflicts(ctx, f, web.Principal(r)); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	if page.Members, err = s.app.Store.JuryMembers(ctx, cp.ID); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "jury_conflicts", fmt.Sprintf("Conflits d’intérêts — campagne %d", cp.Year), page)
}
