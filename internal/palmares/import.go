package palmares

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/store"
)

// The columns of the history file (../shared/data/palmares).
var importColumns = []string{"annee", "niveau", "nom_publie", "type", "departement", "code_insee_ou_siren", "mention", "source"}

// Row is one line of the history file.
type Row struct {
	Line                                                  int
	Year                                                  int
	Level, Name, Kind, Departement, Code, Mention, Source string
}

// YearReport counts what an import did with one edition's rows.
type YearReport struct {
	Year int
	// Rows read; Imported added to the palmarès; Already present (from a
	// previous import or a publication); Unmatched left for staff (New of
	// them recorded by this import); Duplicates: a second row for the same
	// collectivité and edition.
	Rows, Imported, Already, Unmatched, NewUnmatched, Duplicates int
}

// ImportReport is what an import did.
type ImportReport struct {
	Years []YearReport
	// Unmatched lists the rows left for staff, with the reason.
	Unmatched []store.PalmaresUnmatched
}

// Changed reports whether the import wrote anything.
func (r *ImportReport) Changed() bool {
	for _, y := range r.Years {
		if y.Imported > 0 || y.NewUnmatched > 0 {
			return true
		}
	}
	return false
}

// String is the report in French, for the CLI.
func (r *ImportReport) String() string {
	var b strings.Builder
	rows := 0
	for _, y := range r.Years {
		rows += y.Rows
		fmt.Fprintf(&b, "%d : %s, %s, %s, %s", y.Year, fr.Count(y.Rows, "ligne", "lignes"),
			fr.Count(y.Imported, "importée", "importées"), fr.Count(y.Already, "déjà présente", "déjà présentes"),
			fr.Count(y.Unmatched, "à rapprocher", "à rapprocher"))
		if y.Duplicates > 0 {
			fmt.Fprintf(&b, ", %s", fr.Count(y.Duplicates, "doublon", "doublons"))
		}
		b.WriteString("\n")
	}
	for _, u := range r.Unmatched {
		fmt.Fprintf(&b, "À rapprocher : %d « %s » (%s) — %s\n", u.Year, u.PublishedName, kindLabel(u.Kind), u.Reason)
	}
	if !r.Changed() {
		fmt.Fprintf(&b, "Aucune modification : les %s du fichier sont déjà importées ou en attente de rapprochement.\n", fr.Count(rows, "ligne", "lignes"))
	}
	return b.String()
}

func kindLabel(k string) string {
	if k == "" {
		return "type non précisé"
	}
	return k
}

// ParseHistory reads the history file; a malformed line stops it with a
// French error naming the line.
func ParseHistory(r io.Reader) ([]Row, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = len(importColumns)
	header, err := cr.Read()
	if err != nil {
		return nil, domain.Errorf(domain.EInvalid, "Fichier illisible : %v", err)
	}
	header[0] = strings.TrimPrefix(header[0], "\ufeff")
	if !slices.Equal(header, importColumns) {
		return nil, domain.Errorf(domain.EInvalid, "En-tête inattendu : « %s » ; attendu : « %s ».", strings.Join(header, ","), strings.Join(importColumns, ","))
	}
	var rows []Row
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return nil, domain.Errorf(domain.EInvalid, "Ligne %d illisible : %v", line, err)
		}
		for i, f := range rec {
			if !utf8.ValidString(f) {
				return nil, domain.Errorf(domain.EInvalid, "Ligne %d : le texte n’est pas en UTF-8.", line)
			}
			rec[i] = strings.TrimSpace(f)
		}
		year, err := strconv.Atoi(rec[0])
		if err != nil || year < 2016 || year > 2100 {
			return nil, domain.Errorf(domain.EInvalid, "Ligne %d : année « %s » invalide (de 2016 à 2100).", line, rec[0])
		}
		row := Row{Line: line, Year: year, Level: rec[1], Name: rec[2], Kind: rec[3], Departement: rec[4], Code: rec[5], Mention: rec[6], Source: rec[7]}
		if row.Name == "" {
			return nil, domain.Errorf(domain.EInvalid, "Ligne %d : le nom publié manque.", line)
		}
		if _, _, err := levelOf(row); err != nil {
			return nil, err
		}
		if _, err := kindOf(row.Kind); err != nil {
			return nil, domain.Errorf(domain.EInvalid, "Ligne %d : %v", line, err)
		}
		rows = append(rows, row)
	}
}

