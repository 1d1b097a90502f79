package e2e

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/adullact/tnl/internal/account"
	"github.com/adullact/tnl/internal/domain"
)

const e2ePassword = "une phrase de passe solide"

// addPerson creates a confirmed account with e2ePassword.
func (p *platform) addPerson(email, name, role string) *domain.User {
	p.t.Helper()
	hash, err := account.HashPassword(e2ePassword)
	if err != nil {
		p.t.Fatal(err)
	}
	now := p.store.Now()
	u := &domain.User{Email: email, Name: name, Role: role, PasswordHash: hash, EmailVerifiedAt: &now}
	if err := p.store.CreateUser(context.Background(), u); err != nil {
		p.t.Fatal(err)
	}
	return u
}

// signIn signs a person in through the sign-in page (after signing out
// whoever was).
func signIn(t *testing.T, ctx context.Context, base, email string) {
	t.Helper()
	var signedIn bool
	run(t, ctx, "who is signed in", chromedp.Navigate(base+"/"), chromedp.WaitReady("main", chromedp.ByQuery),
		chromedp.Evaluate(`!!document.querySelector('form[action="/deconnexion"] button')`, &signedIn))
	if signedIn {
		run(t, ctx, "sign out", chromedp.Click(`form[action="/deconnexion"] button`, chromedp.ByQuery), chromedp.WaitVisible(".notice", chromedp.ByQuery))
	}
	run(t, ctx, "sign in as "+email,
		chromedp.Navigate(base+"/connexion"),
		chromedp.WaitVisible("#email", chromedp.ByID),
		chromedp.SendKeys("#email", email, chromedp.ByID),
		chromedp.SendKeys("#password", e2ePassword, chromedp.ByID),
		chromedp.Click("form[action='/connexion'] button[type=submit]", chromedp.ByQuery),
		chromedp.WaitVisible(".notice", chromedp.ByQuery))
}

// newCandidature creates, as the signed-in person, the candidature of the
// collectivité found by query, and returns its address.
func newCandidature(t *testing.T, ctx context.Context, base, query string) string {
	t.Helper()
	var loc string
	run(t, ctx, "create the candidature of "+query,
		chromedp.Navigate(base+"/candidatures/nouvelle"),
		chromedp.SendKeys("#q", query, chromedp.ByID),
		chromedp.Click("form[role=search] button", chromedp.ByQuery),
		chromedp.WaitVisible(".results", chromedp.ByQuery),
		chromedp.Click(".results form button", chromedp.ByQuery),
		chromedp.WaitVisible(".notice", chromedp.ByQuery),
		chromedp.Location(&loc))
	for i := range loc {
		if loc[i] == '?' {
			return loc[:i]
		}
	}
	return loc
}
