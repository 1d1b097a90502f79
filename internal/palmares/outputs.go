package palmares

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/adullact/tnl/internal/badge"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/feed"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/pdf"
	"github.com/adullact/tnl/internal/sheet"
)

// Licence is the licence of the open data.
const Licence = "Licence Ouverte 2.0 (Etalab)"

// LicenceURL is its text.
const LicenceURL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"

// columns of the open data, in order.
func columns() []sheet.Column {
	return []sheet.Column{
		{Name: "annee", Title: "Année", Type: sheet.Integer, Required: true, Description: "Édition du label.", Example: 2025},
		{Name: "type", Title: "Type", Type: sheet.String, Required: true, Description: "Type de collectivité.",
			Enum: []any{"commune", "epci", "departement", "region", "autre"}},
		{Name: "code_insee_ou_siren", Title: "Code INSEE ou SIREN", Type: sheet.String, Required: true,
			Description: "Code INSEE d’une commune, d’un département ou d’une région ; SIREN d’un EPCI ou d’un autre groupement."},
		{Name: "nom", Title: "Collectivité", Type: sheet.String, Required: true, Description: "Nom officiel de la collectivité."},
		{Name: "nom_publie", Title: "Nom publié", Type: sheet.String, Required: true, Description: "Nom donné par le palmarès."},
		{Name: "departement", Title: "Département", Type: sheet.String, Description: "Code INSEE du département."},
		{Name: "region", Title: "Région", Type: sheet.String, Description: "Code INSEE de la région."},
		{Name: "niveau", Title: "Niveau", Type: sheet.String, Required: true, Description: "Niveau décerné, dans le barème de l’édition."},
		{Name: "rang", Title: "Rang", Type: sheet.Integer, Description: "Rang du niveau dans le barème de l’édition (1 pour le premier) ; vide si le niveau n’a pas été publié."},
		{Name: "mentions", Title: "Mentions spéciales", Type: sheet.String, Description: "Mentions spéciales, séparées par « ; »."},
		{Name: "motivation", Title: "Motivation", Type: sheet.String, Description: "Motivation publique du jury."},
		{Name: "tendance", Title: "Tendance", Type: sheet.String, Required: true, Description: "Par rapport à l’édition précédente.",
			Enum: []any{string(TrendNew), string(TrendSame), string(TrendUp), string(TrendDown), string(TrendBack), string(TrendRenewed)}},
		{Name: "rectifie_le", Title: "Rectifié le", Type: sheet.Date, Description: "Date de la rectification, s’il y en a eu une."},
		{Name: "rectification", Title: "Rectification", Type: sheet.String, Description: "Motif de la rectification."},
		{Name: "source", Title: "Source", Type: sheet.String, Description: "Page où le résultat d’une édition passée a été relevé."},
	}
}

// Table returns entries as the open-data table.
func Table(title string, entries []*Entry, updated time.Time) *sheet.Table {
	t := &sheet.Table{
		Name: "Palmarès", Title: title,
		Description: "Les collectivités lauréates du label Territoire Numérique Libre décerné par l’ADULLACT, une ligne par collectivité et par édition. " + Licence + ".",
		Updated:     updated, Columns: columns(), PrimaryKey: []string{"annee", "type", "code_insee_ou_siren"},
	}
	for _, e := range entries {
		var rank, rectified any
		if e.Rank > 0 {
			rank = e.Rank
		}
		if e.RectifiedAt != nil {
			rectified = *e.RectifiedAt
		}
		t.Rows = append(t.Rows, []any{e.Year, string(e.Kind), e.Code, e.Name, e.PublishedName, e.DepartementCode, e.RegionCode,
			e.LevelLabel, rank, strings.Join(e.Mentions, " ; "), e.Motivation, string(e.Trend), rectified, e.Rectification, e.Source})
	}
	return t
}

// Schema returns the Table Schema of the open data.
func Schema(baseURL string) ([]byte, error) {
	return sheet.TableSchema(Table("Palmarès du label Territoire Numérique Libre", nil, time.Time{}), sheet.SchemaInfo{
		Name: "palmares-tnl", Homepage: baseURL + "/donnees", Path: baseURL + "/donnees/palmares.csv", Version: "1.0.0"})
}

// Record is an entry of the open data in JSON, its fields named as the
// CSV's columns.
type Record struct {
	Year          int      `json:"annee"`
	Kind          string   `json:"type"`
	Code          string   `json:"code_insee_ou_siren"`
	Slug          string   `json:"code_public"`
	Name          string   `json:"nom"`
	PublishedName string   `json:"nom_publie"`
	Departement   string   `json:"departement"`
	Region        string   `json:"region"`
	Level         string   `json:"niveau"`
	Rank          *int     `json:"rang"`
	Mentions      []string `json:"mentions"`
	Motivation    string   `json:"motivation"`
	Trend         string   `json:"tendance"`
	RectifiedAt   *string  `json:"rectifie_le"`
	Rectification string   `json:"rectification"`
	Source        string   `json:"source"`
}

// Records returns entries as JSON records; the values are those of the
// table (strings are not prefixed: JSON is not read by a spreadsheet).
func Records(entries []*Entry) []Record {
	out := make([]Record, 0, len(entries))
	for _, e := range entries {
		r := Record{Year: e.Year, Kind: string(e.Kind), Code: e.Code, Slug: e.Slug, Name: e.Name, PublishedName: e.PublishedName,
			Departement: e.DepartementCode, Region: e.RegionCode, Level: e.LevelLabel, Mentions: e.Mentions,
			Motivation: e.Motivation, Trend: string(e.Trend), Rectification: e.Rectification, Source: e.Source}
		if e.Rank > 0 {
			rank := e.Rank
			r.Rank = &rank
		}
		if e.RectifiedAt != nil {
			d := e.RectifiedAt.Format("2006-01-02")
			r.RectifiedAt = &d
		}
		out = append(out, r)
	}
	return out
}

