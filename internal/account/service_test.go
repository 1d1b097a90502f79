package account_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/mail"

	"github.com/adullact/tnl/internal/account"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/testdb"
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// lastLink returns the token of the newest link of a kind sent to an address.
func lastLink(t *testing.T, st *store.Store, to, path string) string {
	t.Helper()
	msgs, _, err := st.OutboxMessages(context.Background(), store.OutboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		if m.Recipient == to {
			if i := strings.Index(m.Body, path); i >= 0 {
				tok := m.Body[i+len(path):]
				return tok[:strings.IndexAny(tok, "\n ")]
			}
		}
	}
	t.Fatalf("no %s link sent to %s", path, to)
	return ""
}

func code(err error) string { return domain.ErrorCode(err) }

func TestAccountLifecycle(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		ctx := context.Background()
		clk := &clock{t: time.Date(2026, 9, 10, 8, 0, 0, 0, time.UTC)}
		st := testdb.Open(t, dialect, store.WithClock(clk.now))
		svc := account.New(st, testMailer(t))

		_, err := svc.SignUp(ctx, account.SignUpRequest{Name: "", Email: "pas-une-adresse", Password: "court"})
		e := domain.AsError(err)
		if e == nil || e.Code != domain.EInvalid || e.Fields["name"] == "" || e.Fields["email"] == "" || !strings.Contains(e.Fields["password"], "10 caractères") {
			t.Fatalf("bad sign-up: %v %+v", err, e)
		}
		u, err := svc.SignUp(ctx, account.SignUpRequest{Name: "Camille Dupont", Email: "Camille@Mairie.fr", Password: "une phrase de passe"})
		if err != nil {
			t.Fatal(err)
		}
		if u.EmailVerifiedAt != nil || u.Email != "camille@mairie.fr" {
			t.Errorf("new account %+v", u)
		}
		if _, err := svc.SignUp(ctx, account.SignUpRequest{Name: "X", Email: "camille@mairie.fr", Password: "une phrase de passe"}); code(err) != domain.EConflict {
			t.Errorf("second account with the same address: %v", err)
		}

		// Email verification: one use.
		token := lastLink(t, st, "camille@mairie.fr", "/verifier/")
		v, err := svc.Verify(ctx, token)
		if err != nil || v.EmailVerifiedAt == nil {
			t.Fatalf("verify: %v", err)
		}
		u = v
		// Opened again (a mail filter opened it first): still a success,
		// the address is proved.
		if again, err := svc.Verify(ctx, token); err != nil || again.ID != u.ID {
			t.Errorf("verification link opened twice: %v", err)
		}
		if _, err := svc.Verify(ctx, "pas-un-jeton"); code(err) != domain.ENotFound {
			t.Errorf("unknown verification link: %v", err)
		}

		// Sign in, session, sign out.
		_, session, err := svc.SignIn(ctx, "CAMILLE@mairie.fr", "une phrase de passe", "192.0.2.1")
		if err != nil {
			t.Fatal(err)
		}
		if who, err := svc.SessionUser(ctx, session); err != nil || who.ID != u.ID {
			t.Fatalf("session: %v", err)
		}
		if err := svc.SignOut(ctx, session); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.SessionUser(ctx, session); err == nil {
			t.Error("session still valid after sign-out")
		}
		// An idle session expires.
		_, session, _ = svc.SignIn(ctx, "camille@mairie.fr", "une phrase de passe", "192.0.2.1")
		clk.add(account.SessionIdle + time.Minute)
		if _, err := svc.SessionUser(ctx, session); err == nil {
			t.Error("idle session still valid")
		}

		// Password reset: an hour, one use, signs the other sessions out.
		if err := svc.RequestReset(ctx, "inconnu@mairie.fr"); err != nil {
			t.Errorf("reset for an unknown address must look the same: %v", err)
		}
		_, other, _ := svc.SignIn(ctx, "camille@mairie.fr", "une phrase de passe", "192.0.2.1")
		if err := svc.RequestReset(ctx, "camille@mairie.fr"); err != nil {
			t.Fatal(err)
		}
		reset := lastLink(t, st, "camille@mairie.fr", "/reinitialiser/")
		if _, err := svc.Reset(ctx, reset, "court"); code(err) != domain.EInvalid {
			t.Errorf("short new password: %v", err)
		}
		if _, err := svc.Reset(ctx, reset, "un tout nouveau mot de passe"); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Reset(ctx, reset, "encore un autre mot de passe"); code(err) != domain.ENotFound {
			t.Errorf("reset link used twice: %v", err)
		}
		if _, err := svc.SessionUser(ctx, other); err == nil {
			t.Error("a session survived the password change")
		}
		clk.add(account.LinkInterval)
		if err := svc.RequestReset(ctx, "camille@mairie.fr"); err != nil {
			t.Fatal(err)
		}
		expired := lastLink(t, st, "camille@mairie.fr", "/reinitialiser/")
		clk.add(account.ResetTTL + time.Second)
		if _, err := svc.Reset(ctx, expired, "un tout nouveau mot de passe"); code(err) != domain.ENotFound {
			t.Errorf("expired reset link: %v", err)
		}

		// API tokens: shown once, hashed at rest, revocable.
		tok, stored, err := svc.CreateAPIToken(ctx, u, "script de suivi")
		if err != nil || !strings.HasPrefix(tok, account.APITokenPrefix) || stored.TokenHash == tok || strings.Contains(stored.TokenHash, tok) {
			t.Fatalf("token %q stored as %q: %v", tok, stored.TokenHash, err)
		}
		if who, err := svc.APITokenUser(ctx, tok); err != nil || who.ID != u.ID {
			t.Fatalf("token user: %v", err)
		}
		if err := st.RevokeAPIToken(ctx, u.ID, stored.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.APITokenUser(ctx, tok); code(err) != domain.EUnauthorized {
			t.Errorf("revoked token still works: %v", err)
		}
	})
}

