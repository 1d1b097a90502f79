package privacy

import (
	"context"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/workflow"
)

// AccountSubject is the audit trail's subject type of an account's deletion.
const AccountSubject = "compte"

// DeleteAccount deletes an account at its owner's request (who is the
// owner) or on their behalf (who is staff or the operator at the command
// line): its drafts never deposited are deleted, its other personal data
// erased, its audit rows keep their place with the actor anonymised, and
// the deletion itself is recorded. A staff account is not deleted from its
// own page: another member of staff does it with the command line.
func (s *Service) DeleteAccount(ctx context.Context, userID int64, who policy.Principal, why string) error {
	return s.store.InTx(ctx, func(tx *store.Tx) error {
		u, err := tx.LockUser(ctx, userID)
		if err != nil {
			return err
		}
		if u.DeletedAt != nil {
			return domain.Errorf(domain.ENotFound, "Ce compte est déjà supprimé.")
		}
		if who.UserID == u.ID && u.Role == domain.RoleStaff {
			return domain.Errorf(domain.EForbidden, "Un compte de l’équipe ne se supprime pas depuis sa page : demandez à un autre membre de l’équipe (tnl user delete).")
		}
		return s.erase(ctx, tx, userID, who, why)
	})
}

// erase deletes the account's drafts, records the deletion and erases the
// account, inside tx (the account is locked by the caller or by LockUser).
func (s *Service) erase(ctx context.Context, tx *store.Tx, userID int64, who policy.Principal, why string) error {
	u, err := tx.LockUser(ctx, userID)
	if err != nil {
		return err
	}
	drafts, err := tx.DraftsOwnedBy(ctx, userID)
	if err != nil {
		return err
	}
	for _, id := range drafts {
		if err := tx.DeleteCandidature(ctx, id); err != nil {
			return err
		}
		if err := s.engine.Record(ctx, tx, "candidature", id, workflow.RecordDelete, domain.Brouillon, who, policy.System,
			"brouillon supprimé avec le compte de son élu"); err != nil {
			return err
		}
	}
	entry := &domain.AuditEntry{SubjectType: AccountSubject, SubjectID: u.ID, Event: "supprimer", FromState: "actif", ToState: "supprime",
		ActorLabel: who.Label(), Comment: why}
	if !who.System && who.UserID != 0 {
		uid := who.UserID
		entry.ActorID = &uid
	}
	switch {
	case who.UserID == u.ID:
		entry.ActorRole = "titulaire"
	case who.System:
		entry.ActorRole = policy.System.Code()
	case who.Staff:
		entry.ActorRole = policy.Staff.Code()
	}
	if err := tx.AddAudit(ctx, entry); err != nil {
		return err
	}
	if err := tx.EraseUser(ctx, u); err != nil {
		return err
	}
	s.logger.Info("account deleted", "user", u.ID, "by", who.Label(), "why", why, "drafts", len(drafts))
	return nil
}
