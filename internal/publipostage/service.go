// Package publipostage is the use cases of the mailing campaigns to the
// mairies: creating one for a département or a list of communes, writing
// its letter from the template, importing the addresses a partner gives
// (CSV), rendering the personalised letters (one PDF per mairie in a zip,
// or one merged PDF for postal mailing) and following each mairie's
// progress: courrier envoyé → demande → visite → candidature. Sending and
// reminding are the events of the courrier lifecycle.
package publipostage

import (
	"context"
	"crypto/rand"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/adullact/tnl/internal/account"
	"github.com/adullact/tnl/internal/domain"
	courrierlc "github.com/adullact/tnl/internal/lifecycle/courrier"
	"github.com/adullact/tnl/internal/mail"
	"github.com/adullact/tnl/internal/pdf"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/workflow"
)

// Service is the mailing campaigns' use cases.
type Service struct {
	store  *store.Store
	engine *workflow.Engine
	policy *policy.Policy
	mail   *mail.Mailer
	pdf    pdf.LetterRenderer
}

// New returns the service.
func New(st *store.Store, engine *workflow.Engine, mailer *mail.Mailer, letters pdf.LetterRenderer) *Service {
	return &Service{store: st, engine: engine, policy: engine.Policy(), mail: mailer, pdf: letters}
}

// Request is a campaign as staff or its partner write it.
type Request struct {
	Title string
	// Departement, or Communes (codes INSEE), says whom it writes to; only
	// at creation.
	Departement string
	Communes    []string
	Channel     string // domain.ChannelPost or domain.ChannelEmail
	Sender      string
	Signature   string
	Subject     string
	Letter      string
	Reminder    string
	// RemindAfter is when the mairies without a request get the reminder
	// (zero: no reminder date yet).
	RemindAfter time.Time
	// Partner is the address of the partner's account, "" for none.
	Partner string
}

func (s *Service) check(ctx context.Context, req Request, creating bool) (*domain.Courrier, []int64, error) {
	fields := map[string]string{}
	c := &domain.Courrier{Title: oneLine(req.Title), Channel: req.Channel, Sender: oneLine(req.Sender), Signature: strings.TrimSpace(req.Signature),
		EmailSubject: oneLine(req.Subject), Letter: strings.TrimSpace(req.Letter), Reminder: strings.TrimSpace(req.Reminder)}
	if c.Title == "" || utf8.RuneCountInString(c.Title) > 200 {
		fields["title"] = "Donnez un titre à la campagne (200 caractères au plus)."
	}
	if c.Channel != domain.ChannelPost && c.Channel != domain.ChannelEmail {
		fields["channel"] = "Choisissez l’envoi : par courrier postal ou par courriel."
	}
	if c.Sender == "" {
		fields["sender"] = "Indiquez l’expéditeur : par exemple « Association des maires du Nord »."
	}
	if c.EmailSubject == "" {
		c.EmailSubject = courrierlc.DefaultSubject
	}
	if c.Letter == "" {
		c.Letter = courrierlc.DefaultLetter
	}
	if c.Reminder == "" {
		c.Reminder = courrierlc.DefaultReminder
	}
	for field, text := range map[string]string{"letter": c.Letter, "reminder": c.Reminder, "subject": c.EmailSubject} {
		if err := courrierlc.Check(text); err != nil {
			fields[field] = "Champ entre crochets inconnu : " + err.Error() + "."
		} else if utf8.RuneCountInString(text) > 20000 {
			fields[field] = "Texte trop long (20 000 caractères au plus)."
		}
	}
	if !req.RemindAfter.IsZero() {
		at := req.RemindAfter.UTC()
		c.RemindAfter = &at
	}
	if p := strings.TrimSpace(req.Partner); p != "" {
		u, err := s.store.UserByEmail(ctx, p)
		if err != nil {
			fields["partner"] = "Aucun compte pour " + p + " : le partenaire crée d’abord son compte sur la plateforme."
		} else {
			c.PartnerID = &u.ID
		}
	}
	var ids []int64
	if creating {
		var err error
		if ids, err = s.recipients(ctx, c, req); err != nil {
			fields["recipients"] = domain.ErrorMessage(err)
		}
	}
	if len(fields) > 0 {
		return nil, nil, &domain.Error{Code: domain.EInvalid, Message: "La campagne contient des erreurs.", Fields: fields}
	}
	return c, ids, nil
}

// recipients resolves whom a new campaign writes to: every active commune
// of a département, or a list of communes.
func (s *Service) recipients(ctx context.Context, c *domain.Courrier, req Request) ([]int64, error) {
	dep := strings.ToUpper(strings.TrimSpace(req.Departement))
	switch {
	case dep != "" && len(req.Communes) > 0:
		return nil, domain.Errorf(domain.EInvalid, "Choisissez un département ou une liste de communes, pas les deux.")
	case dep != "":
		if _, err := s.store.CollectiviteByCode(ctx, domain.KindDepartement, dep); err != nil {
			return nil, domain.Errorf(domain.EInvalid, "Département %s inconnu parmi les territoires importés.", dep)
		}
		c.Scope, c.DepartementCode = "departement", dep
		return s.store.CommuneIDs(ctx, dep, nil)
	case len(req.Communes) > 0:
		c.Scope = "liste"
		var codes []string
		for _, code := range req.Communes {
			if code = strings.ToUpper(strings.TrimSpace(code)); code != "" {
				codes = append(codes, code)
			}
		}
		ids, err := s.store.CommuneIDs(ctx, "", codes)
		if err != nil {
			return nil, err
		}
		if len(ids) < len(codes) {
			return nil, domain.Errorf(domain.EInvalid, "%d codes de la liste ne sont pas des communes actuelles.", len(codes)-len(ids))
		}
		return ids, nil
	}
	return nil, domain.Errorf(domain.EInvalid, "Indiquez le département (par exemple 59) ou la liste des communes destinataires.")
}

