package ui

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/web"
)

// handleSchedulePublication schedules the palmarès' publication at a
// Paris instant (the ceremony's), or with « annuler » unschedules it; the
// scheduler publishes then, as the campaign's « publier » event.
func (s *Server) handleSchedulePublication(w http.ResponseWriter, r *http.Request) {
	subj := web.CurrentSubject(r)
	typed := map[string]string{"publication": r.PostFormValue("publication"), "publication_heure": r.PostFormValue("publication_heure")}
	c, err := s.app.Store.Campaign(r.Context(), subj.ID)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	var at *time.Time
	if r.PostFormValue("annuler") == "" {
		day, hour := strings.TrimSpace(typed["publication"]), strings.TrimSpace(typed["publication_heure"])
		if hour == "" {
			hour = "18:00"
		}
		t, err := parseFormDate(day + "T" + hour)
		if day == "" || err != nil {
			s.campaignPage(w, r, http.StatusUnprocessableEntity, typed, &domain.Error{Code: domain.EInvalid, Message: "Le formulaire contient des erreurs.",
				Fields: map[string]string{"publication": "Indiquez le jour et l’heure de la publication (heure de Paris)."}})
			return
		}
		at = &t
	}
	if _, err := s.app.Campaigns.SchedulePublication(r.Context(), c.Year, at, web.Principal(r)); err != nil {
		if e := domain.AsError(err); e != nil && (e.Code == domain.EInvalid || e.Code == domain.EUnprocessable) {
			s.campaignPage(w, r, http.StatusUnprocessableEntity, typed, fieldError(e, "publication"))
			return
		}
		s.web.Fail(w, r, err)
		return
	}
	web.Redirect(w, r, fmt.Sprintf("/admin/campagnes/%d", c.ID), "publication")
}
