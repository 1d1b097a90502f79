package visite

import (
	"context"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/workflow"
)

// Payload is a visit request as its events and pages need it.
type Payload struct {
	Visite   *domain.Visite
	Commune  *domain.Collectivite
	Routes   []domain.VisiteRoute
	Declines []domain.VisiteDecline
	// Members are the members of the GULLs the request is routed to.
	Members []store.GullContact
	// InCharge is the ambassadeur who took it, nil if nobody.
	InCharge *domain.User
	// InChargeGull names the GULL they took it for.
	InChargeGull string
	// Report is the visit's report, nil before it.
	Report *domain.VisiteReport

	// Set by an event's side effects for its messages: the contact's
	// fresh personal link (a path) and the GULLs just added.
	link  string
	added []domain.VisiteRoute
	staff []string
}

type subject = workflow.Subject[Payload]

func load(ctx context.Context, tx *store.Tx, id int64, who policy.Principal) (*workflow.Loaded[Payload], error) {
	v, err := tx.Visite(ctx, id)
	if err != nil {
		return nil, err
	}
	p := &Payload{Visite: v}
	if p.Commune, err = tx.Collectivite(ctx, v.CollectiviteID); err != nil {
		return nil, err
	}
	if p.Routes, err = tx.VisiteRoutes(ctx, id); err != nil {
		return nil, err
	}
	if p.Declines, err = tx.VisiteDeclines(ctx, id); err != nil {
		return nil, err
	}
	if p.Members, err = tx.GullContacts(ctx, routeIDs(p.Routes)); err != nil {
		return nil, err
	}
	if v.AmbassadeurID != nil {
		users, err := tx.UsersByID(ctx, []int64{*v.AmbassadeurID})
		if err != nil {
			return nil, err
		}
		p.InCharge = users[*v.AmbassadeurID]
		if v.GullID != nil {
			if g, err := tx.Gull(ctx, *v.GullID); err == nil {
				p.InChargeGull = g.Name
			}
		}
	}
	if r, err := tx.VisiteReport(ctx, id); err == nil {
		p.Report = r
	} else if domain.ErrorCode(err) != domain.ENotFound {
		return nil, err
	}
	facts := policy.Facts{Contact: who.Opens(Name, id)}
	if !who.System && who.UserID != 0 {
		if facts.GullRole, err = tx.VisiteGullRole(ctx, id, who.UserID); err != nil {
			return nil, err
		}
		facts.TookVisit = v.AmbassadeurID != nil && *v.AmbassadeurID == who.UserID
	}
	return &workflow.Loaded[Payload]{ID: v.ID, State: v.State, Version: v.Version, Facts: facts, Payload: p}, nil
}

// Declined reports whether the user said « Pas pour moi ».
func (p *Payload) Declined(userID int64) bool {
	for _, d := range p.Declines {
		if d.UserID == userID {
			return true
		}
	}
	return false
}

// waiting returns the members of the routed GULLs who have not declined,
// each once.
func (p *Payload) waiting() []store.GullContact {
	seen := map[int64]bool{}
	var out []store.GullContact
	for _, m := range p.Members {
		if seen[m.UserID] || p.Declined(m.UserID) {
			continue
		}
		seen[m.UserID] = true
		out = append(out, m)
	}
	return out
}

// allDeclined reports whether every member of every routed GULL declined.
func (p *Payload) allDeclined() bool {
	return len(p.Members) > 0 && len(p.waiting()) == 0
}
