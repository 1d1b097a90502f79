package ambassadeurs

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/adullact/tnl/internal/account"
	"github.com/adullact/tnl/internal/domain"
	gulllc "github.com/adullact/tnl/internal/lifecycle/gull"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/workflow"
)

// GullRequest is what the registration form (or the GULL's settings) asks.
type GullRequest struct {
	Name, Website, Email, Description string
	// Zone lists the territories of the zone of action, one a line: a
	// département's code (59), an EPCI's SIREN (245900410) or a commune's
	// code INSEE (59350), optionally followed by its name.
	Zone string
	// Home is the commune of the GULL's seat: code INSEE, or a name found
	// once among the communes.
	Home string
}

// ZoneEntry is a territory of a zone, with its name.
type ZoneEntry struct {
	domain.GullZone
	Name string
}

// Label is « Nord (59) », « CC du Pays de Gex (EPCI) ».
func (z ZoneEntry) Label() string {
	switch z.Kind {
	case domain.KindDepartement:
		return z.Name + " (" + z.Code + ")"
	case domain.KindEPCI:
		return z.Name + " (intercommunalité)"
	}
	return z.Name + " (" + z.Code + ")"
}

// checkGull validates a GULL's fields and resolves its zone and home
// commune, with a French message per field.
func (s *Service) checkGull(ctx context.Context, req GullRequest) (*domain.Gull, []domain.GullZone, error) {
	fields := map[string]string{}
	g := &domain.Gull{Name: oneLine(req.Name), Website: strings.TrimSpace(req.Website), Description: strings.TrimSpace(req.Description)}
	switch n := utf8.RuneCountInString(g.Name); {
	case n == 0:
		fields["name"] = "Indiquez le nom du GULL."
	case n > 120:
		fields["name"] = "Nom trop long (120 caractères au plus)."
	}
	if g.Website != "" {
		if u, err := url.Parse(g.Website); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			fields["website"] = "Adresse du site invalide : elle commence par https://."
		}
	}
	if email, err := account.CheckEmail(req.Email); err != nil {
		fields["email"] = "Indiquez l’adresse où les mairies peuvent écrire au GULL, par exemple contact@gull.org."
	} else {
		g.Email = email
	}
	if utf8.RuneCountInString(g.Description) > 4000 {
		fields["description"] = "Description trop longue (4 000 caractères au plus)."
	}
	home, err := s.findCommune(ctx, req.Home)
	if err != nil {
		fields["home"] = domain.ErrorMessage(err)
	} else {
		g.HomeCommuneCode = home.Code
	}
	zones, problems := s.parseZone(ctx, req.Zone)
	if len(problems) > 0 {
		fields["zone"] = strings.Join(problems, " ")
	} else if len(zones) == 0 {
		fields["zone"] = "Indiquez au moins un territoire : le département, l’intercommunalité ou les communes où le GULL peut se déplacer."
	}
	if len(fields) > 0 {
		return nil, nil, &domain.Error{Code: domain.EInvalid, Message: "Le formulaire contient des erreurs.", Fields: fields}
	}
	g.Slug = slug(g.Name)
	return g, zones, nil
}

// findCommune resolves a commune by code INSEE or by a name found once.
func (s *Service) findCommune(ctx context.Context, q string) (*domain.Collectivite, error) {
	q = strings.TrimSpace(q)
	if q == "" {
		return nil, domain.Errorf(domain.EInvalid, "Indiquez la commune du siège du GULL (nom ou code INSEE).")
	}
	if code := firstToken(q); isCommuneCode(code) {
		if c, err := s.store.CollectiviteByCode(ctx, domain.KindCommune, strings.ToUpper(code)); err == nil {
			return c, nil
		}
	}
	found, err := s.store.SearchCollectivites(ctx, q, 20)
	if err != nil {
		return nil, err
	}
	var exact []domain.Collectivite
	for _, c := range found {
		if c.Kind == domain.KindCommune && domain.SearchKey(c.Name) == domain.SearchKey(q) {
			exact = append(exact, c)
		}
	}
	switch len(exact) {
	case 1:
		return &exact[0], nil
	case 0:
		return nil, domain.Errorf(domain.EInvalid, "Aucune commune « %s » : donnez son code INSEE (5 caractères, par exemple 59350).", q)
	}
	return nil, domain.Errorf(domain.EInvalid, "Plusieurs communes s’appellent « %s » : donnez son code INSEE (par exemple %s ou %s).", q, exact[0].Code, exact[1].Code)
}

