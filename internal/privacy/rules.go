package privacy

import (
	"context"
	"fmt"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/workflow"
)

// Rule names.
const (
	RuleDrafts   = "brouillons"
	RuleAccounts = "comptes"
)

// draftsRule deletes the candidatures never deposited, DraftMonths after
// their campaign's deadline: they can no longer be deposited, and hold the
// names and answers of people who did not go through with them.
func (s *Service) draftsRule() Rule {
	months := s.settings.DraftMonths
	return Rule{
		Name:      RuleDrafts,
		Treatment: s.draftsTreatment(),
		Expiring: func(ctx context.Context, until time.Time) ([]Expiring, error) {
			drafts, err := s.store.DraftsClosedBefore(ctx, until.AddDate(0, -months, 0))
			if err != nil {
				return nil, err
			}
			out := make([]Expiring, 0, len(drafts))
			for _, d := range drafts {
				members, err := s.store.Members(ctx, d.ID)
				if err != nil {
					return nil, err
				}
				var to []Recipient
				for _, m := range members {
					if m.Email != store.ErasedEmail(m.UserID) {
						to = append(to, Recipient{Email: m.Email, Name: m.Name})
					}
				}
				out = append(out, Expiring{ID: d.ID, Ends: d.ClosesAt.AddDate(0, months, 0), Notify: to,
					What: fmt.Sprintf("le brouillon de candidature %s au label %d (référence %s), qui n’a jamais été déposé,", fr.De(d.Collectivite), d.Year, d.Reference)})
			}
			return out, nil
		},
		Delete: func(ctx context.Context, tx *store.Tx, id int64, now time.Time) (bool, error) {
			return s.deleteDraft(ctx, tx, id, now.AddDate(0, -months, 0), retention(),
				fmt.Sprintf("brouillon jamais déposé, conservé %s après la date limite", fr.Count(months, "mois", "mois")))
		},
	}
}

// deleteDraft records the deletion in the candidature's audit chain and
// deletes it, if it is still a draft never deposited of a campaign closed
// before the instant.
func (s *Service) deleteDraft(ctx context.Context, tx *store.Tx, id int64, closedBefore time.Time, who policy.Principal, why string) (bool, error) {
	deleted, err := tx.DeleteDraft(ctx, id, closedBefore)
	if err != nil || !deleted {
		return false, err
	}
	return true, s.engine.Record(ctx, tx, "candidature", id, workflow.RecordDelete, domain.Brouillon, who, policy.System, why)
}

// accountsRule deletes the accounts neither used nor reached by API for
// AccountYears (staff's aside: the ADULLACT manages them).
func (s *Service) accountsRule() Rule {
	years := s.settings.AccountYears
	return Rule{
		Name:      RuleAccounts,
		Treatment: s.accountsTreatment(),
		Expiring: func(ctx context.Context, until time.Time) ([]Expiring, error) {
			users, err := s.store.InactiveAccounts(ctx, until.AddDate(-years, 0, 0))
			if err != nil {
				return nil, err
			}
			out := make([]Expiring, 0, len(users))
			for _, u := range users {
				seen := u.CreatedAt
				if u.LastSeenAt != nil {
					seen = *u.LastSeenAt
				}
				out = append(out, Expiring{ID: u.ID, Ends: seen.AddDate(years, 0, 0),
					What:   fmt.Sprintf("votre compte %s, que vous n’avez pas utilisé depuis le %s", u.Email, fr.Date(seen)),
					Keep:   "Pour le garder, il suffit de vous connecter avant cette date.",
					Notify: recipients([]domain.User{u})})
			}
			return out, nil
		},
		Delete: func(ctx context.Context, tx *store.Tx, id int64, now time.Time) (bool, error) {
			// Checked under the account's lock: a sign-in at this instant keeps it.
			if _, err := tx.LockUser(ctx, id); err != nil {
				return false, err
			}
			inactive, err := tx.InactiveSince(ctx, id, now.AddDate(-years, 0, 0))
			if err != nil || !inactive {
				return false, err
			}
			return true, s.erase(ctx, tx, id, retention(), fmt.Sprintf("compte inutilisé depuis %s", fr.Count(years, "an", "ans")))
		},
	}
}
