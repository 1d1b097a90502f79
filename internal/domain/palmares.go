package domain

import (
	"time"

	"github.com/uptrace/bun"
)

// PalmaresEntry is one collectivité's published result for one edition of
// the label: what the public pages, the badges and the open data show. A
// campaign's publication writes its entries from the decided candidatures
// (CandidatureID set); the history since 2016 is imported (Source set).
// Once published, an entry changes only by a rectification.
type PalmaresEntry struct {
	bun.BaseModel `bun:"table:palmares"`

	ID             int64  `bun:"id,pk,autoincrement"`
	Year           int    `bun:"year,notnull"`
	CampaignID     *int64 `bun:"campaign_id"`
	CollectiviteID int64  `bun:"collectivite_id,notnull"`
	CandidatureID  *int64 `bun:"candidature_id"`
	// PublishedName is the name as the palmarès gave it (« Ville de
	// Nevers »); pages show the collectivité's official name beside it.
	PublishedName string `bun:"published_name,notnull"`
	// Awarded: a laureate. A decision of « pas de label » is an entry
	// that is not awarded, shown to the collectivité, not on the palmarès.
	Awarded bool `bun:"awarded,notnull"`
	// Level is the level's value in the edition's scheme; nil for a
	// laureate whose level was not published (LevelLabel says so).
	Level         *int       `bun:"level"`
	LevelLabel    string     `bun:"level_label,notnull"`
	Mentions      []string   `bun:"mentions,type:text,notnull"`
	Motivation    string     `bun:"motivation,notnull"`
	Source        string     `bun:"source,notnull"`
	PublishedAt   time.Time  `bun:"published_at,notnull"`
	RectifiedAt   *time.Time `bun:"rectified_at"`
	Rectification string     `bun:"rectification,notnull"`
	Version       int        `bun:"version,notnull"`
}

// LevelNotPublished is the label of a laureate whose level the sources do
// not give.
const LevelNotPublished = "Lauréat, niveau non publié"
