package account

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	netmail "net/mail"
	"runtime"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/adullact/tnl/internal/cleantext"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/mail"
	"github.com/adullact/tnl/internal/store"
)

// Lifetimes and limits.
const (
	SessionIdle     = 14 * 24 * time.Hour // a session unused this long expires
	VerificationTTL = 7 * 24 * time.Hour
	ResetTTL        = time.Hour
	ThrottleWindow  = 15 * time.Minute
	// MaxFailsPerClient failures on one address from one client refuse
	// that client (only) for that address until the window passes or a
	// password reset.
	MaxFailsPerClient = 5
	// MaxFailsPerEmail failures on one address from any client slow every
	// further attempt on it down by SlowDown: the guesser is slowed, the
	// owner from another client still signs in.
	MaxFailsPerEmail = 5
	SlowDown         = 3 * time.Second
	MaxFailsPerIP    = 30
	MaxSignUpsPerIP  = 10
	// LinkInterval is the least time between two emails of the same kind
	// to one address (verification, reset, invitation).
	LinkInterval = 5 * time.Minute
)

// dummyHash is verified when an address has no account, so that the answer
// takes as long as for a real one (argon2id of a random password).
const dummyHash = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$YmB5wYf8Qh2Rq5W8Gq0v3o9m2H1nZ6kT2x4c7e9a1bM"

// Service manages accounts and sessions.
type Service struct {
	store  *store.Store
	mailer *mail.Mailer
	// argon bounds how many argon2id computations run at once (see
	// argonSlots).
	argon chan struct{}
	// failed is told of each refused sign-in (OnSignInFailure).
	failed func(reason string)
	// sleep waits before a slowed-down password check (SetSleep).
	sleep func(ctx context.Context, d time.Duration) error
}

// SetSleep replaces how a slowed-down sign-in waits (tests: no real wait).
func (s *Service) SetSleep(fn func(ctx context.Context, d time.Duration) error) { s.sleep = fn }

