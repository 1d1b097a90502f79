package domain

import (
	"time"

	"github.com/uptrace/bun"
)

// Visibility of the other jurors' evaluations of a candidature to a juror
// (a campaign setting).
const (
	VisibilityNever       = "jamais"   // a juror sees only their own
	VisibilityAfterOwn    = "apres"    // after submitting their own (HotCRP's rule)
	VisibilityAlways      = "toujours" // at any time
	DefaultPerCandidature = 3          // evaluations per candidature by default
)

// VisibilityLabel is the French label of a visibility setting.
func VisibilityLabel(v string) string {
	switch v {
	case VisibilityNever:
		return "jamais"
	case VisibilityAfterOwn:
		return "après avoir remis la sienne"
	case VisibilityAlways:
		return "toujours"
	}
	return v
}

// JurySettings are a campaign's jury settings.
type JurySettings struct {
	bun.BaseModel `bun:"table:jury_settings"`

	CampaignID     int64      `bun:"campaign_id,pk"`
	PerCandidature int        `bun:"per_candidature,notnull"`
	Visibility     string     `bun:"visibility,notnull"`
	Deadline       *time.Time `bun:"deadline"` // the jury's deadline for submitting evaluations
	// DeliberationJurors lets the jury's members read the deliberation
	// table (read-only); staff and the president always do.
	DeliberationJurors bool      `bun:"deliberation_jurors,notnull"`
	UpdatedAt          time.Time `bun:"updated_at,notnull"`
}

// DefaultJurySettings are the settings of a campaign that has none stored.
func DefaultJurySettings(campaignID int64) JurySettings {
	return JurySettings{CampaignID: campaignID, PerCandidature: DefaultPerCandidature, Visibility: VisibilityAfterOwn}
}

// Preferences are what a juror wants or avoids evaluating: régions (INSEE
// codes), kinds of collectivité and scoring themes (keys).
type Preferences struct {
	WantRegions  []string `json:"want_regions,omitempty"`
	AvoidRegions []string `json:"avoid_regions,omitempty"`
	WantKinds    []string `json:"want_kinds,omitempty"`
	AvoidKinds   []string `json:"avoid_kinds,omitempty"`
	WantThemes   []string `json:"want_themes,omitempty"`
	AvoidThemes  []string `json:"avoid_themes,omitempty"`
}

// Empty reports whether no preference is set.
func (p Preferences) Empty() bool {
	return len(p.WantRegions)+len(p.AvoidRegions)+len(p.WantKinds)+len(p.AvoidKinds)+len(p.WantThemes)+len(p.AvoidThemes) == 0
}

// Evaluation states.
const (
	EvalAssignee = "assignee"
	EvalEnCours  = "en_cours"
	EvalRemise   = "remise"
)

// Confidence levels of an evaluation.
const (
	ConfidenceLow    = "faible"
	ConfidenceMedium = "moyenne"
	ConfidenceHigh   = "elevee"
)

// ConfidenceLabel is the French label of a confidence level.
func ConfidenceLabel(c string) string {
	switch c {
	case ConfidenceLow:
		return "faible"
	case ConfidenceMedium:
		return "moyenne"
	case ConfidenceHigh:
		return "élevée"
	}
	return "non indiquée"
}

// Confidences lists the confidence levels, lowest first.
func Confidences() []string { return []string{ConfidenceLow, ConfidenceMedium, ConfidenceHigh} }

// Evaluation is one juror's evaluation of one candidature.
type Evaluation struct {
	bun.BaseModel `bun:"table:evaluations"`

	ID            int64  `bun:"id,pk,autoincrement"`
	CandidatureID int64  `bun:"candidature_id,notnull"`
	UserID        int64  `bun:"user_id,notnull"`
	CampaignID    int64  `bun:"campaign_id,notnull"`
	State         string `bun:"state,notnull"`
	// Scores: theme key → criterion key → score on the theme's scale.
	Scores map[string]map[string]int `bun:"scores,type:text,notnull"`
	// Comments: theme key → comment.
	Comments    map[string]string `bun:"comments,type:text,notnull"`
	Level       *int              `bun:"level"`
	Confidence  string            `bun:"confidence,notnull"`
	PrivateNote string            `bun:"private_note,notnull"` // for the jury only
	Remark      string            `bun:"remark,notnull"`       // for the collectivité, if the jury keeps it
	RemarkKept  bool              `bun:"remark_kept,notnull"`
	// ThemeScores are the theme averages in the grid's theme order, written
	// on submission ("2.5 3 4"; "-" for a theme without criteria); Overall
	// their weighted mean on the common scale.
	ThemeScores  string     `bun:"theme_scores,notnull"`
	Overall      *float64   `bun:"overall"`
	DraftVersion int        `bun:"draft_version,notnull"`
	SubmittedAt  *time.Time `bun:"submitted_at"`
	CreatedAt    time.Time  `bun:"created_at,notnull"`
	UpdatedAt    time.Time  `bun:"updated_at,notnull"`
	Version      int        `bun:"version,notnull"`
}

// Conflict sources.
const (
	ConflictDeclared = "declare" // the juror recused themselves
	ConflictStaff    = "equipe"  // set by staff
	ConflictLink     = "lien"    // computed from the juror's declared links
	ConflictMember   = "membre"  // the juror works on the candidature
)

// ConflictSourceLabel is the French label of a conflict's source.
func ConflictSourceLabel(s string) string {
	switch s {
	case ConflictDeclared:
		return "déclaré par le juré"
	case ConflictStaff:
		return "fixé par l’équipe"
	case ConflictLink:
		return "lien avec la collectivité"
	case ConflictMember:
		return "membre de la candidature"
	}
	return s
}
