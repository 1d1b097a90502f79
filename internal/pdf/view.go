package pdf

import "time"

// Dossier is the view of a candidature dossier. Every string is already
// formatted for display (French); the renderer only lays it out.
type Dossier struct {
	// Title names the document (« Dossier de candidature » when empty; the
	// jury's sheet and blank grid are dossiers too).
	Title        string
	Label        string // "Territoire Numérique Libre"
	Year         int    // campaign year
	Reference    string // "TNL-2026-01999"
	Collectivite Collectivite
	Elu          Person // élu référent
	CoEditors    []Person
	State        string    // "Déposée"
	SubmittedAt  time.Time // zero when the dossier is not submitted
	Level        *Level    // nil until the jury has decided
	GeneratedAt  time.Time // also the PDF creation date
	Sections     []Section
	// Blank makes the document the blank questionnaire: no collectivité,
	// no people, Intro on the cover, each item's answer telling what is
	// expected.
	Blank bool
	Intro string
}

// Collectivite describes the candidate local authority.
type Collectivite struct {
	Name        string
	Kind        string // "Commune", "Communauté de communes"…
	Code        string // INSEE or SIREN code
	Departement string // "Ain (01)"
	Population  int
}

// Person is an élu or a co-editor of the dossier.
type Person struct {
	Name    string
	Mandate string
	Email   string
	// Title is the élu's title as they write it (« Élue référente »);
	// « Élu référent » when empty.
	Title string
}

// Level is the level awarded by the jury. Max is the top of the scale
// (5 for the 1–5 scheme); schemes without a numeric scale leave Max at 0
// and carry their name in Label ("Argent").
type Level struct {
	Value int
	Label string
	Max   int
}

// Section is one part of the questionnaire.
type Section struct {
	Title string
	Intro string
	Items []Item
}

// Item is one question and its answer.
type Item struct {
	Label  string
	Answer Answer
}

// AnswerKind tells how an answer is rendered.
type AnswerKind int

// Answer kinds.
const (
	KindUnanswered AnswerKind = iota // rendered as « Non renseigné »
	KindText                         // short text
	KindLongText                     // paragraphs separated by newlines
	KindLink                         // URL, optionally described by Text
	KindTable                        // Table
	KindFiles                        // evidence files
)

// Answer is the answer to one question. Only the fields matching Kind are
// used.
type Answer struct {
	Kind  AnswerKind
	Text  string
	URL   string
	Table *Table
	Files []File
}

// Table is a tabular answer; rows may have any number of cells.
type Table struct {
	Header []string
	Rows   [][]string
}

// File is an evidence file attached to an answer.
type File struct {
	Name   string
	Size   int64 // bytes
	SHA256 string
}

// Receipt is the view of the acknowledgement of receipt of a dossier.
type Receipt struct {
	Label         string // defaults to "Territoire Numérique Libre"
	Reference     string
	Collectivite  string
	Elu           Person
	Year          int
	SubmittedAt   time.Time // also the PDF creation date
	SubmittedBy   string
	AnswersCount  int
	EvidenceCount int
	Hash          string // SHA-256 of the answers, hexadecimal
}

// Certificate is the view of the label certificate (diplôme).
type Certificate struct {
	Scheme       string // name of the distinction, defaults to "Territoire Numérique Libre"
	Collectivite string
	Year         int
	Level        Level // marks are drawn when 1 ≤ Max ≤ 10, otherwise only Label is shown
	Motivation   string
	Mentions     []string
	IssuedAt     time.Time // optional; also the PDF creation date
}
