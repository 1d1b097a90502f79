package web

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"log/slog"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/policy"
)

// Cookie and form names of the session and its CSRF token. The CSRF
// cookie carries the __Host- prefix (Secure, Path=/, no Domain: no other
// host, not even a subdomain, can set it); browsers accept Secure cookies
// from http://localhost and 127.0.0.1, so the prefix works there too. With
// Config.Secure off (plain HTTP elsewhere, never in production) the prefix
// cannot be used and the cookie is CSRFCookieInsecure.
const (
	SessionCookie      = "tnl_session"
	CSRFCookie         = "__Host-tnl_csrf"
	CSRFCookieInsecure = "tnl_csrf"
	CSRFField          = "csrf"
	CSRFHeader         = "X-CSRF-Token"
)

// CSRFToken is the CSRF token of a session: bound to it (a token taken
// from another session, or chosen by an attacker, does not serve), new at
// each sign-in (a new session), and unguessable without the session token,
// which only the browser holds. It is not the session's stored hash.
func CSRFToken(session string) string {
	sum := sha256.Sum256([]byte("tnl csrf\x00" + session))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

func (s *Server) csrfCookie() string {
	if s.cfg.Secure {
		return CSRFCookie
	}
	return CSRFCookieInsecure
}

// Authenticator finds the account behind a session cookie or an API token.
type Authenticator interface {
	SessionUser(ctx context.Context, token string) (*domain.User, error)
	APITokenUser(ctx context.Context, token string) (*domain.User, error)
}

// Config is what the guard needs.
type Config struct {
	Accounts Authenticator
	Policy   *policy.Policy
	// Resolver returns how to load the subjects of a lifecycle, or false
	// for an unknown one.
	Resolver func(lifecycle string) (Resolver, bool)
	// SessionResolver, when set, returns how to read a browser's session
	// together with a subject of the lifecycle, or false: the guard then
	// authenticates and resolves a browser's request on such a subject in
	// one call instead of two (see guard).
	SessionResolver func(lifecycle string) (SessionResolver, bool)
	// Standing loads the facts of a person that no subject carries (their
	// roles in the validated GULLs), for the routes marked Standing.
	Standing func(ctx context.Context, who policy.Principal) (policy.Facts, error)
	// Page answers an error to a browser (the pages' error page).
	Page   func(w http.ResponseWriter, r *http.Request, err error)
	Logger *slog.Logger
	// Secure marks cookies Secure and sends HSTS (false only for plain
	// HTTP outside localhost, never in production).
	Secure bool
	// TrustedProxies are the reverse proxies whose X-Forwarded-For header
	// names the client (ClientIP); none by default: the header is ignored.
	TrustedProxies []netip.Prefix
	// Observe, when set, is told of every answered request: its route
	// (method and pattern, or "other" when no route matched), status and
	// duration; the server counts them for its metrics.
	Observe func(route string, status int, d time.Duration)
}

// Server serves a route table behind its guard.
type Server struct {
	cfg Config
}

// NewServer returns a server; it refuses a route whose action the policy
// does not know.
func NewServer(cfg Config) *Server {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	return &Server{cfg: cfg}
}

// Handler returns the root handler: every route behind the guard, the
// common middleware, and a not-found page for the rest.
func (s *Server) Handler(routes []Route) (http.Handler, error) {
	mux := http.NewServeMux()
	for _, rt := range routes {
		if rt.Action != policy.FireEvent && rt.Action != policy.ReadSubject && !s.cfg.Policy.Knows(rt.Action) {
			return nil, fmt.Errorf("route %s %s: the policy has no rule %q", rt.Method, rt.Pattern, rt.Action)
		}
		if (rt.Action == policy.FireEvent || rt.Action == policy.ReadSubject) && rt.Subject == "" {
			return nil, fmt.Errorf("route %s %s: %s needs a subject", rt.Method, rt.Pattern, rt.Action)
		}
		mux.Handle(rt.Method+" "+rt.Pattern, s.observe(rt.Method+" "+rt.Pattern, s.guard(rt)))
	}
	mux.Handle("/", s.observe("other", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.Fail(w, r, domain.Errorf(domain.ENotFound, "Cette page n’existe pas."))
	})))
	return s.recoverer(s.securityHeaders(s.logRequests(mux))), nil
}

