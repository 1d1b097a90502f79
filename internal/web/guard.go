package web

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/adullact/tnl/internal/account"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
)

const (
	sessionCookie = "tnl_session"
	csrfCookie    = "tnl_csrf"
	csrfField     = "csrf"
	csrfHeader    = "X-CSRF-Token"
)

// guard authenticates the request as the route says, resolves the user's
// roles (on the candidature {id} when there is one), refuses the request
// unless one of them is allowed, and checks CSRF on unsafe browser requests.
func (s *Server) guard(rt route) http.Handler {
	csrfCheck := http.NewCrossOriginProtection()
	next := http.Handler(rt.Handler)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		api := rt.Auth == authToken
		var u *domain.User
		if api {
			u = s.tokenUser(w, r)
			if u == nil {
				return
			}
		} else {
			u = s.sessionUser(r)
			r = s.ensureCSRF(w, r)
		}
		if u != nil {
			r = with(r, userKey, u)
		}
		expired := &domain.Error{Code: domain.EForbidden,
			Message: "Le formulaire a expiré ou ne vient pas de cette plateforme : rechargez la page et recommencez."}
		browserPost := !api && isUnsafe(r.Method)
		// The origin headers first: a cross-site request is refused before
		// anything else is done for it.
		if browserPost && csrfCheck.Check(r) != nil {
			s.fail(w, r, expired)
			return
		}
		roles, cand, err := s.rolesFor(r, u)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		r = with(r, rolesKey, roles)
		if cand != nil {
			r = with(r, candidatureKey, cand.c)
			r = with(r, memberRoleKey, cand.role)
			r = with(r, questionnaireHashKey, cand.questionnaireHash)
		}
		if !allowed(rt.Roles, roles) {
			if u == nil {
				s.needSignIn(w, r)
				return
			}
			s.fail(w, r, domain.Errorf(domain.EForbidden, "Vous n’avez pas accès à cette page."))
			return
		}
		// Only a request allowed on the route has its body read.
		if isUnsafe(r.Method) {
			r.Body = http.MaxBytesReader(w, r.Body, bodyLimit(rt))
			// net/http removes the temporary files of the request it
			// created, not those of the copies made here.
			defer removeMultipart(r)
		}
		if browserPost {
			if err := parseForm(r); err != nil {
				s.fail(w, r, err)
				return
			}
			if !s.validCSRF(r) {
				s.fail(w, r, expired)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// removeMultipart deletes the temporary files of a parsed multipart form,
// once the request is answered.
func removeMultipart(r *http.Request) {
	if r.MultipartForm != nil {
		r.MultipartForm.RemoveAll() //nolint:errcheck // best effort: the files are in the temporary directory
	}
}

func allowed(routeRoles, userRoles []string) bool {
	if slices.Contains(routeRoles, rolePublic) {
		return true
	}
	for _, r := range userRoles {
		if slices.Contains(routeRoles, r) {
			return true
		}
	}
	return false
}

// routeCandidature is the candidature named by the route, as the user
// reaches it.
type routeCandidature struct {
	c                 *domain.Candidature
	role              string // among its members, or ""
	questionnaireHash string
}

// rolesFor returns the user's roles for this request; when the route names a
// candidature, it is loaded with the user's membership (one query), whose
// role is added.
func (s *Server) rolesFor(r *http.Request, u *domain.User) ([]string, *routeCandidature, error) {
	if u == nil {
		return nil, nil, nil
	}
	roles := []string{roleMember}
	switch u.Role {
	case domain.RoleStaff:
		roles = append(roles, roleStaff)
	case domain.RoleJury:
		roles = append(roles, roleJury)
	}
	idText := r.PathValue("id")
	if idText == "" {
		return roles, nil, nil
	}
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil || id <= 0 {
		return nil, nil, domain.Errorf(domain.ENotFound, "Candidature introuvable.")
	}
	c, member, hash, err := s.store.CandidatureAndRole(r.Context(), id, u.ID)
	if err != nil {
		return nil, nil, err
	}
	switch {
	case c.EluUserID == u.ID:
		roles = append(roles, roleElu)
	case member == store.MemberAccompagnateur:
		roles = append(roles, roleAccompagnateur)
	}
	return roles, &routeCandidature{c: c, role: member, questionnaireHash: hash}, nil
}

func (s *Server) sessionUser(r *http.Request) *domain.User {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return nil
	}
	u, err := s.accounts.SessionUser(r.Context(), c.Value)
	if err != nil {
		return nil
	}
	return u
}

// tokenUser authenticates an API request by its bearer token, or answers 401.
func (s *Server) tokenUser(w http.ResponseWriter, r *http.Request) *domain.User {
	h := r.Header.Get("Authorization")
	token, ok := strings.CutPrefix(h, "Bearer ")
	if !ok || token == "" {
		w.Header().Set("WWW-Authenticate", `Bearer realm="tnl"`)
		s.apiError(w, r, domain.Errorf(domain.EUnauthorized, "Jeton d’API manquant : envoyez l’en-tête « Authorization: Bearer tnl_… » (jeton créé sur la page Compte ou par « tnl token create »)."))
		return nil
	}
	u, err := s.accounts.APITokenUser(r.Context(), strings.TrimSpace(token))
	if err != nil {
		w.Header().Set("WWW-Authenticate", `Bearer realm="tnl", error="invalid_token"`)
		s.apiError(w, r, err)
		return nil
	}
	return u
}

// ensureCSRF gives the browser a CSRF cookie if it has none, and puts the
// token in the request for the templates.
func (s *Server) ensureCSRF(w http.ResponseWriter, r *http.Request) *http.Request {
	if c, err := r.Cookie(csrfCookie); err == nil && len(c.Value) >= 32 {
		return with(r, csrfKey, c.Value)
	}
	token, err := account.RandomToken(32)
	if err != nil {
		return r
	}
	http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: token, Path: "/", HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode})
	return with(r, csrfKey, token)
}