// Create creates a campaign (staff), with a personal code per mairie.
func (s *Service) Create(ctx context.Context, req Request, who policy.Principal) (*domain.Courrier, error) {
	if err := s.policy.Decide(policy.CourrierList, policy.Relations(who, policy.Facts{}), policy.Facts{}); err != nil {
		return nil, err
	}
	c, ids, err := s.check(ctx, req, true)
	if err != nil {
		return nil, err
	}
	c.State = domain.CourrierBrouillon
	if who.UserID != 0 {
		by := who.UserID
		c.CreatedBy = &by
	}
	recipients := make([]domain.CourrierDestinataire, len(ids))
	seen := make(map[string]bool, len(ids))
	for i, id := range ids {
		code := newCode()
		for seen[code] {
			code = newCode()
		}
		seen[code] = true
		recipients[i] = domain.CourrierDestinataire{CollectiviteID: id, Code: code}
	}
	err = s.store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateCourrier(ctx, c, recipients); err != nil {
			return err
		}
		if err := s.engine.Record(ctx, tx, courrierlc.Name, c.ID, workflow.RecordCreate, c.State, who, policy.Staff, ""); err != nil {
			return err
		}
		return s.tellPartner(ctx, tx, c)
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

func (s *Service) tellPartner(ctx context.Context, tx *store.Tx, c *domain.Courrier) error {
	if c.PartnerID == nil {
		return nil
	}
	users, err := tx.UsersByID(ctx, []int64{*c.PartnerID})
	if err != nil {
		return err
	}
	u := users[*c.PartnerID]
	if u == nil {
		return nil
	}
	msg, err := s.mail.Message("courrier_partenaire", u.Email, struct {
		Name, Title string
		ID          int64
	}{u.Name, c.Title, c.ID})
	if err != nil {
		return err
	}
	return tx.Enqueue(ctx, msg)
}

// may loads a campaign as the person sees it and asks the policy.
func (s *Service) may(ctx context.Context, id int64, who policy.Principal, a policy.Action) (*workflow.Snapshot, *courrierlc.Payload, error) {
	snap, err := s.engine.Load(ctx, courrierlc.Name, id, who)
	if err != nil {
		return nil, nil, err
	}
	if err := s.policy.Decide(a, snap.Relations, snap.Facts); err != nil {
		return nil, nil, err
	}
	return snap, snap.Payload.(*courrierlc.Payload), nil
}

// Update changes a campaign's texts, dates and partner; the recipients stay.
func (s *Service) Update(ctx context.Context, id int64, version int, req Request, who policy.Principal) error {
	snap, p, err := s.may(ctx, id, who, policy.CourrierEdit)
	if err != nil {
		return err
	}
	nc, _, err := s.check(ctx, req, false)
	if err != nil {
		return err
	}
	if snap.State != domain.CourrierBrouillon && (nc.Letter != p.Courrier.Letter || nc.Channel != p.Courrier.Channel) {
		return domain.Errorf(domain.EUnprocessable, "Les lettres sont parties : seuls la relance, sa date et le partenaire peuvent encore changer.")
	}
	if !snap.Relations.Has(policy.Staff) {
		nc.PartnerID = p.Courrier.PartnerID // only staff choose the partner
	}
	nc.ID, nc.Version = id, snap.Version
	if version != 0 && version != snap.Version {
		return domain.Errorf(domain.EConflict, "Quelqu’un a modifié cette campagne en même temps que vous : rechargez la page.")
	}
	return s.store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.UpdateCourrier(ctx, nc); err != nil {
			return err
		}
		if nc.PartnerID != nil && (p.Courrier.PartnerID == nil || *p.Courrier.PartnerID != *nc.PartnerID) {
			if err := s.tellPartner(ctx, tx, nc); err != nil {
				return err
			}
		}
		return s.engine.Record(ctx, tx, courrierlc.Name, id, courrierlc.RecordEdit, snap.State, who, snap.Relations.Primary(policy.Of(policy.Partner, policy.Staff)), "")
	})
}

// codeAlphabet has no letters or digits that read alike (0 O, 1 I L).
const codeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// newCode is a mairie's personal code: 8 characters, 31⁸ ≈ 8.5 × 10¹¹,
// drawn without bias (bytes of 248 and more are drawn again).
func newCode() string {
	out := make([]byte, 0, 8)
	b := make([]byte, 16)
	for len(out) < 8 {
		rand.Read(b) //nolint:errcheck // crypto/rand never fails on supported platforms
		for _, x := range b {
			if int(x) < 256/len(codeAlphabet)*len(codeAlphabet) && len(out) < 8 {
				out = append(out, codeAlphabet[int(x)%len(codeAlphabet)])
			}
		}
	}
	return string(out)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// checkEmail is account.CheckEmail, for the CSV of addresses.
func checkEmail(e string) (string, error) { return account.CheckEmail(e) }