// Fail answers an error: JSON for the API and for scripts that ask for it,
// the error page otherwise.
func (s *Server) Fail(w http.ResponseWriter, r *http.Request, err error) {
	if WantsJSON(r) || s.cfg.Page == nil {
		WriteError(w, r, s.cfg.Logger, err)
		return
	}
	if StatusOf(err) == http.StatusInternalServerError {
		s.cfg.Logger.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	s.cfg.Page(w, r, err)
}

// guard authenticates the request as the route says, resolves the subject
// it names with the person's relations to it, refuses the request unless
// the policy allows the route's action, and checks CSRF on unsafe browser
// requests; only then is the body read.
func (s *Server) guard(rt Route) http.Handler {
	csrfCheck := http.NewCrossOriginProtection()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		api := rt.Auth == AuthToken
		browserPost := !api && isUnsafe(r.Method)
		// The origin headers are only read here; the request is refused
		// below, after the session is known, as before.
		crossSite := browserPost && csrfCheck.Check(r) != nil
		var u *domain.User
		var loaded *Subject
		if api {
			if u = s.tokenUser(w, r); u == nil {
				return
			}
		} else {
			var session string
			if !crossSite {
				u, loaded = s.sessionSubject(r, rt)
			}
			if loaded == nil {
				u, session = s.sessionUser(r)
			} else if c, err := r.Cookie(SessionCookie); err == nil && u != nil {
				session = c.Value
			}
			r = s.ensureCSRF(w, r, session)
		}
		if u != nil {
			r = with(r, userKey, u)
		}
		expired := &domain.Error{Code: domain.EForbidden,
			Message: "Le formulaire a expiré ou ne vient pas de cette plateforme : rechargez la page et recommencez."}
		// The origin headers first: a cross-site request is refused before
		// anything else is done for it.
		if crossSite {
			s.Fail(w, r, expired)
			return
		}
		who := policy.User(u)
		subject, action, err := s.resolve(r, rt, who, loaded)
		if err != nil {
			s.Fail(w, r, err)
			return
		}
		rels, facts := policy.Relations(who, policy.Facts{}), policy.Facts{}
		if subject == nil && rt.Standing && s.cfg.Standing != nil {
			if facts, err = s.cfg.Standing(r.Context(), who); err != nil {
				s.Fail(w, r, err)
				return
			}
			rels = policy.Relations(who, facts)
		}
		if subject != nil {
			r = with(r, subjectKey, subject)
			rels, facts = subject.Relations, subject.Facts
		}
		r = with(r, relationsKey, rels)
		if err := s.cfg.Policy.Decide(action, rels, facts); err != nil {
			if u == nil && r.Method == http.MethodGet && !api {
				http.Redirect(w, r, "/connexion?suite="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			// A candidature one may not see answers as one that does not
			// exist: its number tells nothing.
			if u != nil && subject != nil && subject.Type == "candidature" && !s.cfg.Policy.Allows(policy.Read(subject.Type), rels, facts) {
				err = domain.Errorf(domain.ENotFound, "Candidature introuvable.")
			}
			s.Fail(w, r, err)
			return
		}
		// Only a request allowed on the route has its body read.
		if isUnsafe(r.Method) {
			limit := rt.BodyLimit
			if limit == 0 {
				limit = FormLimit
			}
			r.Body = http.MaxBytesReader(w, r.Body, limit)
			// net/http removes the temporary files of the request it
			// created, not those of the copies made here.
			defer removeMultipart(r)
		}
		if browserPost {
			if err := ParseForm(r); err != nil {
				s.Fail(w, r, err)
				return
			}
			if !s.validCSRF(r) {
				s.Fail(w, r, expired)
				return
			}
		}
		rt.Handler(w, r)
	})
}

// sessionSubject authenticates a browser's request and loads the subject
// of its route in one call, when the route names a subject whose lifecycle
// has a SessionResolver and the request carries a session cookie. Measured
// with cmd/tnl-bench's probe: an answer save was 3 statements (the session,
// the candidature with the person's links, the save), 2 this way. It
// returns a nil subject when it cannot, or when the read failed (an unknown
// candidature): the guard then reads the session alone and resolve loads
// the subject as for any route, answering the same error as before.
func (s *Server) sessionSubject(r *http.Request, rt Route) (*domain.User, *Subject) {
	if s.cfg.SessionResolver == nil || rt.Subject == "" || rt.Subject == AnySubject {
		return nil, nil
	}
	c, err := r.Cookie(SessionCookie)
	if err != nil || c.Value == "" {
		return nil, nil
	}
	load, ok := s.cfg.SessionResolver(rt.Subject)
	if !ok {
		return nil, nil
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return nil, nil
	}
	u, subject, err := load(r.Context(), c.Value, id)
	if err != nil || subject == nil {
		return nil, nil
	}
	return u, subject
}

// resolve loads the route's subject, if it names one, and returns the
// action to decide; loaded is the subject already read with the session,
// if any.
func (s *Server) resolve(r *http.Request, rt Route, who policy.Principal, loaded *Subject) (*Subject, policy.Action, error) {
	if rt.Subject == "" {
		return nil, rt.Action, nil
	}
	lifecycle := rt.Subject
	if lifecycle == AnySubject {
		lifecycle = r.PathValue("type")
	}
	resolver, ok := s.cfg.Resolver(lifecycle)
	if !ok {
		return nil, "", domain.Errorf(domain.ENotFound, "Cette page n’existe pas.")
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return nil, "", domain.Errorf(domain.ENotFound, "Élément introuvable.")
	}
	action := rt.Action
	switch action {
	case policy.FireEvent:
		action = policy.Event(lifecycle, r.PathValue("event"))
		if !s.cfg.Policy.Knows(action) {
			return nil, "", domain.Errorf(domain.ENotFound, "Action « %s » inconnue.", r.PathValue("event"))
		}
	case policy.ReadSubject:
		action = policy.Read(lifecycle)
	}
	if loaded != nil {
		return loaded, action, nil
	}
	subject, err := resolver(r.Context(), id, who)
	if err != nil {
		return nil, "", err
	}
	return subject, action, nil
}

// removeMultipart deletes the temporary files of a parsed multipart form,
// once the request is answered.
func removeMultipart(r *http.Request) {
	if r.MultipartForm != nil {
		r.MultipartForm.RemoveAll() //nolint:errcheck // best effort: the files are in the temporary directory
	}
}

// sessionUser returns the account of the session cookie and the session
// token, or nil and "".
func (s *Server) sessionUser(r *http.Request) (*domain.User, string) {
	c, err := r.Cookie(SessionCookie)
	if err != nil || c.Value == "" {
		return nil, ""
	}
	u, err := s.cfg.Accounts.SessionUser(r.Context(), c.Value)
	if err != nil {
		return nil, ""
	}
	return u, c.Value
}

// tokenUser authenticates an API request by its bearer token, or answers 401.
func (s *Server) tokenUser(w http.ResponseWriter, r *http.Request) *domain.User {
	h := r.Header.Get("Authorization")
	token, ok := strings.CutPrefix(h, "Bearer ")
	if !ok || token == "" {
		w.Header().Set("WWW-Authenticate", `Bearer realm="tnl"`)
		WriteError(w, r, s.cfg.Logger, domain.Errorf(domain.EUnauthorized, "Jeton d’API manquant : envoyez l’en-tête « Authorization: Bearer tnl_… » (jeton créé sur la page Compte ou par « tnl token create »)."))
		return nil
	}
	u, err := s.cfg.Accounts.APITokenUser(r.Context(), strings.TrimSpace(token))
	if err != nil {
		w.Header().Set("WWW-Authenticate", `Bearer realm="tnl", error="invalid_token"`)
		WriteError(w, r, s.cfg.Logger, err)
		return nil
	}
	return u
}

// ensureCSRF puts the request's CSRF token in it for the templates: the
// session's (CSRFToken) for a signed-in person, otherwise the random token
// of the CSRF cookie, given to the browser if it has none. The cookie
// follows the session's token, for scripts that read it.
func (s *Server) ensureCSRF(w http.ResponseWriter, r *http.Request, session string) *http.Request {
	c, err := r.Cookie(s.csrfCookie())
	if session != "" {
		token := CSRFToken(session)
		if err != nil || c.Value != token {
			s.setCSRFCookie(w, token)
		}
		return with(with(r, csrfKey, token), csrfSessionKey, session)
	}
	if err == nil && len(c.Value) >= 32 {
		return with(r, csrfKey, c.Value)
	}
	token := randomCSRF()
	s.setCSRFCookie(w, token)
	return with(r, csrfKey, token)
}

func randomCSRF() string {
	b := make([]byte, 32)
	rand.Read(b) //nolint:errcheck // crypto/rand never fails on supported platforms
	return base64.RawURLEncoding.EncodeToString(b)
}

func (s *Server) setCSRFCookie(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{Name: s.csrfCookie(), Value: token, Path: "/", HttpOnly: true, Secure: s.cfg.Secure, SameSite: http.SameSiteLaxMode})
}

