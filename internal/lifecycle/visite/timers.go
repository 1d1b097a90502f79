package visite

import (
	"context"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/workflow"
)

// timers are the request's timed events. With N = WidenAfter: N days after
// its GULLs were asked, an unclaimed request has its ambassadeurs reminded;
// N days after the reminder, the next-nearest GULLs are added (and the
// clock starts again); EscalateAfter after its confirmation, staff are
// asked to act, once. A request whose address is not confirmed within
// ExpireAfter is dropped.
func (d Deps) timers() []workflow.Timer {
	due := func(state, column, extra string, after func() time.Duration) func(context.Context, *store.Store, time.Time) ([]workflow.Due, error) {
		return func(ctx context.Context, st *store.Store, now time.Time) ([]workflow.Due, error) {
			rows, err := st.VisitesDue(ctx, state, column, now.Add(-after()), extra)
			out := make([]workflow.Due, len(rows))
			for i, r := range rows {
				out[i] = workflow.Due{ID: r.ID, Version: r.Version}
			}
			return out, err
		}
	}
	return []workflow.Timer{
		{Event: "relancer", Due: due(domain.VisiteConfirmee, "routed_at", "reminded_at IS NULL", d.widenAfter)},
		{Event: "elargir", Due: due(domain.VisiteConfirmee, "reminded_at", "", d.widenAfter)},
		{Event: "alerter", Due: due(domain.VisiteConfirmee, "confirmed_at", "escalated_at IS NULL", d.escalateAfter)},
		{Event: "expirer", Due: due(domain.VisiteDemandee, "created_at", "", d.expireAfter)},
	}
}
