package ui

import (
	"net/http"
	"regexp"
	"strconv"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/web"
)

type outboxRow struct {
	domain.OutboxMessage
	Status string
	// Logged: the message was only written to the log, no SMTP relay
	// being configured.
	Logged bool
	// GivenUp: no more attempt will be made; staff may « Renvoyer ».
	GivenUp bool
}

type outboxPage struct {
	Status   string
	Rows     []outboxRow
	Total    int
	Page     int
	NextPage int
	PrevPage int
	Filters  []outboxFilter
	// Delivered: an SMTP relay is configured.
	Delivered bool
}

type outboxFilter struct {
	Value, Label string
	Current      bool
}

const outboxPageSize = 50

// handleOutbox lets staff read the messages the platform sent (or, without
// SMTP, would have sent) and their delivery state.
func (s *Server) handleOutbox(w http.ResponseWriter, r *http.Request) {
	status := r.URL.Query().Get("etat")
	if status == "" {
		status = store.OutboxAll
	}
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	page = max(page, 1)
	msgs, total, err := s.app.Store.OutboxMessages(r.Context(), store.OutboxFilter{Status: status, Limit: outboxPageSize, Offset: (page - 1) * outboxPageSize})
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	p := outboxPage{Status: status, Total: total, Page: page, Delivered: s.app.MailDelivered}
	now := s.app.Store.Now()
	for _, m := range msgs {
		m.Body = maskLinks(m.Body)
		st := store.OutboxStatus(&m, now)
		row := outboxRow{OutboxMessage: m, Status: map[string]string{
			store.OutboxSent: "envoyé", store.OutboxFailed: "abandonné", store.OutboxPending: "en attente"}[st], GivenUp: st == store.OutboxFailed}
		if st == store.OutboxSent && !s.app.MailDelivered {
			row.Status, row.Logged = "non envoyé : aucun serveur de courriel configuré", true
		}
		p.Rows = append(p.Rows, row)
	}
	if page*outboxPageSize < total {
		p.NextPage = page + 1
	}
	if page > 1 {
		p.PrevPage = page - 1
	}
	for _, f := range []outboxFilter{{store.OutboxAll, "Tous", false}, {store.OutboxPending, "En attente", false}, {store.OutboxSent, "Envoyés", false}, {store.OutboxFailed, "Abandonnés", false}} {
		f.Current = f.Value == status
		p.Filters = append(p.Filters, f)
	}
	s.render(w, r, http.StatusOK, "outbox", "Courriels envoyés", p)
}

// handleOutboxRetry requeues a message given up (or failing) for immediate
// delivery with a fresh count of attempts: « Renvoyer ».
func (s *Server) handleOutboxRetry(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("mid"), 10, 64)
	if err != nil || id <= 0 {
		s.web.Fail(w, r, domain.Errorf(domain.ENotFound, "Message introuvable."))
		return
	}
	if err := s.app.Store.RetryOutbox(r.Context(), id); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	web.Redirect(w, r, "/admin/envois?etat="+store.OutboxPending, "courriel-renvoye")
}

// singleUseLink matches the secret part of the links that open an account:
// address verification, password reset, invitation.
var singleUseLink = regexp.MustCompile(`(/(?:verifier|reinitialiser|invitation)/)[A-Za-z0-9_-]+`)

// maskLinks hides the secret of every single-use link of a message: staff
// reading the outbox must not be able to use a link sent to someone else.
func maskLinks(body string) string {
	return singleUseLink.ReplaceAllString(body, "${1}[lien masqué]")
}
