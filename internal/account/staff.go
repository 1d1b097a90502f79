package account

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
)

// WelcomeTTL is how long the link a new staff member chooses their password
// with works.
const WelcomeTTL = 7 * 24 * time.Hour

// CreateStaff creates an account for a new member of ADULLACT's team, whose
// address staff vouch for, and mails them a link (valid seven days, once)
// to choose their password — account and link in one transaction.
func (s *Service) CreateStaff(ctx context.Context, email, name string) (*domain.User, error) {
	email, err := CheckEmail(email)
	if err != nil {
		return nil, err
	}
	name = strings.TrimSpace(name)
	if name == "" || utf8.RuneCountInString(name) > 100 {
		msg := "Indiquez le nom de la personne (100 caractères au plus)."
		return nil, &domain.Error{Code: domain.EInvalid, Message: msg, Fields: map[string]string{"name": msg}}
	}
	if _, err := s.store.UserByEmail(ctx, email); err == nil {
		msg := "Un compte existe déjà pour cette adresse."
		return nil, &domain.Error{Code: domain.EConflict, Message: msg, Fields: map[string]string{"email": msg}}
	}
	// The password is unknown to anybody until the person chooses one.
	unusable, err := RandomToken(32)
	if err != nil {
		return nil, err
	}
	hash, err := HashPassword(unusable)
	if err != nil {
		return nil, err
	}
	token, err := RandomToken(32)
	if err != nil {
		return nil, err
	}
	now := s.store.Now()
	u := &domain.User{Email: email, Name: name, Role: domain.RoleStaff, PasswordHash: hash, EmailVerifiedAt: &now}
	msg, err := s.mailer.Message("bienvenue_equipe", email, struct{ Name, Token string }{name, token})
	if err != nil {
		return nil, err
	}
	err = s.store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateUser(ctx, u); err != nil {
			return err
		}
		uid := u.ID
		return tx.CreateLink(ctx, &domain.AuthLink{TokenHash: HashToken(token), Kind: domain.LinkReset, Email: email, UserID: &uid,
			ExpiresAt: now.Add(WelcomeTTL)}, msg)
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}