// Five wrong passwords for an address lock it for a quarter of an hour,
// even with the right password; then it works again.
func TestSignInThrottling(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		ctx := context.Background()
		clk := &clock{t: time.Date(2026, 9, 10, 8, 0, 0, 0, time.UTC)}
		st := testdb.Open(t, dialect, store.WithClock(clk.now))
		svc := account.New(st, testMailer(t))
		var slept []time.Duration
		svc.SetSleep(func(_ context.Context, d time.Duration) error { slept = append(slept, d); return nil })
		if _, err := svc.SignUp(ctx, account.SignUpRequest{Name: "C", Email: "c@mairie.fr", Password: "une phrase de passe"}); err != nil {
			t.Fatal(err)
		}
		for i := range account.MaxFailsPerClient {
			if _, _, err := svc.SignIn(ctx, "c@mairie.fr", "mauvais mot de passe", "192.0.2.1"); code(err) != domain.EUnauthorized {
				t.Fatalf("attempt %d: %v", i+1, err)
			}
		}
		// The guessing client is refused for this address…
		_, _, err := svc.SignIn(ctx, "c@mairie.fr", "une phrase de passe", "192.0.2.1")
		if code(err) != domain.EUnprocessable || !strings.Contains(domain.ErrorMessage(err), "depuis votre connexion") || !strings.Contains(domain.ErrorMessage(err), "nouveau mot de passe (ce qui lève ce blocage)") {
			t.Fatalf("after 5 failures: %v", err)
		}
		if len(slept) != 0 {
			t.Errorf("slowed down before the address's limit: %v", slept)
		}
		// …but the owner, from another client, signs in after a short delay.
		if _, _, err := svc.SignIn(ctx, "c@mairie.fr", "une phrase de passe", "198.51.100.7"); err != nil {
			t.Fatalf("the owner from another client: %v", err)
		}
		if len(slept) != 1 || slept[0] != account.SlowDown {
			t.Errorf("the owner waited %v, want one slow-down of %v", slept, account.SlowDown)
		}
		clk.add(account.ThrottleWindow + time.Second)
		if _, _, err := svc.SignIn(ctx, "c@mairie.fr", "une phrase de passe", "192.0.2.1"); err != nil {
			t.Errorf("after the window: %v", err)
		}
		// An unknown address fails like a wrong password.
		if _, _, err := svc.SignIn(ctx, "personne@mairie.fr", "x", "192.0.2.9"); code(err) != domain.EUnauthorized || !strings.Contains(domain.ErrorMessage(err), "Adresse ou mot de passe incorrect") {
			t.Errorf("unknown address: %v", err)
		}
	})
}