// JSON writes entries as a JSON array of Records.
func JSON(entries []*Entry) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", " ")
	if err := enc.Encode(Records(entries)); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// CSV, ODS write entries as the open-data table.
func CSV(t *sheet.Table) ([]byte, error) {
	var b bytes.Buffer
	err := sheet.WriteCSV(&b, t)
	return b.Bytes(), err
}

// ODS writes the table as an OpenDocument spreadsheet.
func ODS(t *sheet.Table) ([]byte, error) {
	var b bytes.Buffer
	err := sheet.WriteODS(&b, t)
	return b.Bytes(), err
}

// BadgeOf returns what the badge of an entry shows.
func BadgeOf(e *Entry) badge.Badge {
	level := e.ShortLevel()
	if e.Level == nil {
		level = "Lauréat"
	}
	return badge.Badge{Year: e.Year, Level: level, Collectivite: e.Name}
}

// PageURL is the collectivité's public page.
func PageURL(baseURL string, e *Entry) string { return baseURL + "/collectivites/" + e.Slug }

// BadgeURL is the address of an entry's badge.
func BadgeURL(baseURL string, e *Entry) string {
	return fmt.Sprintf("%s/badges/%d/%s.svg", baseURL, e.Year, e.Slug)
}

// Snippet returns the HTML to copy for an entry's badge.
func Snippet(baseURL string, e *Entry) (string, error) {
	return badge.Snippet(BadgeOf(e), PageURL(baseURL, e), BadgeURL(baseURL, e), badge.Width)
}

// Feed returns the Atom feed of the publications: one entry per edition,
// updated by its last rectification.
func (s *Snapshot) Feed(baseURL string) ([]byte, error) {
	f := &feed.Feed{
		ID: baseURL + "/palmares.atom", Title: "Palmarès du label Territoire Numérique Libre",
		Subtitle: "Les publications du palmarès, édition par édition.",
		Authors:  []feed.Person{{Name: "ADULLACT", URI: "https://adullact.org"}},
		SelfURL:  baseURL + "/palmares.atom", AlternateURL: baseURL + "/palmares", Rights: Licence,
	}
	for _, y := range s.Years {
		entries := s.byYear[y]
		published, updated := entries[0].PublishedAt, entries[0].PublishedAt
		rectified := 0
		for _, e := range entries {
			published = minTime(published, e.PublishedAt)
			updated = maxTime(updated, e.PublishedAt)
			if e.RectifiedAt != nil {
				updated = maxTime(updated, *e.RectifiedAt)
				rectified++
			}
		}
		summary := fmt.Sprintf("Palmarès %d : %s.", y, countFR(len(entries), "collectivité lauréate", "collectivités lauréates"))
		if rectified > 0 {
			summary += " " + countFR(rectified, "rectification", "rectifications") + "."
		}
		f.Entries = append(f.Entries, feed.Entry{
			ID: baseURL + "/palmares/" + strconv.Itoa(y), Title: fmt.Sprintf("Palmarès %d du label Territoire Numérique Libre", y),
			Updated: updated, Published: published, Link: baseURL + "/palmares/" + strconv.Itoa(y), Summary: summary,
		})
	}
	if len(f.Entries) == 0 {
		// No publication yet: the feed is as old as the label.
		f.Updated = time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	var b bytes.Buffer
	if err := feed.Write(&b, f); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// Booklet returns the palmarès booklet of an edition, for the ceremony.
func (s *Snapshot) Booklet(r *pdf.Engine, year int) ([]byte, error) {
	entries := slices.Clone(s.byYear[year])
	if len(entries) == 0 {
		return nil, domain.Errorf(domain.ENotFound, "Aucun palmarès publié pour %d.", year)
	}
	slices.SortStableFunc(entries, func(a, b *Entry) int { return compareLevelKeys(levelKey(a), levelKey(b)) })
	bk := &pdf.Booklet{Year: year, PublishedAt: entries[0].PublishedAt}
	for _, e := range entries {
		if n := len(bk.Groups); n == 0 || bk.Groups[n-1].Level != e.LevelLabel {
			bk.Groups = append(bk.Groups, pdf.BookletGroup{Level: e.LevelLabel})
		}
		place := e.DepartementName
		if place != "" && e.DepartementCode != "" {
			place += " (" + e.DepartementCode + ")"
		}
		g := &bk.Groups[len(bk.Groups)-1]
		g.Laureates = append(g.Laureates, pdf.BookletLaureate{Name: e.Name, Place: place, Mentions: e.Mentions, Motivation: e.Motivation})
	}
	var b bytes.Buffer
	if err := r.Booklet(&b, bk); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Certificate returns the label certificate of an entry.
func Certificate(r *pdf.Engine, e *Entry) ([]byte, error) {
	c := &pdf.Certificate{Collectivite: e.Name, Year: e.Year, Motivation: e.Motivation, Mentions: e.Mentions, IssuedAt: e.PublishedAt,
		Level: pdf.Level{Label: e.LevelLabel}}
	if e.Level != nil {
		c.Level.Value = *e.Level
		if !e.Scheme.HasBadge() {
			c.Level.Max = e.Scheme.Max()
		}
	}
	var b bytes.Buffer
	if err := r.Certificate(&b, c); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func countFR(n int, singular, plural string) string { return fr.Count(n, singular, plural) }

func badgeSVG(e *Entry) ([]byte, error) { return badge.SVG(BadgeOf(e)) }
