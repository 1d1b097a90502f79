package web

import (
	"net/http"
	"strconv"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
)

type outboxRow struct {
	domain.OutboxMessage
	Status string
}

type outboxPage struct {
	Status   string
	Rows     []outboxRow
	Total    int
	Page     int
	NextPage int
	PrevPage int
	Filters  []outboxFilter
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
	msgs, total, err := s.store.OutboxMessages(r.Context(), store.OutboxFilter{Status: status, Limit: outboxPageSize, Offset: (page - 1) * outboxPageSize})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := outboxPage{Status: status, Total: total, Page: page}
	now := s.store.Now()
	for _, m := range msgs {
		p.Rows = append(p.Rows, outboxRow{OutboxMessage: m, Status: map[string]string{
			store.OutboxSent: "envoyé", store.OutboxFailed: "en échec", store.OutboxPending: "en attente"}[store.OutboxStatus(&m, now)]})
	}
	if page*outboxPageSize < total {
		p.NextPage = page + 1
	}
	if page > 1 {
		p.PrevPage = page - 1
	}
	for _, f := range []outboxFilter{{store.OutboxAll, "Tous", false}, {store.OutboxPending, "En attente", false}, {store.OutboxSent, "Envoyés", false}, {store.OutboxFailed, "En échec", false}} {
		f.Current = f.Value == status
		p.Filters = append(p.Filters, f)
	}
	s.render(w, r, http.StatusOK, "outbox", "Courriels envoyés", p)
}
