package ui

import (
	"fmt"
	"net/http"

	"github.com/adullact/tnl/internal/web"
)

// The PDF downloads: the dossier for everyone who may read the candidature
// (with the jury's level as the policy lets them see it), the receipt once
// submitted, the certificate once the level may be seen.

func (s *Server) handleReceiptPDF(w http.ResponseWriter, r *http.Request) {
	d := draft(r)
	data, err := s.app.Documents.Receipt(r.Context(), d.C.ID)
	s.sendPDF(w, r, fmt.Sprintf("accuse-reception-%s.pdf", d.C.Reference), data, err)
}

func (s *Server) handleDossierPDF(w http.ResponseWriter, r *http.Request) {
	d := draft(r)
	data, err := s.app.Documents.Dossier(r.Context(), d.C.ID, d.Relations)
	s.sendPDF(w, r, fmt.Sprintf("dossier-%s.pdf", d.C.Reference), data, err)
}

func (s *Server) handleCertificatePDF(w http.ResponseWriter, r *http.Request) {
	d := draft(r)
	data, err := s.app.Documents.Certificate(r.Context(), d.C.ID, d.Relations)
	s.sendPDF(w, r, fmt.Sprintf("diplome-%s.pdf", d.C.Reference), data, err)
}

func (s *Server) sendPDF(w http.ResponseWriter, r *http.Request, name string, data []byte, err error) {
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	web.SendFile(w, name, "application/pdf", data)
}