// levelOf maps a row's level to its scheme: 1 to 5 until 2024; from 2025
// the published words Badge, Bronze, Argent, Or; empty for a laureate
// whose level was not published.
func levelOf(r Row) (*int, string, error) {
	if r.Level == "" {
		return nil, domain.LevelNotPublished, nil
	}
	scheme := SchemeOf(r.Year, nil)
	if n, err := strconv.Atoi(r.Level); err == nil {
		if l, ok := scheme.Level(n); ok && r.Year < 2025 {
			return &n, l.Label, nil
		}
	}
	for _, l := range scheme.Levels {
		if strings.EqualFold(l.Label, r.Level) {
			v := l.Value
			return &v, l.Label, nil
		}
	}
	return nil, "", domain.Errorf(domain.EInvalid, "Ligne %d : niveau « %s » inconnu pour %d (barème « %s »).", r.Line, r.Level, r.Year, scheme.Name)
}

func kindOf(s string) (domain.CollectiviteKind, error) {
	switch s {
	case "":
		return "", nil
	case "commune":
		return domain.KindCommune, nil
	case "epci":
		return domain.KindEPCI, nil
	case "departement":
		return domain.KindDepartement, nil
	case "region":
		return domain.KindRegion, nil
	case "syndicat", "autre":
		return domain.KindAutre, nil
	}
	return "", fmt.Errorf("type « %s » inconnu (commune, epci, departement, region, syndicat, autre)", s)
}

var (
	depCode = regexp.MustCompile(`^(\d{2}|2[AB]|97\d)$`)
	// Words of a published name that the official name does not carry.
	namePrefix = regexp.MustCompile(`(?i)^(ville|mairie|commune)\s+(de\s+|d[’']\s*|du\s+|des\s+)?`)
)

// match finds the collectivité of a row: by code when it has one, else by
// name (and département when given) when exactly one collectivité fits.
func match(ctx context.Context, tx *store.Tx, r Row) (*domain.Collectivite, string, error) {
	kind, _ := kindOf(r.Kind)
	if r.Code != "" {
		kinds := []domain.CollectiviteKind{kind}
		if kind == "" {
			switch len(r.Code) {
			case 5:
				kinds = []domain.CollectiviteKind{domain.KindCommune}
			case 9:
				kinds = []domain.CollectiviteKind{domain.KindEPCI, domain.KindAutre}
			default:
				return nil, fmt.Sprintf("code %s sans type : commune, département ou région ?", r.Code), nil
			}
		}
		for _, k := range kinds {
			c, err := tx.CollectiviteByCodeTx(ctx, k, r.Code)
			if err != nil || c != nil {
				return c, "", err
			}
		}
		return nil, fmt.Sprintf("aucune collectivité de code %s", r.Code), nil
	}
	dep := ""
	if r.Departement != "" {
		if depCode.MatchString(r.Departement) {
			dep = r.Departement
		} else {
			found, err := tx.CollectivitesNamed(ctx, domain.SearchKey(r.Departement), domain.KindDepartement, "")
			if err != nil {
				return nil, "", err
			}
			if len(found) != 1 {
				return nil, fmt.Sprintf("département « %s » inconnu", r.Departement), nil
			}
			dep = found[0].Code
		}
	}
	names := []string{domain.SearchKey(r.Name)}
	if short := namePrefix.ReplaceAllString(r.Name, ""); short != r.Name && short != "" {
		names = append(names, domain.SearchKey(short))
	}
	for _, n := range names {
		found, err := tx.CollectivitesNamed(ctx, n, kind, dep)
		if err != nil {
			return nil, "", err
		}
		switch {
		case len(found) == 1:
			return &found[0], "", nil
		case len(found) > 1:
			where := "sans département"
			if dep != "" {
				where = "dans le département " + dep
			}
			return nil, fmt.Sprintf("%d collectivités portent ce nom (%s)", len(found), where), nil
		}
	}
	return nil, "aucune collectivité de ce nom", nil
}

// importedAt is the conventional publication instant of an imported
// edition, whose exact date the sources do not give: 1 December, noon in
// Paris (the ceremonies were held in the last months of the year).
func importedAt(year int) time.Time {
	return time.Date(year, 12, 1, 11, 0, 0, 0, time.UTC)
}

func entryOf(r Row, c *domain.Collectivite) (*domain.PalmaresEntry, error) {
	level, label, err := levelOf(r)
	if err != nil {
		return nil, err
	}
	mentions := []string{}
	if r.Mention != "" {
		mentions = append(mentions, r.Mention)
	}
	return &domain.PalmaresEntry{Year: r.Year, CollectiviteID: c.ID, PublishedName: r.Name, Awarded: true,
		Level: level, LevelLabel: label, Mentions: mentions, Source: r.Source, PublishedAt: importedAt(r.Year), Version: 1}, nil
}

