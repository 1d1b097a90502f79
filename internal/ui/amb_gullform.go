package ui

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/adullact/tnl/internal/ambassadeurs"
	"github.com/adullact/tnl/internal/domain"
	gulllc "github.com/adullact/tnl/internal/lifecycle/gull"
	"github.com/adullact/tnl/internal/web"
)

type gullFormPage struct {
	// Gull is the GULL edited, nil for a registration.
	Gull     *domain.Gull
	Req      ambassadeurs.GullRequest
	Verified bool
	Errors   []formError
	FieldErr map[string]string
}

func gullRequest(r *http.Request) ambassadeurs.GullRequest {
	return ambassadeurs.GullRequest{Name: r.PostFormValue("name"), Website: r.PostFormValue("website"), Email: r.PostFormValue("email"),
		Description: r.PostFormValue("description"), Zone: r.PostFormValue("zone"), Home: r.PostFormValue("home")}
}

var gullFieldOrder = []string{"name", "email", "website", "description", "home", "zone"}

// handleGullRegisterForm is the form through which a GULL registers.
func (s *Server) handleGullRegisterForm(w http.ResponseWriter, r *http.Request) {
	u := web.User(r)
	s.render(w, r, http.StatusOK, "amb_gull_form", "Inscrire un GULL", gullFormPage{Verified: u != nil && u.EmailVerifiedAt != nil})
}

func (s *Server) handleGullRegister(w http.ResponseWriter, r *http.Request) {
	req := gullRequest(r)
	g, err := s.app.Ambassadeurs.RegisterGull(r.Context(), req, web.Principal(r))
	if err != nil {
		u := web.User(r)
		p := gullFormPage{Req: req, Verified: u != nil && u.EmailVerifiedAt != nil}
		p.Errors, p.FieldErr = formErrors(err, gullFieldOrder...)
		s.render(w, r, web.StatusOf(err), "amb_gull_form", "Erreur : inscrire un GULL", p)
		return
	}
	web.Redirect(w, r, gulllc.URL(g.ID), "gull-inscrit")
}

// handleGullEditForm edits a GULL's description and zone.
func (s *Server) handleGullEditForm(w http.ResponseWriter, r *http.Request) {
	subj := web.CurrentSubject(r)
	g, err := s.app.Store.Gull(r.Context(), subj.ID)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	zone, err := s.app.Ambassadeurs.Zone(r.Context(), g.ID)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	req := ambassadeurs.GullRequest{Name: g.Name, Website: g.Website, Email: g.Email, Description: g.Description,
		Zone: ambassadeurs.ZoneText(zone), Home: g.HomeCommuneCode}
	s.render(w, r, http.StatusOK, "amb_gull_form", "Modifier "+g.Name, gullFormPage{Gull: g, Req: req, Verified: true})
}

func (s *Server) handleGullEdit(w http.ResponseWriter, r *http.Request) {
	subj := web.CurrentSubject(r)
	req := gullRequest(r)
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	if err := s.app.Ambassadeurs.UpdateGull(r.Context(), subj.ID, version, req, web.Principal(r)); err != nil {
		g, gerr := s.app.Store.Gull(r.Context(), subj.ID)
		if gerr != nil {
			s.web.Fail(w, r, gerr)
			return
		}
		p := gullFormPage{Gull: g, Req: req, Verified: true}
		p.Errors, p.FieldErr = formErrors(err, gullFieldOrder...)
		s.render(w, r, web.StatusOf(err), "amb_gull_form", "Erreur : modifier "+g.Name, p)
		return
	}
	web.Redirect(w, r, fmt.Sprintf("/ambassadeurs/espace/gulls/%d", subj.ID), "gull-modifie")
}
