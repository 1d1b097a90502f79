package ambassadeurs

import (
	"context"
	"slices"
	"strings"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
)

// Space is a person's ambassadeur space.
type Space struct {
	Memberships []store.Membership
	// Waiting are the requests of their GULLs' zones that wait for an
	// ambassadeur; InCharge those they took.
	Waiting  []store.VisiteSummary
	InCharge []store.VisiteSummary
	// Tools: they use the kit, the template letters and the reports feed.
	Tools bool
	// Courriers are the mailing campaigns they are the partner of.
	Courriers []domain.Courrier
}

// Space returns the person's ambassadeur space.
func (s *Service) Space(ctx context.Context, who policy.Principal) (*Space, error) {
	f, ms, err := s.toolsFacts(ctx, who)
	if err != nil {
		return nil, err
	}
	sp := &Space{Memberships: ms, Tools: s.policy.Allows(policy.AmbassadeurTools, policy.Relations(who, f), f)}
	if who.UserID == 0 {
		return sp, nil
	}
	if sp.Waiting, err = s.store.VisitesWaitingFor(ctx, who.UserID); err != nil {
		return nil, err
	}
	if sp.InCharge, err = s.store.VisitesInChargeOf(ctx, who.UserID); err != nil {
		return nil, err
	}
	if sp.Courriers, err = s.store.Courriers(ctx, who.UserID); err != nil {
		return nil, err
	}
	return sp, nil
}

// GullBoard is a GULL's dashboard, for its members and staff.
type GullBoard struct {
	Gull         *domain.Gull
	Zone         []ZoneEntry
	Home         *domain.Collectivite
	Members      []store.GullMember
	Invitations  []domain.AmbassadeurLink
	Visites      []store.VisiteSummary
	Candidatures []store.VisitCandidature
	// Counts of the requests routed to it.
	Routed, Waiting, Taken, Visited, Declined int
}

// GullBoard returns a GULL's dashboard.
func (s *Service) GullBoard(ctx context.Context, gullID int64) (*GullBoard, error) {
	g, err := s.store.Gull(ctx, gullID)
	if err != nil {
		return nil, err
	}
	b := &GullBoard{Gull: g}
	if b.Zone, err = s.Zone(ctx, gullID); err != nil {
		return nil, err
	}
	if c, err := s.store.CollectiviteByCode(ctx, domain.KindCommune, g.HomeCommuneCode); err == nil {
		b.Home = c
	}
	if b.Members, err = s.store.GullMembers(ctx, gullID); err != nil {
		return nil, err
	}
	if b.Invitations, err = s.store.PendingGullInvitations(ctx, gullID); err != nil {
		return nil, err
	}
	if b.Visites, err = s.store.VisitesOfGull(ctx, gullID); err != nil {
		return nil, err
	}
	if b.Candidatures, err = s.store.CandidaturesOfGull(ctx, gullID); err != nil {
		return nil, err
	}
	for _, v := range b.Visites {
		b.Routed++
		switch {
		case v.State == domain.VisiteConfirmee:
			b.Waiting++
		case v.GullID != nil && *v.GullID == gullID:
			b.Taken++
			if slices.Contains(domain.VisitedStates(), v.State) {
				b.Visited++
			}
		}
	}
	return b, nil
}

func sortByName(cs []domain.Collectivite) {
	slices.SortFunc(cs, func(a, b domain.Collectivite) int {
		return strings.Compare(domain.SearchKey(a.Name), domain.SearchKey(b.Name))
	})
}
