package publipostage

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	courrierlc "github.com/adullact/tnl/internal/lifecycle/courrier"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
)

// AddressReport says what an import of addresses did.
type AddressReport struct {
	Lines    int      // data lines read
	Matched  int      // communes of the campaign given an address
	Unknown  []string // codes that are not recipients of the campaign
	Problems []string // lines refused, with why
}

// String is the report in French.
func (r *AddressReport) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s lues, %s de la campagne avec une adresse.\n", fr.Count(r.Lines, "ligne", "lignes"), fr.Count(r.Matched, "mairie", "mairies"))
	if len(r.Unknown) > 0 {
		fmt.Fprintf(&b, "%s hors de la campagne : %s.\n", fr.Count(len(r.Unknown), "code", "codes"), strings.Join(first(r.Unknown, 20), ", "))
	}
	for _, p := range first(r.Problems, 50) {
		b.WriteString(p + "\n")
	}
	return b.String()
}

func first(s []string, n int) []string {
	if len(s) > n {
		return append(s[:n:n], fmt.Sprintf("… et %d autres", len(s)-n))
	}
	return s
}

// maxAddressBytes bounds the CSV of addresses (35 000 communes take about
// 2 Mo).
const maxAddressBytes = 8 << 20

// ImportAddresses reads the CSV of the mairies' addresses a partner gives:
// a header naming the columns code_insee (or insee, code), email (or
// courriel, adresse) and, optionally, maire; the separator is a comma or a
// semicolon. Each address is checked; the import writes nothing if a line
// is refused.
func (s *Service) ImportAddresses(ctx context.Context, id int64, r io.Reader, who policy.Principal) (*AddressReport, error) {
	snap, _, err := s.may(ctx, id, who, policy.CourrierEdit)
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(r, maxAddressBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxAddressBytes {
		return nil, domain.Errorf(domain.ETooLarge, "Fichier trop gros : 8 Mo au plus.")
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	sep := ','
	if line, _, _ := bufio.NewReader(bytes.NewReader(data)).ReadLine(); bytes.Count(line, []byte(";")) > bytes.Count(line, []byte(",")) {
		sep = ';'
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma, cr.FieldsPerRecord, cr.TrimLeadingSpace = sep, -1, true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, domain.Errorf(domain.EInvalid, "Fichier vide : une ligne d’en-tête (code_insee, email, maire) est attendue.")
	} else if err != nil {
		return nil, domain.Errorf(domain.EInvalid, "CSV illisible : %v", err)
	}
	col := func(names ...string) int {
		for i, h := range header {
			h = strings.ToLower(strings.TrimSpace(h))
			for _, n := range names {
				if h == n {
					return i
				}
			}
		}
		return -1
	}
	iCode, iEmail, iMaire := col("code_insee", "insee", "code", "code_commune"), col("email", "courriel", "adresse", "mel"), col("maire", "nom_maire")
	if iCode < 0 || iEmail < 0 {
		return nil, domain.Errorf(domain.EInvalid, "Colonnes attendues dans l’en-tête : code_insee et email (maire en option) ; trouvées : %s.", strings.Join(header, ", "))
	}
	rep := &AddressReport{}
	byCode := map[string][2]string{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			rep.Problems = append(rep.Problems, fmt.Sprintf("Ligne %d : CSV illisible (%v).", line, err))
			continue
		}
		rep.Lines++
		get := func(i int) string {
			if i >= 0 && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		code := strings.ToUpper(get(iCode))
		email, err := checkEmail(get(iEmail))
		if err != nil {
			rep.Problems = append(rep.Problems, fmt.Sprintf("Ligne %d : adresse « %s » invalide.", line, get(iEmail)))
			continue
		}
		byCode[code] = [2]string{email, oneLine(get(iMaire))}
	}
	if len(rep.Problems) > 0 {
		return rep, &domain.Error{Code: domain.EInvalid, Message: "Import refusé, rien n’a été enregistré : corrigez les lignes signalées.", Details: first(rep.Problems, 50)}
	}
	err = s.store.InTx(ctx, func(tx *store.Tx) error {
		n, err := tx.SetDestinataireAddresses(ctx, id, byCode)
		if err != nil {
			return err
		}
		rep.Matched = n
		return s.engine.Record(ctx, tx, courrierlc.Name, id, courrierlc.RecordEdit, snap.State, who,
			snap.Relations.Primary(policy.Of(policy.Partner, policy.Staff)), fmt.Sprintf("Adresses importées : %d", n))
	})
	if err != nil {
		return nil, err
	}
	if rep.Matched < len(byCode) {
		recipients, err := s.store.Recipients(ctx, id)
		if err != nil {
			return nil, err
		}
		in := map[string]bool{}
		for _, r := range recipients {
			in[r.Insee] = true
		}
		for code := range byCode {
			if !in[code] {
				rep.Unknown = append(rep.Unknown, code)
			}
		}
	}
	return rep, nil
}