// A password reset lifts the blocking of the address, as the message says.
func TestResetClearsSignInFailures(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		ctx := context.Background()
		st := testdb.Open(t, dialect)
		svc := account.New(st, testMailer(t))
		svc.SetSleep(func(context.Context, time.Duration) error { return nil })
		if _, err := svc.SignUp(ctx, account.SignUpRequest{Name: "C", Email: "c_d@mairie.fr", Password: "une phrase de passe"}); err != nil {
			t.Fatal(err)
		}
		for range account.MaxFailsPerClient {
			svc.SignIn(ctx, "c_d@mairie.fr", "mauvais", "192.0.2.1")
		}
		if _, _, err := svc.SignIn(ctx, "c_d@mairie.fr", "une phrase de passe", "192.0.2.1"); code(err) != domain.EUnprocessable {
			t.Fatalf("blocked client: %v", err)
		}
		if err := svc.RequestReset(ctx, "c_d@mairie.fr"); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Reset(ctx, lastLink(t, st, "c_d@mairie.fr", "/reinitialiser/"), "un tout nouveau mot de passe"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := svc.SignIn(ctx, "c_d@mairie.fr", "un tout nouveau mot de passe", "192.0.2.1"); err != nil {
			t.Errorf("after the reset, from the blocked client: %v", err)
		}
		since := time.Now().Add(-time.Hour)
		if n, _ := st.LoginFailures(ctx, "email:c_d@mairie.fr", since); n != 0 {
			t.Errorf("%d failures left on the address", n)
		}
	})
}

// Simultaneous guesses for one address cannot all pass the count: at most
// MaxFailsPerEmail of them reach the password check without the slow-down,
// and one client's at most MaxFailsPerClient.
func TestSignInThrottlingConcurrent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := testdb.Open(t, "sqlite")
	svc := account.New(st, testMailer(t))
	var mu sync.Mutex
	slowed := 0
	svc.SetSleep(func(context.Context, time.Duration) error { mu.Lock(); slowed++; mu.Unlock(); return nil })
	if _, err := svc.SignUp(ctx, account.SignUpRequest{Name: "C", Email: "c@mairie.fr", Password: "une phrase de passe"}); err != nil {
		t.Fatal(err)
	}
	const guesses = 20
	codes := make(chan string, 2*guesses)
	var wg sync.WaitGroup
	for i := range guesses {
		wg.Go(func() {
			_, _, err := svc.SignIn(ctx, "c@mairie.fr", fmt.Sprintf("essai %d", i), fmt.Sprintf("192.0.2.%d", i))
			codes <- code(err)
		})
	}
	// And as many from one client.
	one := make(chan string, guesses)
	for i := range guesses {
		wg.Go(func() {
			_, _, err := svc.SignIn(ctx, "c@mairie.fr", fmt.Sprintf("essai %d", i), "203.0.113.1")
			one <- code(err)
		})
	}
	wg.Wait()
	close(codes)
	close(one)
	checked := 0
	for c := range codes {
		if c == domain.EUnauthorized {
			checked++
		}
	}
	oneChecked := 0
	for c := range one {
		if c == domain.EUnauthorized {
			checked++
			oneChecked++
		}
	}
	if oneChecked > account.MaxFailsPerClient {
		t.Errorf("one client had %d password checks, want at most %d", oneChecked, account.MaxFailsPerClient)
	}
	if checked-slowed > account.MaxFailsPerEmail {
		t.Errorf("%d password checks, %d slowed down: want at most %d without the slow-down", checked, slowed, account.MaxFailsPerEmail)
	}
}

