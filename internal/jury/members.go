package jury

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/adullact/tnl/internal/account"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
)

// InvitationTTL is how long a jury invitation link works.
const InvitationTTL = 30 * 24 * time.Hour

// SeatRequest names a person for a campaign's jury, with their declared
// links.
type SeatRequest struct {
	CampaignID int64
	Email      string
	President  bool
	// Collectivites are the collectivités the person is an élu or agent
	// of, as codes (see territory.resolve).
	Collectivites []string
	Organisation  string
}

func (r SeatRequest) seat() string {
	if r.President {
		return domain.SeatPresident
	}
	return domain.SeatMember
}

// SeatLabel names a seat in French.
func SeatLabel(seat string) string {
	if seat == domain.SeatPresident {
		return "présidence du jury"
	}
	return "membre du jury"
}

// Invite sends a person an invitation to a campaign's jury (staff): they
// create or use an account, then accept the jury's charter before they
// see any candidature.
func (s *Service) Invite(ctx context.Context, req SeatRequest, who policy.Principal) (*store.JuryInvitation, error) {
	if err := s.decide(policy.JuryManage, who); err != nil {
		return nil, err
	}
	email, err := account.CheckEmail(req.Email)
	if err != nil {
		return nil, err
	}
	cp, err := s.store.Campaign(ctx, req.CampaignID)
	if err != nil {
		return nil, err
	}
	t, err := loadTerritory(ctx, s.store)
	if err != nil {
		return nil, err
	}
	links, err := t.resolve(req.Collectivites)
	if err != nil {
		return nil, err
	}
	if req.President {
		if err := s.presidentFree(ctx, cp.ID, email); err != nil {
			return nil, err
		}
	}
	token, err := account.RandomToken(32)
	if err != nil {
		return nil, err
	}
	inv := &store.JuryInvitation{TokenHash: account.HashToken(token), CampaignID: cp.ID, Email: email, Seat: req.seat(),
		Organisation: strings.TrimSpace(req.Organisation), Collectivites: links, ExpiresAt: s.store.Now().Add(InvitationTTL)}
	if who.UserID != 0 {
		by := who.UserID
		inv.CreatedBy = &by
	}
	from := strings.TrimSpace(who.Name)
	if from == "" {
		from = "L’équipe ADULLACT"
	}
	seat := ""
	if req.President {
		seat = "président ou présidente du jury"
	}
	msg, err := s.mail.Message("jury_invitation", email, map[string]any{"From": from, "Year": cp.Year, "Token": token, "Seat": seat})
	if err != nil {
		return nil, err
	}
	if err := s.store.CreateJuryInvitation(ctx, inv, msg); err != nil {
		return nil, err
	}
	return inv, nil
}

// presidentFree checks that the campaign's jury has no president but,
// perhaps, the person named.
func (s *Service) presidentFree(ctx context.Context, campaignID int64, email string) error {
	members, err := s.store.JuryMembers(ctx, campaignID)
	if err != nil {
		return err
	}
	for _, m := range members {
		if m.Seat == domain.SeatPresident && m.Email != email {
			return domain.Errorf(domain.EConflict, "Le jury de cette campagne a déjà une présidence : %s.", m.Email)
		}
	}
	return nil
}

// Seat seats an existing account in a campaign's jury at once, the charter
// taken as accepted on their behalf (signed on paper), without an
// invitation (staff, command line).
func (s *Service) Seat(ctx context.Context, req SeatRequest, who policy.Principal) (*store.JuryMember, error) {
	if err := s.decide(policy.JuryManage, who); err != nil {
		return nil, err
	}
	u, err := s.store.UserByEmail(ctx, req.Email)
	if err != nil {
		return nil, domain.Errorf(domain.ENotFound, "Aucun compte pour l’adresse %s : créez-le d’abord (tnl user add), ou invitez la personne sans --charte-signee.", req.Email)
	}
	t, err := loadTerritory(ctx, s.store)
	if err != nil {
		return nil, err
	}
	links, err := t.resolve(req.Collectivites)
	if err != nil {
		return nil, err
	}
	now := s.store.Now()
	m := &store.JuryMember{CampaignID: req.CampaignID, UserID: u.ID, Seat: req.seat(), Organisation: strings.TrimSpace(req.Organisation), CharterAcceptedAt: &now}
	err = s.store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.PutJuryMember(ctx, m); err != nil {
			return err
		}
		return tx.SetJuryLinks(ctx, req.CampaignID, u.ID, links, t.zone(links))
	})
	if err != nil {
		return nil, err
	}
	m.Email, m.Name = u.Email, u.Name
	return m, nil
}