func wait(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Reasons of a refused sign-in, for OnSignInFailure.
const (
	SignInWrong     = "wrong_credentials" // unknown address or wrong password
	SignInThrottled = "throttled"         // too many attempts
)

// OnSignInFailure sets the function told of each refused sign-in, with its
// reason (SignInWrong, SignInThrottled): the server counts them.
func (s *Service) OnSignInFailure(fn func(reason string)) { s.failed = fn }

func (s *Service) signInFailed(reason string) {
	if s.failed != nil {
		s.failed(reason)
	}
}

// New returns a Service; mailer writes the links sent by email.
func New(st *store.Store, mailer *mail.Mailer) *Service {
	return &Service{store: st, mailer: mailer, argon: make(chan struct{}, argonSlots(runtime.GOMAXPROCS(0))), sleep: wait}
}

// argonSlots is how many argon2id computations may run at once on procs
// cores: half of them, at least one. Each takes 19 MiB and a core for about
// 25 ms, so a burst of sign-ins neither takes the server's memory nor
// stalls the requests of the people already signed in (autosaves): it
// waits for its turn instead.
func argonSlots(procs int) int { return max(1, procs/2) }

// hash computes a password's stored form when a slot is free, or gives up
// when the request is abandoned while it waits.
func (s *Service) hash(ctx context.Context, pw string) (string, error) {
	select {
	case s.argon <- struct{}{}:
	case <-ctx.Done():
		return "", ctx.Err()
	}
	defer func() { <-s.argon }()
	return HashPassword(pw)
}

// verify checks a password when a slot is free, or gives up when the
// request is abandoned while it waits.
func (s *Service) verify(ctx context.Context, hash, pw string) (bool, error) {
	select {
	case s.argon <- struct{}{}:
	case <-ctx.Done():
		return false, ctx.Err()
	}
	defer func() { <-s.argon }()
	return VerifyPassword(hash, pw), nil
}

// HashToken returns the stored form of a secret token.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// CheckEmail validates an address and returns its normalised form.
func CheckEmail(email string) (string, error) {
	email = store.NormalizeEmail(email)
	addr, err := netmail.ParseAddress(email)
	if err != nil || addr.Address != email || !strings.Contains(email[strings.IndexByte(email, '@'):], ".") || len(email) > 254 {
		return "", &domain.Error{Code: domain.EInvalid, Message: "Adresse électronique invalide.",
			Fields: map[string]string{"email": "Indiquez une adresse électronique valide, par exemple prenom.nom@mairie.fr."}}
	}
	return email, nil
}

// SignUpRequest is what a new member types.
type SignUpRequest struct {
	Name, Email, Password string
	// ClientIP is the client's address: each may open MaxSignUpsPerIP
	// accounts per ThrottleWindow (empty: not counted, for the CLI).
	ClientIP string
	// Next is the page the person was going to (a local path): the
	// verification link leads back to it.
	Next string
}

// SignUp creates a member account and sends the email verification link.
func (s *Service) SignUp(ctx context.Context, req SignUpRequest) (*domain.User, error) {
	fields := map[string]string{}
	name := cleantext.StripBidi(strings.TrimSpace(req.Name))
	if cleantext.Blank(name) {
		fields["name"] = "Indiquez votre nom."
	} else if msg := cleantext.Problem(name, false); msg != "" {
		fields["name"] = "Votre nom " + msg + "."
	} else if utf8.RuneCountInString(name) > 120 {
		fields["name"] = "Nom trop long (120 caractères au plus)."
	}
	email, err := CheckEmail(req.Email)
	if err != nil {
		fields["email"] = domain.AsError(err).Fields["email"]
	}
	if err := CheckPassword(req.Password); err != nil {
		fields["password"] = domain.AsError(err).Message
	}
	if len(fields) > 0 {
		return nil, &domain.Error{Code: domain.EInvalid, Message: "Le formulaire contient des erreurs.", Fields: fields}
	}
	// Each account costs a password hash and an email: a client opens a
	// few at a time, not thousands.
	if req.ClientIP != "" {
		// Counted with the sign-in failures: one table of throttled attempts.
		n, err := s.store.RecordLoginFailure(ctx, "signup:"+req.ClientIP, s.store.Now().Add(-ThrottleWindow))
		if err != nil {
			return nil, err
		}
		if n > MaxSignUpsPerIP {
			return nil, domain.Errorf(domain.EUnprocessable, "Trop de comptes créés depuis cette connexion : réessayez dans un quart d’heure.")
		}
	}
	// An address already taken is refused before the costly hash, which
	// nobody should be able to have computed for nothing at will.
	if _, err := s.store.UserByEmail(ctx, email); err == nil {
		return nil, accountExists()
	} else if domain.ErrorCode(err) != domain.ENotFound {
		return nil, err
	}
	hash, err := s.hash(ctx, req.Password)
	if err != nil {
		return nil, err
	}
	u := &domain.User{Email: email, Name: name, Role: domain.RoleMember, PasswordHash: hash}
	// The account and its verification link are created together: never
	// an account that nobody can confirm.
	err = s.store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateUser(ctx, u); err != nil {
			return err
		}
		link, msg, err := s.verification(u, req.Next)
		if err != nil {
			return err
		}
		return tx.CreateLink(ctx, link, msg)
	})
	if domain.ErrorCode(err) == domain.EConflict {
		return nil, accountExists()
	}
	if err != nil {
		return nil, err
	}
	return u, nil
}

func accountExists() error {
	return &domain.Error{Code: domain.EConflict, Message: "Un compte existe déjà pour cette adresse : connectez-vous, ou demandez un nouveau mot de passe.",
		Fields: map[string]string{"email": "Un compte existe déjà pour cette adresse."}}
}

// SendVerification (re)sends the link proving the account's address.
func (s *Service) SendVerification(ctx context.Context, u *domain.User) error {
	sent, err := s.store.LinkSentSince(ctx, domain.LinkVerification, u.Email, nil, s.store.Now().Add(-LinkInterval))
	if err != nil {
		return err
	}
	if sent {
		return domain.Errorf(domain.EUnprocessable, "Un lien vous a été envoyé il y a moins de cinq minutes : regardez dans vos courriels (et les indésirables) avant d’en demander un autre.")
	}
	link, msg, err := s.verification(u, "")
	if err != nil {
		return err
	}
	return s.store.CreateLink(ctx, link, msg)
}

