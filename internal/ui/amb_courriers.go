package ui

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	courrierlc "github.com/adullact/tnl/internal/lifecycle/courrier"
	"github.com/adullact/tnl/internal/publipostage"
	"github.com/adullact/tnl/internal/web"
)

type courriersPage struct {
	Courriers []domain.Courrier
	Req       publipostage.Request
	Remind    string
	Errors    []formError
	FieldErr  map[string]string
}

// handleCourriers lists the mailing campaigns (staff) with the form that
// creates one.
func (s *Server) handleCourriers(w http.ResponseWriter, r *http.Request) {
	s.courriersPage(w, r, http.StatusOK, courriersPage{Req: publipostage.Request{Channel: domain.ChannelPost,
		Subject: courrierlc.DefaultSubject, Letter: courrierlc.DefaultLetter, Reminder: courrierlc.DefaultReminder}})
}

func (s *Server) courriersPage(w http.ResponseWriter, r *http.Request, status int, p courriersPage) {
	cs, err := s.app.Store.Courriers(r.Context(), 0)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	p.Courriers = cs
	s.render(w, r, status, "amb_courriers", "Campagnes de courrier", p)
}

// courrierRequest reads a campaign's form.
func courrierRequest(r *http.Request) (publipostage.Request, string, error) {
	req := publipostage.Request{Title: r.PostFormValue("title"), Departement: r.PostFormValue("departement"),
		Communes: strings.FieldsFunc(r.PostFormValue("communes"), func(c rune) bool { return c == ',' || c == ';' || c == ' ' || c == '\n' || c == '\r' }),
		Channel:  r.PostFormValue("channel"), Sender: r.PostFormValue("sender"), Signature: r.PostFormValue("signature"),
		Subject: r.PostFormValue("subject"), Letter: r.PostFormValue("letter"), Reminder: r.PostFormValue("reminder"), Partner: r.PostFormValue("partner")}
	remind := strings.TrimSpace(r.PostFormValue("remind_after"))
	if remind != "" {
		at, err := fr.ParseInstant(remind)
		if err != nil {
			return req, remind, &domain.Error{Code: domain.EInvalid, Message: "Date de relance illisible.", Fields: map[string]string{"remind_after": "Date illisible : AAAA-MM-JJ."}}
		}
		req.RemindAfter = at
	}
	return req, remind, nil
}

func (s *Server) handleCreateCourrier(w http.ResponseWriter, r *http.Request) {
	req, remind, err := courrierRequest(r)
	if err == nil {
		var c *domain.Courrier
		if c, err = s.app.Publipostage.Create(r.Context(), req, web.Principal(r)); err == nil {
			web.Redirect(w, r, fmt.Sprintf("/ambassadeurs/courriers/%d", c.ID), "courrier-cree")
			return
		}
	}
	p := courriersPage{Req: req, Remind: remind}
	p.Errors, p.FieldErr = formErrors(err, "title", "recipients", "channel", "sender", "subject", "letter", "reminder", "remind_after", "partner")
	s.courriersPage(w, r, web.StatusOf(err), p)
}
