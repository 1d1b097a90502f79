package ambassadeurs

import (
	"context"
	"io"
	"strings"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	courrierlc "github.com/adullact/tnl/internal/lifecycle/courrier"
	"github.com/adullact/tnl/internal/pdf"
	"github.com/adullact/tnl/internal/policy"
)

// FirstContactLetter renders, for an ambassadeur, one of the template
// letters for a first contact with a mairie, signed for their GULL, with
// the link that opens the request form filled for the commune.
func (s *Service) FirstContactLetter(ctx context.Context, w io.Writer, key, communeCode string, who policy.Principal) error {
	ok, err := s.MayUseTools(ctx, who)
	if err != nil {
		return err
	}
	if !ok {
		return s.policy.Decide(policy.AmbassadeurTools, policy.Relations(who, policy.Facts{}), policy.Facts{})
	}
	var tpl *struct{ Key, Title, Subject, Body string }
	for i := range courrierlc.FirstContact {
		if courrierlc.FirstContact[i].Key == key {
			tpl = &courrierlc.FirstContact[i]
		}
	}
	if tpl == nil {
		return domain.Errorf(domain.ENotFound, "Modèle de lettre inconnu.")
	}
	c, err := s.findCommune(ctx, communeCode)
	if err != nil {
		return err
	}
	gull := ""
	if ms, err := s.store.Memberships(ctx, who.UserID); err == nil {
		for _, m := range ms {
			if m.Gull.State == domain.GullValidated {
				gull = m.Gull.Name
				break
			}
		}
	}
	if gull == "" {
		gull = "notre groupe d’utilisateurs de logiciels libres"
	}
	deps, err := s.store.DepartementNames(ctx)
	if err != nil {
		return err
	}
	link := s.mail.BaseURL() + "/ambassadeurs/demande?commune=" + c.Code
	v := courrierlc.Vars{Commune: c.Name, Departement: deps[c.DepartementCode], Sender: gull, Link: link}
	signature := who.Name
	if signature == "" {
		signature = who.Email
	}
	l := &pdf.Letter{
		Sender: gull, SenderLines: []string{who.Email},
		Recipient: []string{"Madame, Monsieur le Maire", "Mairie " + deLieu(c.Name), strings.TrimSpace(firstPostal(c.PostalCodes) + " " + strings.ToUpper(c.Name))},
		Date:      s.store.Now(), Subject: tpl.Subject, Opening: courrierlc.Opening(v), Body: courrierlc.Fill(tpl.Body, v),
		Link: link, Signature: signature + "\nAmbassadeur du libre, " + gull,
		Footer: "Modèle « " + tpl.Title + " » du label Territoire Numérique Libre (ADULLACT)",
	}
	return s.letters.Letter(w, l)
}

// deLieu is « de Lille », « d’Amiens », « du Havre » for a mairie's address.
func deLieu(name string) string { return fr.De(name) }

func firstPostal(codes string) string {
	if f := strings.Fields(codes); len(f) > 0 {
		return f[0]
	}
	return ""
}