// A password reset ends every access the old password could have opened:
// sessions, API tokens, the other reset links. One link of a kind is sent
// at a time.
func TestResetEndsEveryAccess(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		ctx := context.Background()
		clk := &clock{t: time.Date(2026, 9, 10, 8, 0, 0, 0, time.UTC)}
		st := testdb.Open(t, dialect, store.WithClock(clk.now))
		svc := account.New(st, testMailer(t))
		u, err := svc.SignUp(ctx, account.SignUpRequest{Name: "C", Email: "c@mairie.fr", Password: "une phrase de passe"})
		if err != nil {
			t.Fatal(err)
		}
		// Until the address is proved, the account may be someone
		// else's: no API token.
		if _, _, err := svc.CreateAPIToken(ctx, u, "script"); code(err) != domain.EForbidden {
			t.Errorf("token for an unverified account: %v", err)
		}
		if err := svc.SendVerification(ctx, u); code(err) != domain.EUnprocessable {
			t.Errorf("second verification email at once: %v", err)
		}
		if u, err = svc.Verify(ctx, lastLink(t, st, "c@mairie.fr", "/verifier/")); err != nil {
			t.Fatal(err)
		}
		tok, _, err := svc.CreateAPIToken(ctx, u, "script")
		if err != nil {
			t.Fatal(err)
		}
		sent := func() int {
			msgs, _, err := st.OutboxMessages(ctx, store.OutboxFilter{})
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, m := range msgs {
				if strings.Contains(m.Body, "/reinitialiser/") {
					n++
				}
			}
			return n
		}
		if err := svc.RequestReset(ctx, "c@mairie.fr"); err != nil {
			t.Fatal(err)
		}
		first := lastLink(t, st, "c@mairie.fr", "/reinitialiser/")
		if err := svc.RequestReset(ctx, "c@mairie.fr"); err != nil || sent() != 1 {
			t.Errorf("a second reset email at once: %v, %d sent", err, sent())
		}
		clk.add(account.LinkInterval)
		if err := svc.RequestReset(ctx, "c@mairie.fr"); err != nil || sent() != 2 {
			t.Fatalf("reset email after the interval: %v, %d sent", err, sent())
		}
		second := lastLink(t, st, "c@mairie.fr", "/reinitialiser/")
		if second == first {
			t.Fatal("the same reset link twice")
		}
		if _, err := svc.Reset(ctx, second, "un tout nouveau mot de passe"); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.APITokenUser(ctx, tok); code(err) != domain.EUnauthorized {
			t.Errorf("an API token survived the reset: %v", err)
		}
		if err := svc.CheckResetLink(ctx, first); code(err) != domain.ENotFound {
			t.Errorf("an older reset link survived the reset: %v", err)
		}
	})
}

// Insisting on a locked address counts against the client: the client is
// locked in turn, and the address's failures stop growing.
func TestSignInRefusalsCountAgainstTheClient(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := testdb.Open(t, "sqlite")
	svc := account.New(st, testMailer(t))
	for i := range account.MaxFailsPerClient {
		if _, _, err := svc.SignIn(ctx, "c@mairie.fr", "x", "192.0.2.1"); code(err) != domain.EUnauthorized {
			t.Fatalf("attempt %d: %v", i+1, err)
		}
	}
	for range account.MaxFailsPerIP {
		if _, _, err := svc.SignIn(ctx, "c@mairie.fr", "x", "192.0.2.1"); code(err) != domain.EUnprocessable {
			t.Fatalf("locked address: %v", err)
		}
	}
	// The client is now over its own limit, for any address.
	if _, _, err := svc.SignIn(ctx, "autre@mairie.fr", "x", "192.0.2.1"); code(err) != domain.EUnprocessable {
		t.Errorf("client over its limit: %v", err)
	}
	since := time.Now().Add(-time.Hour)
	if n, err := st.LoginFailures(ctx, "email:c@mairie.fr", since); err != nil || n != account.MaxFailsPerEmail {
		t.Errorf("address failures %d (%v), want %d: refusals must not add rows", n, err, account.MaxFailsPerEmail)
	}
}

// A client opens a few accounts per quarter of an hour, not thousands.
func TestSignUpThrottling(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := testdb.Open(t, "sqlite")
	svc := account.New(st, testMailer(t))
	signUp := func(i int, ip string) error {
		_, err := svc.SignUp(ctx, account.SignUpRequest{Name: "C", Email: fmt.Sprintf("c%d@mairie.fr", i), Password: "une phrase de passe", ClientIP: ip})
		return err
	}
	for i := range account.MaxSignUpsPerIP {
		if err := signUp(i, "192.0.2.1"); err != nil {
			t.Fatalf("sign-up %d: %v", i+1, err)
		}
	}
	if err := signUp(100, "192.0.2.1"); code(err) != domain.EUnprocessable {
		t.Errorf("sign-up over the limit: %v", err)
	}
	if _, err := st.UserByEmail(ctx, "c100@mairie.fr"); code(err) != domain.ENotFound {
		t.Errorf("an account was created over the limit: %v", err)
	}
	if err := signUp(101, "192.0.2.2"); err != nil {
		t.Errorf("another client: %v", err)
	}
}

func testMailer(t testing.TB) *mail.Mailer {
	t.Helper()
	m, err := mail.New("https://tnl.test")
	if err != nil {
		t.Fatal(err)
	}
	return m
}
