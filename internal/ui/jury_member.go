package ui

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/jury"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/web"
)

type juryInvitationPage struct {
	Token    string
	Email    string
	Year     int
	Seat     string
	SignedIn bool
}

// handleJuryInvitation shows an invitation to a campaign's jury: sign in or
// sign up, then accept.
func (s *Server) handleJuryInvitation(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	inv, cp, err := s.app.Jury.Invitation(r.Context(), token)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "jury_invitation", "Invitation au jury", juryInvitationPage{Token: token, Email: inv.Email, Year: cp.Year,
		Seat: jury.SeatLabel(inv.Seat), SignedIn: web.User(r) != nil})
}

func (s *Server) handleAcceptJuryInvitation(w http.ResponseWriter, r *http.Request) {
	if _, err := s.app.Jury.AcceptInvitation(r.Context(), r.PathValue("token"), web.User(r)); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	web.Redirect(w, r, "/jury/evaluations", "jury-invitation")
}

type myEvaluationsPage struct {
	Seats []jury.JurorSeat
}

// handleMyEvaluations is « Mes évaluations »: per campaign, the charter to
// accept, or the evaluations with their progress and the jury's deadline.
func (s *Server) handleMyEvaluations(w http.ResponseWriter, r *http.Request) {
	seats, err := s.app.Jury.MyEvaluations(r.Context(), web.Principal(r))
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "jury_evaluations", "Mes évaluations", myEvaluationsPage{Seats: seats})
}

func campaignParam(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("cid"), 10, 64)
	if err != nil || id <= 0 {
		return 0, domain.Errorf(domain.ENotFound, "Campagne introuvable.")
	}
	return id, nil
}

func (s *Server) handleAcceptCharter(w http.ResponseWriter, r *http.Request) {
	id, err := campaignParam(r)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	if r.PostFormValue("charte") != "oui" {
		s.web.Fail(w, r, &domain.Error{Code: domain.EInvalid, Message: "Cochez la case pour accepter la charte du jury."})
		return
	}
	if err := s.app.Jury.AcceptCharter(r.Context(), id, web.Principal(r)); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	web.Redirect(w, r, "/jury/evaluations", "charte")
}

type preferencesPage struct {
	Campaign *domain.Campaign
	Member   *store.JuryMember
	Kinds    []domain.CollectiviteKind
	Themes   [][2]string // key, label
	Errors   []formError
}

func (s *Server) preferencesPage(w http.ResponseWriter, r *http.Request, status int, errs []formError) {
	id, err := campaignParam(r)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	m, err := s.app.Store.JuryMember(r.Context(), id, web.User(r).ID)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	cp, err := s.app.Store.Campaign(r.Context(), id)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	page := preferencesPage{Campaign: cp, Member: m, Kinds: domain.Kinds, Errors: errs}
	if q, err := s.app.Candidatures.Questionnaire(cp); err == nil && q.Scoring != nil {
		for _, th := range q.Scoring.Themes {
			page.Themes = append(page.Themes, [2]string{th.Key, th.Label})
		}
	}
	s.render(w, r, status, "jury_preferences", "Mes préférences d’affectation", page)
}

func (s *Server) handlePreferencesForm(w http.ResponseWriter, r *http.Request) {
	s.preferencesPage(w, r, http.StatusOK, nil)
}

func (s *Server) handlePreferences(w http.ResponseWriter, r *http.Request) {
	id, err := campaignParam(r)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	f := r.PostForm
	split := func(v string) []string {
		var out []string
		for _, p := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
			out = append(out, strings.TrimSpace(p))
		}
		return out
	}
	prefs := domain.Preferences{WantRegions: split(f.Get("regions_voulues")), AvoidRegions: split(f.Get("regions_evitees")),
		WantKinds: f["types_voulus"], AvoidKinds: f["types_evites"], WantThemes: f["themes_voulus"], AvoidThemes: f["themes_evites"]}
	maxLoad := 0
	if v := strings.TrimSpace(f.Get("max")); v != "" {
		if maxLoad, err = strconv.Atoi(v); err != nil {
			s.preferencesPage(w, r, http.StatusBadRequest, []formError{{Field: "max", Message: "La charge maximale est un nombre de candidatures (0 : sans maximum)."}})
			return
		}
	}
	if err := s.app.Jury.SetPreferences(r.Context(), id, web.User(r).ID, prefs, maxLoad, web.Principal(r)); err != nil {
		errs, _ := formErrors(err, "max")
		s.preferencesPage(w, r, web.StatusOf(err), errs)
		return
	}
	web.Redirect(w, r, "/jury/evaluations", "preferences")
}