// Invitation returns the invitation of a token, with its campaign, without
// using it.
func (s *Service) Invitation(ctx context.Context, token string) (*store.JuryInvitation, *domain.Campaign, error) {
	inv, err := s.store.JuryInvitationByToken(ctx, account.HashToken(token))
	if err != nil {
		return nil, nil, err
	}
	cp, err := s.store.Campaign(ctx, inv.CampaignID)
	if err != nil {
		return nil, nil, err
	}
	return inv, cp, nil
}

// AcceptInvitation uses an invitation: the signed-in person takes the seat
// it offers, with its declared links; the charter is still to accept.
func (s *Service) AcceptInvitation(ctx context.Context, token string, u *domain.User) (*domain.Campaign, error) {
	if u == nil {
		return nil, domain.Errorf(domain.EUnauthorized, "Connectez-vous pour accepter l’invitation.")
	}
	t, err := loadTerritory(ctx, s.store)
	if err != nil {
		return nil, err
	}
	inv, err := s.store.UseJuryInvitation(ctx, account.HashToken(token), func(tx *store.Tx, inv *store.JuryInvitation) error {
		if u.Email == inv.Email && u.EmailVerifiedAt == nil {
			if err := tx.MarkEmailVerified(ctx, u.ID); err != nil {
				return err
			}
		}
		if err := tx.PutJuryMember(ctx, &store.JuryMember{CampaignID: inv.CampaignID, UserID: u.ID, Seat: inv.Seat, Organisation: inv.Organisation}); err != nil {
			return err
		}
		return tx.SetJuryLinks(ctx, inv.CampaignID, u.ID, inv.Collectivites, t.zone(inv.Collectivites))
	})
	if err != nil {
		return nil, err
	}
	return s.store.Campaign(ctx, inv.CampaignID)
}

// AcceptCharter records that the person accepted the charter of a
// campaign's jury.
func (s *Service) AcceptCharter(ctx context.Context, campaignID int64, who policy.Principal) error {
	if err := s.decide(policy.JuryJoin, who); err != nil {
		return err
	}
	return s.store.InTx(ctx, func(tx *store.Tx) error { return tx.AcceptCharter(ctx, campaignID, who.UserID) })
}

// Seats lists the campaigns whose jury the person sits on, newest first,
// with the campaign.
func (s *Service) Seats(ctx context.Context, who policy.Principal) ([]SeatView, error) {
	if err := s.decide(policy.JuryJoin, who); err != nil {
		return nil, err
	}
	seats, err := s.store.JurySeats(ctx, who.UserID)
	if err != nil {
		return nil, err
	}
	out := make([]SeatView, 0, len(seats))
	for i := len(seats) - 1; i >= 0; i-- {
		cp, err := s.store.Campaign(ctx, seats[i].CampaignID)
		if err != nil {
			return nil, err
		}
		settings, err := s.store.JurySettings(ctx, cp.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, SeatView{Member: seats[i], Campaign: cp, Settings: settings})
	}
	return out, nil
}

// SeatView is a person's seat in one campaign's jury.
type SeatView struct {
	Member   store.JuryMember
	Campaign *domain.Campaign
	Settings domain.JurySettings
}

// MemberView is a jury member as staff see them.
type MemberView struct {
	store.JuryMember
	Links     []store.JuryLink
	Assigned  int
	Submitted int
}

// Members lists a campaign's jury with their links and loads, and the
// invitations still pending (staff).
func (s *Service) Members(ctx context.Context, campaignID int64, who policy.Principal) ([]MemberView, []store.JuryInvitation, error) {
	if err := s.decide(policy.JuryManage, who); err != nil {
		return nil, nil, err
	}
	members, err := s.store.JuryMembers(ctx, campaignID)
	if err != nil {
		return nil, nil, err
	}
	links, err := s.store.JuryLinks(ctx, campaignID)
	if err != nil {
		return nil, nil, err
	}
	rows, err := s.store.CampaignAssignments(ctx, campaignID)
	if err != nil {
		return nil, nil, err
	}
	byUser := map[int64]*MemberView{}
	out := make([]MemberView, len(members))
	for i, m := range members {
		out[i] = MemberView{JuryMember: m}
		byUser[m.UserID] = &out[i]
	}
	for _, l := range links {
		if v := byUser[l.UserID]; v != nil {
			v.Links = append(v.Links, l)
		}
	}
	for _, r := range rows {
		if v := byUser[r.UserID]; v != nil {
			v.Assigned++
			if r.State == domain.EvalRemise {
				v.Submitted++
			}
		}
	}
	pending, err := s.store.PendingJuryInvitations(ctx, campaignID)
	if err != nil {
		return nil, nil, err
	}
	return out, pending, nil
}

