package main

import (
	"context"
	"fmt"

	"github.com/adullact/tnl/internal/account"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
)

// benchPassword is every élu's password: one argon2id hash is computed for
// all the accounts, each sign-in still verifies it in full.
const benchPassword = "banc-d-essai-tnl-2026"

// applicant is a collectivité that applies, and its élu référent.
type applicant struct {
	CollectiviteID int64
	Name           string
	Email          string
}

// chooseApplicants returns n active collectivités (all when n is 0 or
// more than there are), spread evenly over all of them in id order so that
// every kind is represented, in a deterministic order.
func chooseApplicants(ctx context.Context, st *store.Store, n int) ([]applicant, int, error) {
	var rows []struct {
		ID   int64  `bun:"id"`
		Name string `bun:"name"`
	}
	err := st.DB().NewSelect().TableExpr("collectivites").Column("id", "name").Where("active").Order("id").Scan(ctx, &rows)
	if err != nil {
		return nil, 0, fmt.Errorf("lecture des collectivités : %w", err)
	}
	total := len(rows)
	if n <= 0 || n > total {
		n = total
	}
	out := make([]applicant, n)
	for i := range n {
		r := rows[i*total/n]
		out[i] = applicant{CollectiviteID: r.ID, Name: r.Name, Email: fmt.Sprintf("elu-%d@banc.tnl.exemple.fr", r.ID)}
	}
	return out, total, nil
}

// createAccounts inserts the élus' accounts in bulk, verified, all with the
// same password hash.
func createAccounts(ctx context.Context, st *store.Store, apps []applicant) error {
	hash, err := account.HashPassword(benchPassword)
	if err != nil {
		return err
	}
	now := st.Now()
	const batch = 1000
	for start := 0; start < len(apps); start += batch {
		users := make([]domain.User, 0, batch)
		for _, a := range apps[start:min(start+batch, len(apps))] {
			users = append(users, domain.User{Email: a.Email, Name: "Élu·e de " + a.Name, PasswordHash: hash,
				Role: domain.RoleMember, EmailVerifiedAt: &now, CreatedAt: now, Version: 1})
		}
		if _, err := st.DB().NewInsert().Model(&users).Exec(ctx); err != nil {
			return fmt.Errorf("création des comptes : %w", err)
		}
	}
	return nil
}