// verification returns a new verification link for the account and the
// message that carries it; the link leads on to next, when given.
func (s *Service) verification(u *domain.User, next string) (*domain.AuthLink, *domain.OutboxMessage, error) {
	token, err := RandomToken(32)
	if err != nil {
		return nil, nil, err
	}
	uid := u.ID
	link := &domain.AuthLink{TokenHash: HashToken(token), Kind: domain.LinkVerification, Email: u.Email, UserID: &uid,
		ExpiresAt: s.store.Now().Add(VerificationTTL)}
	msg, err := s.mailer.Message("verification", u.Email, struct{ Name, Token, Next string }{u.Name, token, next})
	if err != nil {
		return nil, nil, err
	}
	return link, msg, nil
}

// Verify uses an email verification link. A link already used, for an
// address proved since, counts as a success.
func (s *Service) Verify(ctx context.Context, token string) (*domain.User, error) {
	l, err := s.store.UseLink(ctx, HashToken(token), domain.LinkVerification, func(tx *store.Tx, l *domain.AuthLink) error {
		if l.UserID == nil {
			return domain.Errorf(domain.ENotFound, "Lien invalide.")
		}
		return tx.MarkEmailVerified(ctx, *l.UserID)
	})
	if domain.ErrorCode(err) == domain.ENotFound {
		// A link opened twice (a mail filter that follows links opens it
		// first) has done its work once the address is proved: say so.
		if l, lerr := s.store.LinkByToken(ctx, HashToken(token)); lerr == nil && l.Kind == domain.LinkVerification && l.UsedAt != nil && l.UserID != nil {
			if u, uerr := s.store.User(ctx, *l.UserID); uerr == nil && u.EmailVerifiedAt != nil {
				return u, nil
			}
		}
	}
	if err != nil {
		return nil, err
	}
	return s.store.User(ctx, *l.UserID)
}

// SignIn checks a password and opens a session. It returns the session
// token for the cookie. Failures slow the guesser down, not the owner: they
// are counted per client (MaxFailsPerIP, any address), per address and
// client (MaxFailsPerClient: that client is refused for that address), and
// per address (MaxFailsPerEmail: every further attempt on the address, from
// any client, waits SlowDown before its check, so that a correct password
// from another client still passes). A password reset clears the address's
// counts.
func (s *Service) SignIn(ctx context.Context, email, password, clientIP string) (*domain.User, string, error) {
	email = store.NormalizeEmail(email)
	since := s.store.Now().Add(-ThrottleWindow)
	emailKey, pairKey, ipKey := "email:"+email, "pair:"+email+"|"+clientIP, "ip:"+clientIP
	// The client's failures are counted first: a client over its limit is
	// refused without any further work.
	n, err := s.store.LoginFailures(ctx, ipKey, since)
	if err != nil {
		return nil, "", err
	}
	if n >= MaxFailsPerIP {
		s.signInFailed(SignInThrottled)
		return nil, "", domain.Errorf(domain.EUnprocessable, "Trop de tentatives de connexion depuis votre connexion à internet : réessayez dans un quart d’heure.")
	}
	// An address this client failed on too often is refused to this
	// client, and the refusal counts against the client, so that insisting
	// leads nowhere.
	refuse := func() (*domain.User, string, error) {
		if _, err := s.store.RecordLoginFailure(ctx, ipKey, since); err != nil {
			return nil, "", err
		}
		s.signInFailed(SignInThrottled)
		return nil, "", domain.Errorf(domain.EUnprocessable, "Trop de tentatives de connexion à ce compte depuis votre connexion à internet : réessayez dans un quart d’heure, ou demandez un nouveau mot de passe (ce qui lève ce blocage).")
	}
	if n, err = s.store.LoginFailures(ctx, pairKey, since); err != nil {
		return nil, "", err
	} else if n >= MaxFailsPerClient {
		return refuse()
	}
	// The attempt is recorded before the password is checked, so that
	// simultaneous guesses cannot all pass the count: each one sees those
	// before it. A successful sign-in forgets them.
	if n, err = s.store.RecordLoginFailure(ctx, pairKey, since); err != nil {
		return nil, "", err
	} else if n > MaxFailsPerClient {
		return refuse()
	}
	if n, err = s.store.RecordLoginFailure(ctx, emailKey, since); err != nil {
		return nil, "", err
	} else if n > MaxFailsPerEmail {
		// Many failures on this address from several clients: slowed
		// down, not refused.
		if err := s.sleep(ctx, SlowDown); err != nil {
			return nil, "", err
		}
	}
	u, err := s.store.UserByEmail(ctx, email)
	hash := dummyHash // same work whether the account exists or not
	if err == nil && u.PasswordHash != "" {
		hash = u.PasswordHash
	}
	verified, verr := s.verify(ctx, hash, password)
	if verr != nil {
		return nil, "", verr
	}
	ok := verified && err == nil && u.PasswordHash != ""
	if !ok {
		if err != nil && domain.ErrorCode(err) != domain.ENotFound {
			return nil, "", err
		}
		if _, err := s.store.RecordLoginFailure(ctx, ipKey, since); err != nil {
			return nil, "", err
		}
		s.signInFailed(SignInWrong)
		return nil, "", &domain.Error{Code: domain.EUnauthorized, Message: "Adresse ou mot de passe incorrect.",
			Fields: map[string]string{"password": "Adresse ou mot de passe incorrect."}}
	}
	for _, key := range []string{pairKey, emailKey} {
		if err := s.store.ClearLoginFailures(ctx, key, since.Add(-24*time.Hour)); err != nil {
			return nil, "", err
		}
	}
	token, err := s.OpenSession(ctx, u)
	return u, token, err
}