// parseZone reads a zone, one territory a line, and says what is wrong
// with each line that is.
func (s *Service) parseZone(ctx context.Context, text string) ([]domain.GullZone, []string) {
	var zones []domain.GullZone
	var problems []string
	seen := map[domain.GullZone]bool{}
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		code := strings.ToUpper(firstToken(line))
		var kind domain.CollectiviteKind
		switch {
		case len(code) == 9 && isDigits(code):
			kind = domain.KindEPCI
		case isCommuneCode(code):
			kind = domain.KindCommune
		case len(code) >= 2 && len(code) <= 3:
			kind = domain.KindDepartement
		default:
			problems = append(problems, fmt.Sprintf("Ligne %d : « %s » n’est ni un code de département, ni un SIREN d’EPCI, ni un code INSEE de commune.", i+1, line))
			continue
		}
		c, err := s.store.CollectiviteByCode(ctx, kind, code)
		if err != nil || !c.Active {
			problems = append(problems, fmt.Sprintf("Ligne %d : %s de code %s inconnu parmi les territoires importés.", i+1, strings.ToLower(kind.Label()), code))
			continue
		}
		z := domain.GullZone{Kind: kind, Code: code}
		if !seen[z] {
			seen[z] = true
			zones = append(zones, z)
		}
		if len(zones) > 500 {
			problems = append(problems, "Zone trop grande : 500 territoires au plus (donnez plutôt les départements).")
			break
		}
	}
	return zones, problems
}

// ZoneText writes a zone back as the form shows it.
func ZoneText(entries []ZoneEntry) string {
	var b strings.Builder
	for _, z := range entries {
		b.WriteString(z.Code + " " + z.Name + "\n")
	}
	return b.String()
}

// Zone returns a GULL's zone with the territories' names.
func (s *Service) Zone(ctx context.Context, gullID int64) ([]ZoneEntry, error) {
	zones, err := s.store.GullZones(ctx, gullID)
	if err != nil {
		return nil, err
	}
	out := make([]ZoneEntry, 0, len(zones))
	for _, z := range zones {
		e := ZoneEntry{GullZone: z, Name: z.Code}
		if c, err := s.store.CollectiviteByCode(ctx, z.Kind, z.Code); err == nil {
			e.Name = c.Name
		}
		out = append(out, e)
	}
	return out, nil
}