// Import adds the history of a file to the palmarès, in one transaction:
// a row whose collectivité and edition are already there is skipped, so
// that a second import changes nothing; a row that matches no collectivité,
// or several, is recorded for staff to match (Match).
func (s *Service) Import(ctx context.Context, r io.Reader) (*ImportReport, error) {
	rows, err := ParseHistory(r)
	if err != nil {
		return nil, err
	}
	previous, err := s.store.PalmaresUnmatchedRows(ctx, true)
	if err != nil {
		return nil, err
	}
	resolved := map[string]bool{}
	for _, u := range previous {
		if u.ResolvedAt != nil {
			resolved[unmatchedKey(u.Year, u.PublishedName, u.Kind, u.Departement, u.Code)] = true
		}
	}
	rep := &ImportReport{}
	byYear := map[int]*YearReport{}
	err = s.store.InTx(ctx, func(tx *store.Tx) error {
		rep.Years, rep.Unmatched = nil, nil
		clear(byYear)
		keys, err := tx.PalmaresKeys(ctx)
		if err != nil {
			return err
		}
		var entries []*domain.PalmaresEntry
		seen := map[int]map[int64]bool{}
		for _, row := range rows {
			y := byYear[row.Year]
			if y == nil {
				y = &YearReport{Year: row.Year}
				byYear[row.Year] = y
			}
			y.Rows++
			c, reason, err := match(ctx, tx, row)
			if err != nil {
				return err
			}
			if c == nil && resolved[unmatchedKey(row.Year, row.Name, row.Kind, row.Departement, row.Code)] {
				y.Already++ // matched by staff after a previous import
				continue
			}
			if c == nil {
				u := &store.PalmaresUnmatched{Year: row.Year, Level: row.Level, PublishedName: row.Name, Kind: row.Kind,
					Departement: row.Departement, Code: row.Code, Mention: row.Mention, Source: row.Source,
					Reason: reason, CreatedAt: tx.Now()}
				isNew, err := tx.InsertPalmaresUnmatched(ctx, u)
				if err != nil {
					return err
				}
				y.Unmatched++
				if isNew {
					y.NewUnmatched++
				}
				rep.Unmatched = append(rep.Unmatched, *u)
				continue
			}
			if keys[row.Year][c.ID] {
				y.Already++
				continue
			}
			if seen[row.Year][c.ID] {
				y.Duplicates++
				continue
			}
			if seen[row.Year] == nil {
				seen[row.Year] = map[int64]bool{}
			}
			seen[row.Year][c.ID] = true
			e, err := entryOf(row, c)
			if err != nil {
				return err
			}
			entries = append(entries, e)
			y.Imported++
		}
		return tx.InsertPalmares(ctx, entries)
	})
	if err != nil {
		return nil, err
	}
	for _, y := range byYear {
		rep.Years = append(rep.Years, *y)
	}
	slices.SortFunc(rep.Years, func(a, b YearReport) int { return a.Year - b.Year })
	s.Invalidate()
	return rep, nil
}

func unmatchedKey(year int, name, kind, dep, code string) string {
	return strings.Join([]string{strconv.Itoa(year), name, kind, dep, code}, "\x00")
}

// Unmatched returns the imported rows still waiting for staff.
func (s *Service) Unmatched(ctx context.Context) ([]store.PalmaresUnmatched, error) {
	return s.store.PalmaresUnmatchedRows(ctx, false)
}

// Match adds an unmatched row to the palmarès as the given collectivité's.
func (s *Service) Match(ctx context.Context, unmatchedID, collectiviteID int64) (*domain.PalmaresEntry, error) {
	var entry *domain.PalmaresEntry
	err := s.store.InTx(ctx, func(tx *store.Tx) error {
		u, err := tx.PalmaresUnmatchedForUpdate(ctx, unmatchedID)
		if err != nil {
			return err
		}
		if u.ResolvedAt != nil {
			return domain.Errorf(domain.EConflict, "Cette ligne a déjà été rapprochée.")
		}
		c, err := tx.Collectivite(ctx, collectiviteID)
		if err != nil {
			return err
		}
		if _, err := tx.PalmaresEntryOf(ctx, u.Year, c.ID); err == nil {
			return domain.Errorf(domain.EConflict, "%s figure déjà au palmarès %d.", c.Name, u.Year)
		} else if domain.ErrorCode(err) != domain.ENotFound {
			return err
		}
		row := Row{Year: u.Year, Level: u.Level, Name: u.PublishedName, Kind: u.Kind, Departement: u.Departement,
			Code: u.Code, Mention: u.Mention, Source: u.Source}
		if entry, err = entryOf(row, c); err != nil {
			return err
		}
		if err := tx.InsertPalmares(ctx, []*domain.PalmaresEntry{entry}); err != nil {
			return err
		}
		return tx.ResolvePalmaresUnmatched(ctx, u.ID, entry.ID, tx.Now())
	})
	if err != nil {
		return nil, err
	}
	s.Invalidate()
	return entry, nil
}
