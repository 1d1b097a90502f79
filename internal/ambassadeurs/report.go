package ambassadeurs

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/kit"
	visitelc "github.com/adullact/tnl/internal/lifecycle/visite"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/workflow"
)

// ReportRequest is the visit report as the ambassadeur fills it.
type ReportRequest struct {
	Points, Documents, Software []string // the kit's keys
	Notes, NextStep, Summary    string
	// Version is the request's version the page showed (0: not checked).
	Version int
}

// FileReport records the visit report: the first time, with the event
// « visite faite » in the same transaction; afterwards, as a change of the
// report. Only the ambassadeur in charge writes it.
func (s *Service) FileReport(ctx context.Context, visiteID int64, who policy.Principal, req ReportRequest) error {
	snap, err := s.engine.Load(ctx, visitelc.Name, visiteID, who)
	if err != nil {
		return err
	}
	if err := s.policy.Decide(policy.VisiteReport, snap.Relations, snap.Facts); err != nil {
		return err
	}
	p := snap.Payload.(*visitelc.Payload)
	r, err := s.checkReport(req, p.Visite.ConsentPublic)
	if err != nil {
		return err
	}
	r.VisiteID, r.AuthorID = visiteID, who.UserID
	switch snap.State {
	case domain.VisitePrise, domain.VisiteRendezVous:
		_, err := s.engine.Fire(ctx, visitelc.Name, visiteID, "rendre_compte", who, workflow.Input{ExpectedVersion: req.Version,
			Prepare: func(ctx context.Context, tx *store.Tx) error { return tx.PutVisiteReport(ctx, r) }})
		return err
	case domain.VisiteFaite, domain.VisiteAccompagnement, domain.VisiteCandidature:
		return s.store.InTx(ctx, func(tx *store.Tx) error {
			if err := tx.PutVisiteReport(ctx, r); err != nil {
				return err
			}
			return s.engine.Record(ctx, tx, visitelc.Name, visiteID, visitelc.RecordReport, snap.State, who, policy.InCharge, "")
		})
	}
	return domain.Errorf(domain.EUnprocessable, "Le compte rendu se dépose une fois la demande prise en charge, et jusqu’à sa clôture avec la candidature.")
}

func (s *Service) checkReport(req ReportRequest, consent bool) (*domain.VisiteReport, error) {
	r := &domain.VisiteReport{KitVersion: s.kit.Version,
		Points: s.kit.Keep(kit.Points, req.Points), Documents: s.kit.Keep(kit.Documents, req.Documents), Logiciels: s.kit.Keep(kit.Software, req.Software),
		Notes: strings.TrimSpace(req.Notes), NextStep: strings.TrimSpace(req.NextStep), PublicSummary: strings.TrimSpace(req.Summary)}
	fields := map[string]string{}
	if len(r.Points) == 0 {
		fields["points"] = "Cochez au moins un point abordé pendant la visite."
	}
	if utf8.RuneCountInString(r.Notes) > 8000 {
		fields["notes"] = "Notes trop longues (8 000 caractères au plus)."
	}
	if r.NextStep == "" {
		fields["next_step"] = "Indiquez la prochaine étape convenue (même « aucune »)."
	} else if utf8.RuneCountInString(r.NextStep) > 1000 {
		fields["next_step"] = "Prochaine étape trop longue (1 000 caractères au plus)."
	}
	if utf8.RuneCountInString(r.PublicSummary) > 600 {
		fields["summary"] = "Résumé trop long (600 caractères au plus)."
	}
	if !consent {
		r.PublicSummary = ""
	}
	if len(fields) > 0 {
		return nil, &domain.Error{Code: domain.EInvalid, Message: "Le compte rendu contient des erreurs.", Fields: fields}
	}
	return r, nil
}

// toolsFacts are the person's standing among the validated GULLs, for the
// ambassadeurs' tools: their best role in any of them.
func (s *Service) toolsFacts(ctx context.Context, who policy.Principal) (policy.Facts, []store.Membership, error) {
	var f policy.Facts
	if who.UserID == 0 {
		return f, nil, nil
	}
	ms, err := s.store.Memberships(ctx, who.UserID)
	if err != nil {
		return f, nil, err
	}
	for _, m := range ms {
		if m.Gull.State != domain.GullValidated {
			continue
		}
		if m.Role == domain.GullCoordinateur || f.GullRole == "" {
			f.GullRole = m.Role
		}
	}
	return f, ms, nil
}

// Standing returns the facts of a person that no subject carries: their
// best role in the validated GULLs (the guard's Config.Standing).
func (s *Service) Standing(ctx context.Context, who policy.Principal) (policy.Facts, error) {
	f, _, err := s.toolsFacts(ctx, who)
	return f, err
}

// MayUseTools reports whether the person uses the ambassadeurs' tools (the
// reports feed, the kit, the template letters).
func (s *Service) MayUseTools(ctx context.Context, who policy.Principal) (bool, error) {
	f, _, err := s.toolsFacts(ctx, who)
	if err != nil {
		return false, err
	}
	return s.policy.Allows(policy.AmbassadeurTools, policy.Relations(who, f), f), nil
}

// Feed is the visit reports of a région, for the ambassadeurs.
type Feed struct {
	Allowed bool
	Region  string
	Regions []domain.Collectivite
	Reports []store.ReportEntry
}

// ReportsFeed returns the reports of a région ("" for all) for the
// ambassadeurs and staff; others get the feed empty and not allowed.
func (s *Service) ReportsFeed(ctx context.Context, who policy.Principal, region string) (*Feed, error) {
	ok, err := s.MayUseTools(ctx, who)
	if err != nil {
		return nil, err
	}
	f := &Feed{Allowed: ok, Region: region}
	if !ok {
		return f, nil
	}
	if f.Regions, err = s.store.CollectivitesOfKinds(ctx, domain.KindRegion); err != nil {
		return nil, err
	}
	sortByName(f.Regions)
	f.Reports, err = s.store.Reports(ctx, region, 100)
	return f, err
}