// OpenSession creates a session for the account and returns its token.
func (s *Service) OpenSession(ctx context.Context, u *domain.User) (string, error) {
	token, err := RandomToken(32)
	if err != nil {
		return "", err
	}
	now := s.store.Now()
	err = s.store.CreateSession(ctx, &domain.Session{TokenHash: HashToken(token), UserID: u.ID, CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(SessionIdle)})
	if err != nil {
		return "", err
	}
	return token, s.store.TouchUser(ctx, u.ID)
}

// SessionUser returns the account of a session token.
func (s *Service) SessionUser(ctx context.Context, token string) (*domain.User, error) {
	u, _, err := s.store.SessionUser(ctx, HashToken(token), SessionIdle)
	return u, err
}

// SessionCandidature returns the account of a session token (nil when it
// signs nobody in) with the candidature id and that person's links to it,
// read together in one statement (store.SessionCandidature).
func (s *Service) SessionCandidature(ctx context.Context, token string, id int64) (*domain.User, *domain.Candidature, store.Access, error) {
	u, _, c, access, err := s.store.SessionCandidature(ctx, HashToken(token), SessionIdle, id)
	return u, c, access, err
}

// SignOut ends a session.
func (s *Service) SignOut(ctx context.Context, token string) error {
	return s.store.DeleteSession(ctx, HashToken(token))
}

// RequestReset sends a password reset link if an account has this address.
// It says nothing either way, so that nobody can probe for accounts.
func (s *Service) RequestReset(ctx context.Context, email string) error {
	u, err := s.store.UserByEmail(ctx, email)
	if domain.ErrorCode(err) == domain.ENotFound {
		return nil
	} else if err != nil {
		return err
	}
	// One link at a time: the answer is the same, so that nobody can fill
	// a mailbox by asking again and again.
	if sent, err := s.store.LinkSentSince(ctx, domain.LinkReset, u.Email, nil, s.store.Now().Add(-LinkInterval)); err != nil || sent {
		return err
	}
	token, err := RandomToken(32)
	if err != nil {
		return err
	}
	uid := u.ID
	link := &domain.AuthLink{TokenHash: HashToken(token), Kind: domain.LinkReset, Email: u.Email, UserID: &uid,
		ExpiresAt: s.store.Now().Add(ResetTTL)}
	msg, err := s.mailer.Message("reinitialisation", u.Email, struct{ Token string }{token})
	if err != nil {
		return err
	}
	return s.store.CreateLink(ctx, link, msg)
}