// SetLinks replaces a member's declared links (staff).
func (s *Service) SetLinks(ctx context.Context, campaignID, userID int64, codes []string, organisation *string, who policy.Principal) error {
	if err := s.decide(policy.JuryManage, who); err != nil {
		return err
	}
	m, err := s.store.JuryMember(ctx, campaignID, userID)
	if err != nil {
		return err
	}
	t, err := loadTerritory(ctx, s.store)
	if err != nil {
		return err
	}
	links, err := t.resolve(codes)
	if err != nil {
		return err
	}
	return s.store.InTx(ctx, func(tx *store.Tx) error {
		if organisation != nil {
			m.Organisation = strings.TrimSpace(*organisation)
			if err := tx.PutJuryMember(ctx, m); err != nil {
				return err
			}
		}
		return tx.SetJuryLinks(ctx, campaignID, userID, links, t.zone(links))
	})
}

// SetPreferences changes a member's assignment preferences and maximum
// load: the member themselves, or staff.
func (s *Service) SetPreferences(ctx context.Context, campaignID, userID int64, prefs domain.Preferences, maxLoad int, who policy.Principal) error {
	if who.UserID != userID {
		if err := s.decide(policy.JuryManage, who); err != nil {
			return err
		}
	}
	if maxLoad < 0 || maxLoad > 100000 {
		return &domain.Error{Code: domain.EInvalid, Message: "La charge maximale est un nombre de candidatures positif (0 : sans maximum).",
			Fields: map[string]string{"max_load": "Nombre positif ou 0."}}
	}
	for _, k := range append(append([]string{}, prefs.WantKinds...), prefs.AvoidKinds...) {
		if !domain.CollectiviteKind(k).Valid() {
			return domain.Errorf(domain.EInvalid, "Type de collectivité inconnu : « %s » (commune, epci, departement, region, autre).", k)
		}
	}
	return s.store.SetJuryPreferences(ctx, campaignID, userID, prefs, maxLoad)
}

// RemoveMember takes a person off a campaign's jury (staff): their
// evaluations not submitted go with their assignments, which a new
// assignment run gives to others; their submitted evaluations stay.
func (s *Service) RemoveMember(ctx context.Context, campaignID, userID int64, who policy.Principal) (removed int, err error) {
	if err := s.decide(policy.JuryManage, who); err != nil {
		return 0, err
	}
	if _, err := s.store.JuryMember(ctx, campaignID, userID); err != nil {
		return 0, err
	}
	err = s.store.InTx(ctx, func(tx *store.Tx) error {
		rows, err := tx.Assignments(ctx, store.AssignmentFilter{CampaignID: campaignID, UserID: userID})
		if err != nil {
			return err
		}
		var pairs [][2]int64
		for _, r := range rows {
			if r.State != domain.EvalRemise {
				pairs = append(pairs, [2]int64{r.CandidatureID, r.UserID})
				if err := s.recordUnassign(ctx, tx, r, who, "Juré retiré du jury"); err != nil {
					return err
				}
			}
		}
		removed = len(pairs)
		if err := tx.DeleteAssignmentPairs(ctx, pairs); err != nil {
			return err
		}
		return tx.RemoveJuryMember(ctx, campaignID, userID)
	})
	return removed, err
}

// refreshZones computes every member's conflict zone again from their
// links, on the current territories (an import of a new code officiel
// géographique moves communes between EPCIs), writes those whose
// fingerprint changed, and returns them all.
func (s *Service) refreshZones(ctx context.Context, campaignID int64) (map[int64][]int64, error) {
	members, err := s.store.JuryMembers(ctx, campaignID)
	if err != nil {
		return nil, err
	}
	links, err := s.store.JuryLinks(ctx, campaignID)
	if err != nil {
		return nil, err
	}
	byUser := map[int64][]int64{}
	for _, l := range links {
		byUser[l.UserID] = append(byUser[l.UserID], l.CollectiviteID)
	}
	zones := make(map[int64][]int64, len(byUser))
	var t *territory
	if len(byUser) > 0 {
		if t, err = loadTerritory(ctx, s.store); err != nil {
			return nil, err
		}
	}
	changed := map[int64]string{}
	for _, m := range members {
		if ids := byUser[m.UserID]; len(ids) > 0 {
			zones[m.UserID] = t.zone(ids)
		}
		if h := store.ZoneHash(zones[m.UserID]); h != m.ZoneHash && !(m.ZoneHash == "" && len(zones[m.UserID]) == 0) {
			changed[m.UserID] = h
		}
	}
	if len(changed) == 0 {
		return zones, nil
	}
	err = s.store.InTx(ctx, func(tx *store.Tx) error {
		for uid, h := range changed {
			if err := tx.SetJuryZone(ctx, campaignID, uid, zones[uid], h); err != nil {
				return fmt.Errorf("zone of juror %d: %w", uid, err)
			}
		}
		return nil
	})
	return zones, err
}
