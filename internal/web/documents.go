package web

import (
	"context"
	"fmt"
	"net/http"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/workflow"
)

// The PDF downloads: the dossier for everyone who may read the candidature,
// the receipt once submitted, the certificate once deliberated.

func (s *Server) handleReceiptPDF(w http.ResponseWriter, r *http.Request) {
	c := currentCandidature(r)
	if c.SubmittedAt == nil {
		s.fail(w, r, domain.Errorf(domain.ENotFound, "La candidature n’est pas déposée : il n’y a pas encore d’accusé de réception."))
		return
	}
	s.sendPDF(w, r, fmt.Sprintf("accuse-reception-%s.pdf", c.Reference), func(ctx context.Context, id int64) ([]byte, error) { return s.docs.Receipt(ctx, id) })
}

func (s *Server) handleDossierPDF(w http.ResponseWriter, r *http.Request) {
	reviewer := hasRole(r, roleStaff) || hasRole(r, roleJury)
	s.sendPDF(w, r, fmt.Sprintf("dossier-%s.pdf", currentCandidature(r).Reference), func(ctx context.Context, id int64) ([]byte, error) {
		if reviewer {
			return s.docs.Dossier(ctx, id)
		}
		return s.docs.PublicDossier(ctx, id)
	})
}

func (s *Server) handleCertificatePDF(w http.ResponseWriter, r *http.Request) {
	c := currentCandidature(r)
	if c.State != workflow.Deliberee && c.State != workflow.Publiee {
		s.fail(w, r, domain.Errorf(domain.ENotFound, "Le diplôme est disponible une fois la candidature délibérée."))
		return
	}
	if c.State == workflow.Deliberee && !hasRole(r, roleStaff) && !hasRole(r, roleJury) {
		s.fail(w, r, domain.Errorf(domain.EForbidden, "Le diplôme sera disponible à la publication du palmarès."))
		return
	}
	s.sendPDF(w, r, fmt.Sprintf("diplome-%s.pdf", c.Reference), func(ctx context.Context, id int64) ([]byte, error) { return s.docs.Certificate(ctx, id) })
}

func (s *Server) sendPDF(w http.ResponseWriter, r *http.Request, name string, render func(context.Context, int64) ([]byte, error)) {
	if s.docs == nil {
		s.fail(w, r, domain.Errorf(domain.ENotFound, "Les documents PDF ne sont pas disponibles sur ce serveur."))
		return
	}
	data, err := render(r.Context(), currentCandidature(r).ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sendFile(w, name, "application/pdf", data)
}
