package main

import (
	"context"
	"fmt"

	"github.com/adullact/tnl/internal/store"
)

// outboxState is how far the server's mail worker got: each submission
// queues an acknowledgement of receipt (with its PDF), delivered in the
// background.
type outboxState struct {
	Sent    int `json:"sent"`
	Pending int `json:"pending"`
}

func readOutbox(ctx context.Context, st *store.Store) (*outboxState, error) {
	out := &outboxState{}
	var err error
	if _, out.Sent, err = st.OutboxMessages(ctx, store.OutboxFilter{Status: store.OutboxSent, Limit: 1}); err != nil {
		return nil, fmt.Errorf("courriels envoyés : %w", err)
	}
	if _, out.Pending, err = st.OutboxMessages(ctx, store.OutboxFilter{Status: store.OutboxPending, Limit: 1}); err != nil {
		return nil, fmt.Errorf("courriels en attente : %w", err)
	}
	return out, nil
}
