package candidature

import (
	"context"
	"strings"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/workflow"
)

// threadMessage writes the event's comment into the candidature's message
// thread, as a message of the given kind (the jury's complement question,
// the élu's answer): the thread shows the whole exchange.
func threadMessage(kind string) func(context.Context, *store.Tx, *subject, workflow.Input, workflow.Effects) error {
	return func(ctx context.Context, tx *store.Tx, s *subject, in workflow.Input, _ workflow.Effects) error {
		m := &domain.Message{CandidatureID: s.ID, Kind: kind, Body: strings.TrimSpace(in.Comment), AuthorLabel: s.Actor.Name}
		if m.AuthorLabel == "" {
			m.AuthorLabel = s.Actor.Label()
		}
		if s.Actor.UserID != 0 {
			uid := s.Actor.UserID
			m.AuthorID = &uid
		}
		if r := s.Relations.Primary(policy.Of(policy.Elu, policy.Accompagnateur, policy.Staff, policy.President, policy.Juror, policy.Jury)); r != 0 {
			m.AuthorRole = r.Code()
		}
		if kind == domain.MessageQuestion {
			// The reply deadline the request has just set, shown by the
			// question in the thread.
			m.ReplyBefore = s.P.Candidature.ComplementDueAt
		}
		return tx.AddMessage(ctx, m)
	}
}

// both runs two side effects in order.
func both(a, b func(context.Context, *store.Tx, *subject, workflow.Input, workflow.Effects) error) func(context.Context, *store.Tx, *subject, workflow.Input, workflow.Effects) error {
	return func(ctx context.Context, tx *store.Tx, s *subject, in workflow.Input, fx workflow.Effects) error {
		if err := a(ctx, tx, s, in, fx); err != nil {
			return err
		}
		return b(ctx, tx, s, in, fx)
	}
}