// validCSRF compares the form field or header with the cookie (double submit).
func (s *Server) validCSRF(r *http.Request) bool {
	c, err := r.Cookie(csrfCookie)
	if err != nil || len(c.Value) < 32 {
		return false
	}
	sent := r.Header.Get(csrfHeader)
	if sent == "" {
		sent = r.PostFormValue(csrfField)
	}
	return subtle.ConstantTimeCompare([]byte(sent), []byte(c.Value)) == 1
}

func isUnsafe(method string) bool {
	return method != http.MethodGet && method != http.MethodHead && method != http.MethodOptions
}

// needSignIn sends an anonymous visitor to the sign-in page, then back.
func (s *Server) needSignIn(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		s.fail(w, r, domain.Errorf(domain.EUnauthorized, "Connectez-vous pour continuer."))
		return
	}
	http.Redirect(w, r, "/connexion?suite="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
}

// sessionCookieMaxAge is how long the browser keeps the session cookie:
// longer than any session, whose expiry the server decides and extends as
// it is used (account.SessionIdle after the last request), so that the
// cookie never ends an active session; a cookie whose session has expired
// signs nobody in.
const sessionCookieMaxAge = 400 * 24 * time.Hour

// setSession stores the session cookie.
func (s *Server) setSession(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true, Secure: s.secure,
		SameSite: http.SameSiteLaxMode, MaxAge: int(sessionCookieMaxAge.Seconds())})
}

func (s *Server) clearSession(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true, Secure: s.secure,
		SameSite: http.SameSiteLaxMode, MaxAge: -1})
}

// Body limits: evidence uploads carry a file of up to 10 Mo; everything else
// is a form or a small JSON document.
const (
	uploadLimit = 11 << 20
	formLimit   = 1 << 20
)

func bodyLimit(rt route) int64 {
	if strings.HasSuffix(rt.Pattern, "/pieces") || strings.HasSuffix(rt.Pattern, "/evidence") || strings.Contains(rt.Pattern, "/sections/") {
		return uploadLimit
	}
	return formLimit
}

// parseForm reads a browser form (multipart or not) within the body limit.
func parseForm(r *http.Request) error {
	var err error
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		err = r.ParseMultipartForm(2 << 20)
	} else {
		err = r.ParseForm()
	}
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return domain.Errorf(domain.ETooLarge, "Envoi trop volumineux : un fichier ne doit pas dépasser 10 Mo.")
	}
	if err != nil {
		return domain.Errorf(domain.EInvalid, "Formulaire illisible : rechargez la page et recommencez.")
	}
	return nil
}
