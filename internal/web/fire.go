package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/workflow"
)

// handleFire fires one event of the candidature's lifecycle from its page.
func (s *Server) handleFire(w http.ResponseWriter, r *http.Request) {
	c := currentCandidature(r)
	event := r.PathValue("event")
	if event == "deposer" {
		http.Redirect(w, r, fmt.Sprintf("/candidatures/%d/depot", c.ID), http.StatusSeeOther)
		return
	}
	in, err := formInput(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if _, err := s.engine.Fire(r.Context(), "candidature", c.ID, event, workflow.UserActor(currentUser(r)), in); err != nil {
		s.fail(w, r, err)
		return
	}
	redirect(w, r, fmt.Sprintf("/candidatures/%d", c.ID), "action")
}

// formInput reads an event's input from a form.
func formInput(r *http.Request) (workflow.Input, error) {
	in := workflow.Input{Comment: r.PostFormValue("commentaire"), Motivation: r.PostFormValue("motivation")}
	in.ExpectedVersion, _ = strconv.Atoi(r.PostFormValue("version"))
	if lv := r.PostFormValue("niveau"); lv != "" {
		n, err := strconv.Atoi(lv)
		if err != nil {
			return in, domain.Errorf(domain.EInvalid, "Niveau invalide : %s.", lv)
		}
		in.Level = &n
	}
	for _, m := range strings.Split(r.PostFormValue("mentions"), "\n") {
		if m = strings.TrimSpace(m); m != "" {
			in.Mentions = append(in.Mentions, m)
		}
	}
	return in, nil
}