// validCSRF checks the form field or header: against the session's token
// for a signed-in person (a token pair chosen by an attacker does not
// serve), against the CSRF cookie otherwise (double submit; the __Host-
// prefix keeps other hosts from setting that cookie).
func (s *Server) validCSRF(r *http.Request) bool {
	sent := r.Header.Get(CSRFHeader)
	if sent == "" {
		sent = r.PostFormValue(CSRFField)
	}
	if session, _ := r.Context().Value(csrfSessionKey).(string); session != "" {
		return subtle.ConstantTimeCompare([]byte(sent), []byte(CSRFToken(session))) == 1
	}
	c, err := r.Cookie(s.csrfCookie())
	if err != nil || len(c.Value) < 32 {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(sent), []byte(c.Value)) == 1
}

func isUnsafe(method string) bool {
	return method != http.MethodGet && method != http.MethodHead && method != http.MethodOptions
}

// SessionCookieMaxAge is how long the browser keeps the session cookie:
// longer than any session, whose expiry the server decides and extends as
// it is used, so that the cookie never ends an active session; a cookie
// whose session has expired signs nobody in.
const SessionCookieMaxAge = 400 * 24 * time.Hour

// SetSession stores the session cookie, and the CSRF cookie of the new
// session: the token rotates at each sign-in.
func (s *Server) SetSession(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: token, Path: "/", HttpOnly: true, Secure: s.cfg.Secure,
		SameSite: http.SameSiteLaxMode, MaxAge: int(SessionCookieMaxAge.Seconds())})
	s.setCSRFCookie(w, CSRFToken(token))
}

// ClearSession removes the session cookie, and gives a new anonymous CSRF
// token.
func (s *Server) ClearSession(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", HttpOnly: true, Secure: s.cfg.Secure,
		SameSite: http.SameSiteLaxMode, MaxAge: -1})
	s.setCSRFCookie(w, randomCSRF())
}

// Logger returns the server's logger.
func (s *Server) Logger() *slog.Logger { return s.cfg.Logger }
