package ui

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/web"
)

const accountsPageSize = 50

type accountRow struct {
	domain.User
	RoleLabel string
	Limit     string // the person's own limit of candidatures as élu, if any
}

type accountsPage struct {
	// EluLimit is the platform's limit of candidatures per campaign of one élu.
	EluLimit         int
	Query, Role      string
	Rows             []accountRow
	Total            int
	Page, Pages      int
	PrevURL, NextURL string
	// The form that opens a staff account.
	Name, Email string
	Errors      []formError
	FieldErr    map[string]string
}

func roleLabelOf(role string) string {
	if role == domain.RoleStaff {
		return "Équipe ADULLACT"
	}
	return "Compte personnel"
}

// handleAccounts lists the accounts (search by name or address, by role,
// newest first) and offers the form that opens a staff account.
func (s *Server) handleAccounts(w http.ResponseWriter, r *http.Request) {
	s.accountsPage(w, r, http.StatusOK, accountsPage{})
}

func (s *Server) accountsPage(w http.ResponseWriter, r *http.Request, status int, page accountsPage) {
	q := r.URL.Query()
	page.Query, page.Role = q.Get("q"), q.Get("role")
	n, _ := strconv.Atoi(q.Get("page"))
	page.Page = max(n, 1)
	users, total, err := s.app.Store.Users(r.Context(), store.UserFilter{Query: page.Query, Role: page.Role, Limit: accountsPageSize, Offset: (page.Page - 1) * accountsPageSize})
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	for _, u := range users {
		row := accountRow{User: u, RoleLabel: roleLabelOf(u.Role)}
		if u.EluLimit != nil {
			row.Limit = strconv.Itoa(*u.EluLimit)
		}
		page.Rows = append(page.Rows, row)
	}
	page.Total = total
	page.EluLimit = s.app.Candidatures.EluLimit
	page.Pages = max(1, (total+accountsPageSize-1)/accountsPageSize)
	link := func(p int) string {
		v := url.Values{}
		for _, kv := range [][2]string{{"q", page.Query}, {"role", page.Role}} {
			if kv[1] != "" {
				v.Set(kv[0], kv[1])
			}
		}
		v.Set("page", strconv.Itoa(p))
		return "/admin/comptes?" + v.Encode()
	}
	if page.Page > 1 {
		page.PrevURL = link(page.Page - 1)
	}
	if page.Page < page.Pages {
		page.NextURL = link(page.Page + 1)
	}
	title := "Comptes"
	if len(page.Errors) > 0 {
		title = "Erreur : " + title
	}
	s.render(w, r, status, "admin_accounts", title, page)
}

// handleCreateStaff opens an account for a member of ADULLACT's team; the
// person receives a link to choose their password.
func (s *Server) handleCreateStaff(w http.ResponseWriter, r *http.Request) {
	name, email := r.PostFormValue("name"), r.PostFormValue("email")
	if _, err := s.app.Accounts.CreateStaff(r.Context(), email, name); err != nil {
		errs, fields := formErrors(err, "name", "email")
		s.accountsPage(w, r, web.StatusOf(err), accountsPage{Name: name, Email: email, Errors: errs, FieldErr: fields})
		return
	}
	web.Redirect(w, r, "/admin/comptes", "compte_equipe")
}

// handleEluLimit sets, for one person, how many candidatures of a campaign
// they may be élu référent of (empty: the platform's limit).
func (s *Server) handleEluLimit(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("uid"), 10, 64)
	if err != nil || id <= 0 {
		s.web.Fail(w, r, domain.Errorf(domain.ENotFound, "Compte introuvable."))
		return
	}
	if err := s.app.Candidatures.SetEluLimit(r.Context(), policy.User(web.User(r)), id, strings.TrimSpace(r.PostFormValue("limite"))); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	web.Redirect(w, r, "/admin/comptes", "limite")
}
