package ui

import (
	"encoding/json"
	"net/http"

	"github.com/adullact/tnl/internal/web"
)

// handleMyData sends the person everything the platform holds about them,
// as a JSON file.
func (s *Server) handleMyData(w http.ResponseWriter, r *http.Request) {
	x, err := s.app.Privacy.Export(r.Context(), web.User(r).ID)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	data, err := json.MarshalIndent(x, "", "  ")
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	web.SendFile(w, "mes-donnees-tnl.json", "application/json; charset=utf-8", data)
}

type deleteAccountPage struct {
	Errors []formError
}

// handleDeleteAccountForm says what deleting the account does and asks
// for a confirmation.
func (s *Server) handleDeleteAccountForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "account_delete", "Supprimer mon compte", deleteAccountPage{})
}

// handleDeleteAccount deletes the account once confirmed, and signs out.
func (s *Server) handleDeleteAccount(w http.ResponseWriter, r *http.Request) {
	if r.PostFormValue("confirmer") != "oui" {
		s.render(w, r, http.StatusUnprocessableEntity, "account_delete", "Erreur : Supprimer mon compte", deleteAccountPage{
			Errors: []formError{{Field: "confirmer", Message: "Cochez la case pour confirmer la suppression définitive de votre compte."}}})
		return
	}
	u := web.User(r)
	if err := s.app.Privacy.DeleteAccount(r.Context(), u.ID, web.Principal(r), "à la demande de la personne, depuis « Mon compte »"); err != nil {
		errs, _ := formErrors(err, "confirmer")
		s.render(w, r, web.StatusOf(err), "account_delete", "Erreur : Supprimer mon compte", deleteAccountPage{Errors: errs})
		return
	}
	s.web.ClearSession(w)
	r = web.WithoutUser(r)
	s.render(w, r, http.StatusOK, "account_deleted", "Compte supprimé", nil)
}
