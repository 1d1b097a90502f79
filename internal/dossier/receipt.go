package dossier

import (
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/pdf"
	"github.com/adullact/tnl/questionnaire"
)

// receiptView builds the acknowledgement of receipt of a submitted
// candidature: who submitted it, when, how many answers and files, and
// the SHA-256 of the answers as deposited (questionnaire.AnswersHash),
// recorded at the deposit: answers completed later at the jury's request
// do not change it.
func (s *Service) receiptView(sub *subject) (*pdf.Receipt, error) {
	c := &sub.data.Candidature
	if c.SubmittedAt == nil {
		return nil, domain.Errorf(domain.ENotFound, "La candidature n’est pas déposée : il n’y a pas encore d’accusé de réception.")
	}
	fp := questionnaire.Fingerprint{Answers: c.SubmittedAnswers, Files: c.SubmittedFiles, SHA256: c.SubmittedHash}
	if fp.SHA256 == "" {
		// Deposited before the fingerprint was recorded: the answers now.
		fp = sub.questionnaire.Fingerprint(sub.questionnaire.Prune(answerMap(sub.data.Answers)))
	}
	elu := eluView(c)
	return &pdf.Receipt{
		Label:         labelName,
		Reference:     c.Reference,
		Collectivite:  c.CollectiviteName,
		Elu:           elu,
		Year:          sub.campaign.Year,
		SubmittedAt:   c.SubmittedAt.UTC(),
		SubmittedBy:   elu.Name,
		AnswersCount:  fp.Answers,
		EvidenceCount: fp.Files,
		Hash:          fp.SHA256,
	}, nil
}

// receiptOf is the receipt of a deposit's snapshot.
func receiptOf(r *domain.ReceiptSnapshot) *pdf.Receipt {
	elu := pdf.Person{Name: r.EluName, Mandate: r.EluMandate, Email: r.EluEmail, Title: domain.Capitalize(domain.EluReferent(r.EluTitleForm))}
	return &pdf.Receipt{
		Label:         labelName,
		Reference:     r.Reference,
		Collectivite:  r.Collectivite,
		Elu:           elu,
		Year:          r.Year,
		SubmittedAt:   r.SubmittedAt.UTC(),
		SubmittedBy:   r.EluName,
		AnswersCount:  r.Answers,
		EvidenceCount: r.Files,
		Hash:          r.SHA256,
	}
}