// CheckResetLink tells whether a reset link can still be used.
func (s *Service) CheckResetLink(ctx context.Context, token string) error {
	_, err := s.store.PeekLink(ctx, HashToken(token), domain.LinkReset)
	return err
}

// Reset sets a new password through a reset link, signs every session of
// the account out, and proves the address too.
func (s *Service) Reset(ctx context.Context, token, password string) (*domain.User, error) {
	if err := CheckPassword(password); err != nil {
		return nil, err
	}
	// A link that cannot serve is refused before the costly hash.
	if err := s.CheckResetLink(ctx, token); err != nil {
		return nil, err
	}
	hash, err := s.hash(ctx, password)
	if err != nil {
		return nil, err
	}
	l, err := s.store.UseLink(ctx, HashToken(token), domain.LinkReset, func(tx *store.Tx, l *domain.AuthLink) error {
		if l.UserID == nil {
			return domain.Errorf(domain.ENotFound, "Lien invalide.")
		}
		if err := changePassword(ctx, tx, *l.UserID, hash); err != nil {
			return err
		}
		return tx.MarkEmailVerified(ctx, *l.UserID)
	})
	if err != nil {
		return nil, err
	}
	u, err := s.store.User(ctx, *l.UserID)
	if err != nil {
		return nil, err
	}
	// The owner proved their address: the failed sign-ins on it are
	// forgotten (the blocking message says so).
	return u, s.store.ClearAccountFailures(ctx, u.Email)
}

// APITokenPrefix starts every API token, to recognise them in logs and leaks.
const APITokenPrefix = "tnl_"

// CreateAPIToken creates a token for scripts and returns it in clear, once.
func (s *Service) CreateAPIToken(ctx context.Context, u *domain.User, name string) (string, *domain.APIToken, error) {
	if u.EmailVerifiedAt == nil {
		// Until the owner of the address has proved it, the account may
		// belong to someone else who signed up with it.
		return "", nil, domain.Errorf(domain.EForbidden, "Confirmez d’abord votre adresse avec le lien reçu par courriel : un jeton ne peut être créé qu’ensuite.")
	}
	name = strings.TrimSpace(name)
	if name == "" || utf8.RuneCountInString(name) > 80 {
		return "", nil, &domain.Error{Code: domain.EInvalid, Message: "Donnez un nom au jeton (80 caractères au plus), par exemple « script de suivi ».",
			Fields: map[string]string{"name": "Nom obligatoire (80 caractères au plus)."}}
	}
	secret, err := RandomToken(32)
	if err != nil {
		return "", nil, err
	}
	token := APITokenPrefix + secret
	t := &domain.APIToken{UserID: u.ID, Name: name, TokenHash: HashToken(token)}
	if err := s.store.CreateAPIToken(ctx, t); err != nil {
		return "", nil, err
	}
	return token, t, nil
}

// APITokenUser returns the owner of an API token.
func (s *Service) APITokenUser(ctx context.Context, token string) (*domain.User, error) {
	if !strings.HasPrefix(token, APITokenPrefix) {
		return nil, domain.Errorf(domain.EUnauthorized, "Jeton d’API invalide.")
	}
	u, err := s.store.APITokenUser(ctx, HashToken(token))
	if domain.ErrorCode(err) == domain.ENotFound {
		return nil, domain.Errorf(domain.EUnauthorized, "Jeton d’API inconnu ou révoqué.")
	}
	return u, err
}

// changePassword replaces an account's password hash and ends every access
// that the old password could have opened: the sessions, the API tokens,
// and the other reset links still unused.
func changePassword(ctx context.Context, tx *store.Tx, userID int64, hash string) error {
	if err := tx.SetPasswordHash(ctx, userID, hash); err != nil {
		return err
	}
	if err := tx.DeleteUserSessions(ctx, userID); err != nil {
		return err
	}
	if err := tx.RevokeAPITokens(ctx, userID); err != nil {
		return err
	}
	return tx.ExpireLinks(ctx, userID, domain.LinkReset)
}