// RegisterGull registers a GULL, with the person as its coordinator; staff
// are asked to validate it.
func (s *Service) RegisterGull(ctx context.Context, req GullRequest, who policy.Principal) (*domain.Gull, error) {
	if err := s.policy.Decide(policy.GullRegister, policy.Relations(who, policy.Facts{}), policy.Facts{}); err != nil {
		return nil, err
	}
	if !who.Verified {
		return nil, domain.Errorf(domain.EForbidden, "Confirmez d’abord votre adresse électronique avec le lien reçu par courriel : l’inscription d’un GULL vient ensuite.")
	}
	g, zones, err := s.checkGull(ctx, req)
	if err != nil {
		return nil, err
	}
	g.State, g.CreatedBy = domain.GullProposed, who.UserID
	err = s.store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateGull(ctx, g, zones, who.UserID); err != nil {
			return err
		}
		if err := s.engine.Record(ctx, tx, gulllc.Name, g.ID, workflow.RecordCreate, g.State, who, policy.Coordinator, ""); err != nil {
			return err
		}
		staff, err := tx.StaffEmails(ctx)
		if err != nil {
			return err
		}
		for _, email := range staff {
			msg, err := s.mail.Message("gull_inscrit", email, struct {
				From, Gull string
				ID         int64
			}{orEmail(who), g.Name, g.ID})
			if err != nil {
				return err
			}
			if err := tx.Enqueue(ctx, msg); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return g, nil
}

// UpdateGull changes a GULL's description and zone (its coordination or
// staff; the guard decided, the policy is asked again on the facts read).
func (s *Service) UpdateGull(ctx context.Context, gullID int64, version int, req GullRequest, who policy.Principal) error {
	ng, zones, err := s.checkGull(ctx, req)
	if err != nil {
		return err
	}
	return s.store.InTx(ctx, func(tx *store.Tx) error {
		g, err := tx.Gull(ctx, gullID)
		if err != nil {
			return err
		}
		role, err := tx.GullRole(ctx, gullID, who.UserID)
		if err != nil {
			return err
		}
		facts := policy.Facts{GullRole: role}
		if err := s.policy.Decide(policy.GullManage, policy.Relations(who, facts), facts); err != nil {
			return err
		}
		if version != 0 && version != g.Version {
			return domain.Errorf(domain.EConflict, "Quelqu’un a modifié ce GULL en même temps que vous : rechargez la page.")
		}
		ng.ID, ng.Version = g.ID, g.Version
		if err := tx.UpdateGull(ctx, ng); err != nil {
			return err
		}
		if err := tx.SetGullZones(ctx, g.ID, zones); err != nil {
			return err
		}
		return s.engine.Record(ctx, tx, gulllc.Name, g.ID, gulllc.RecordEdit, g.State, who, policy.Of(policy.Coordinator, policy.Staff).Primary(policy.Relations(who, facts)), "")
	})
}

// InvitationTTL is how long an invitation to a GULL works.
const InvitationTTL = 14 * 24 * time.Hour

// Invite sends a person a link to join a GULL as ambassadeur.
func (s *Service) Invite(ctx context.Context, gullID int64, email string, who policy.Principal) error {
	email, err := account.CheckEmail(email)
	if err != nil {
		return err
	}
	g, err := s.store.Gull(ctx, gullID)
	if err != nil {
		return err
	}
	members, err := s.store.GullMembers(ctx, gullID)
	if err != nil {
		return err
	}
	role := ""
	for _, m := range members {
		if m.Email == email {
			return &domain.Error{Code: domain.EConflict, Message: email + " est déjà membre du GULL.", Fields: map[string]string{"email": "Déjà membre."}}
		}
		if m.UserID == who.UserID {
			role = m.Role
		}
	}
	facts := policy.Facts{GullRole: role}
	if err := s.policy.Decide(policy.GullManage, policy.Relations(who, facts), facts); err != nil {
		return err
	}
	if sent, err := s.store.AmbassadeurLinkSentSince(ctx, domain.LinkGullInvitation, email, &gullID, nil, s.store.Now().Add(-account.LinkInterval)); err != nil {
		return err
	} else if sent {
		msg := "Une invitation vient d’être envoyée à cette adresse : attendez quelques minutes avant d’en envoyer une autre."
		return &domain.Error{Code: domain.EUnprocessable, Message: msg, Fields: map[string]string{"email": msg}}
	}
	token, hash := store.NewLinkToken()
	by := who.UserID
	l := &domain.AmbassadeurLink{TokenHash: hash, Kind: domain.LinkGullInvitation, Email: email, GullID: &gullID, ExpiresAt: s.store.Now().Add(InvitationTTL)}
	if by != 0 {
		l.CreatedBy = &by
	}
	msg, err := s.mail.Message("gull_invitation", email, struct{ From, FromEmail, Gull, Token string }{orEmail(who), who.Email, g.Name, token})
	if err != nil {
		return err
	}
	return s.store.CreateAmbassadeurLink(ctx, l, msg)
}

// Invitation returns the GULL an invitation is for, without using it.
func (s *Service) Invitation(ctx context.Context, token string) (*domain.AmbassadeurLink, *domain.Gull, error) {
	l, err := s.store.AmbassadeurLink(ctx, store.HashLinkToken(token), domain.LinkGullInvitation)
	if err != nil {
		return nil, nil, err
	}
	g, err := s.store.Gull(ctx, *l.GullID)
	return l, g, err
}

// AcceptInvitation makes the signed-in person an ambassadeur of the GULL.
func (s *Service) AcceptInvitation(ctx context.Context, token string, u *domain.User) (*domain.Gull, error) {
	l, err := s.store.UseAmbassadeurLink(ctx, store.HashLinkToken(token), domain.LinkGullInvitation, func(tx *store.Tx, l *domain.AmbassadeurLink) error {
		if u.Email == l.Email && u.EmailVerifiedAt == nil {
			if err := tx.MarkEmailVerified(ctx, u.ID); err != nil {
				return err
			}
		}
		if err := tx.AddGullMember(ctx, *l.GullID, u.ID, domain.GullAmbassadeur); err != nil {
			return err
		}
		g, err := tx.Gull(ctx, *l.GullID)
		if err != nil {
			return err
		}
		return s.engine.Record(ctx, tx, gulllc.Name, g.ID, gulllc.RecordMembers, g.State, policy.User(u), policy.Ambassadeur, "A rejoint le GULL : "+u.Email)
	})
	if err != nil {
		return nil, err
	}
	return s.store.Gull(ctx, *l.GullID)
}

// RemoveMember takes a person out of a GULL.
func (s *Service) RemoveMember(ctx context.Context, gullID, userID int64, who policy.Principal) error {
	if err := s.store.RemoveGullMember(ctx, gullID, userID); err != nil {
		return err
	}
	g, err := s.store.Gull(ctx, gullID)
	if err != nil {
		return err
	}
	return s.store.InTx(ctx, func(tx *store.Tx) error {
		return s.engine.Record(ctx, tx, gulllc.Name, gullID, gulllc.RecordMembers, g.State, who, policy.Coordinator, fmt.Sprintf("Membre n° %d retiré", userID))
	})
}

func orEmail(p policy.Principal) string {
	if p.Name != "" {
		return p.Name
	}
	return p.Email
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func firstToken(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return strings.Trim(f[0], "(),;")
	}
	return ""
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func isCommuneCode(s string) bool {
	s = strings.ToUpper(s)
	if len(s) != 5 {
		return false
	}
	return isDigits(s) || (s[0] == '2' && (s[1] == 'A' || s[1] == 'B') && isDigits(s[2:]))
}

// slug is the name of a GULL's public page: « GULL de l’Ain » → gull-de-l-ain.
func slug(name string) string {
	s := strings.ReplaceAll(domain.SearchKey(name), " ", "-")
	if s == "" {
		s = "gull"
	}
	if len(s) > 60 {
		s = strings.TrimRight(s[:60], "-")
	}
	return s
}
