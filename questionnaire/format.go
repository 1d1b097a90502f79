// Package questionnaire reads, checks and uses the yearly questionnaire of
// the « Territoire Numérique Libre » label.
//
// A questionnaire is a YAML (or JSON) file written by hand by the label's
// staff: sections, typed questions with stable keys, display conditions, a
// scoring grid and level thresholds. The package loads and checks such a
// file (reporting every problem in French with its line), validates the
// answers of a collectivité, converts them from and to HTML forms, formats
// them for reading, copies them from one year to the next and computes the
// score and the suggested level. It knows nothing about HTTP or storage.
//
// The file format is documented in README.md, next to this file.
package questionnaire

import (
	"encoding/json"

	"go.yaml.in/yaml/v3"
)

// Type is the type of a question, as written in the file.
type Type string

// Question types. Their names are the ones written in the file.
const (
	TypeYesNo       Type = "yesno"       // oui / non, JSON true or false
	TypeChoice      Type = "choice"      // one option, JSON "value"
	TypeMultiChoice Type = "multichoice" // several options, JSON ["a", "b"]
	TypeInteger     Type = "integer"     // whole number
	TypeDecimal     Type = "decimal"     // number with decimals
	TypePercentage  Type = "percentage"  // number between 0 and 100
	TypeText        Type = "text"        // short text, 200 characters by default
	TypeLongText    Type = "longtext"    // long text, 5000 characters by default
	TypeURL         Type = "url"         // web address (http or https)
	TypeEmail       Type = "email"       // e-mail address
	TypeDate        Type = "date"        // YYYY-MM-DD
	TypeFile        Type = "file"        // evidence files, JSON array of FileRef
	TypeGroup       Type = "group"       // table of rows, JSON array of objects
)

// Default limits applied when the file does not give one.
const (
	DefaultTextMaxLength     = 200
	DefaultLongTextMaxLength = 5000
	DefaultMaxFiles          = 5
	DefaultMaxSize           = 10 << 20 // 10 Mo
	DefaultMaxRows           = 50

	urlMaxLength   = 2048
	emailMaxLength = 254
)

// FileKinds returns the file kinds accepted as evidence.
func FileKinds() []string { return []string{"pdf", "odt", "ods", "png", "jpeg"} }

// CollectiviteKinds returns the collectivité kinds known by the scoring
// normalisation.
func CollectiviteKinds() []string {
	return []string{"commune", "epci", "departement", "region", "autre"}
}

// Questionnaire is a loaded and checked questionnaire. It is read-only once
// loaded and safe for concurrent use.
type Questionnaire struct {
	Title    string
	Version  string
	Intro    string
	Hash     string // hex SHA-256 of the source bytes
	Sections []*Section
	Scoring  *Scoring // nil when the file has no scoring section
	Grid     *Grid    // the jury's evaluation grid; nil when the file has none

	questions []*Question    // every question, in file order
	badge     *Questionnaire // the Badge subset (BadgeOnly), nil if none
	byKey     map[string]*Question
	eng       *engine
	at        positions
}

// Section groups questions under a title.
type Section struct {
	Key       string
	Title     string
	Intro     string
	Theme     string // scoring theme key, may be empty
	Questions []*Question

	at positions
}

// Option is one possible answer of a choice or multichoice question.
type Option struct {
	Value string
	Label string
}

// Condition is a question's display condition (show_if): the question is
// shown only when the answer to another, earlier question matches.
// Exactly one of Equals, In and NotEmpty is set.
type Condition struct {
	Question string
	Equals   json.RawMessage // JSON value: true, "option", 12
	In       []string        // option values
	NotEmpty bool

	target     *Question
	equals     answerValue
	equalsNode *yaml.Node // while loading
	at         positions
}

// Question is one question of the questionnaire, or one column of a group.
type Question struct {
	Key      string // dotted key for a question, simple key for a column
	Label    string
	Help     string
	Type     Type
	Required bool
	Badge    bool
	// FromAccount prefills a new candidature's answer from the account of
	// the élu who creates it: AccountName or AccountEmail.
	FromAccount string
	Options     []Option
	ShowIf      *Condition

	Min, Max  *float64 // integer, decimal, percentage
	MaxLength int      // text, longtext

	Kinds    []string // file: accepted kinds
	MaxSize  int64    // file: maximum size of one file, in bytes
	MaxFiles int      // file

	MinRows, MaxRows int         // group
	Columns          []*Question // group

	Section *Section  // nil for a column
	Group   *Question // the group of a column, nil otherwise

	index  int    // position in the questionnaire (or in the group)
	quoted string // « Label »
	rules  rules
	at     positions
}

// FileRef is a reference to an uploaded evidence file, as stored in a file
// answer. Files themselves are stored elsewhere.
type FileRef struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Kind   string `json:"kind"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256,omitempty"`
}

// Scoring is the scoring grid of a questionnaire.
type Scoring struct {
	Themes        []*Theme
	Rules         []*Rule
	Levels        []float64 // thresholds of levels 1 to 5, strictly increasing
	Normalisation []*Adjustment

	at positions
}

// Theme is a scoring theme. Its points are brought back to its weight.
type Theme struct {
	Key    string
	Label  string
	Weight float64

	at positions
}

// Rule gives points for the answer to one question. Exactly one of Points,
// Options, Brackets, Proportional and PerRow is set.
type Rule struct {
	Question string
	Theme    string // defaults to the theme of the question's section

	Points       float64            // yesno: when true; other types: when answered
	Options      map[string]float64 // choice, multichoice: points per option
	Brackets     []Bracket          // numbers: points of the highest bracket reached
	Proportional *Proportional      // numbers: points in proportion to the value
	PerRow       float64            // group: points per row
	Cap          float64            // multichoice, group: maximum points (0 = none)

	question *Question
	max      float64
	at       positions
}

// Bracket gives Points when the answer is at least From.
type Bracket struct {
	From   float64
	Points float64
}

// Proportional gives Points × value / FullAt, at most Points.
type Proportional struct {
	Points float64
	FullAt float64
}

// Adjustment is a normalisation entry: it applies to the collectivités of
// the given kinds and population class, and multiplies the total and/or
// replaces the level thresholds.
type Adjustment struct {
	Label           string
	Kinds           []string // empty = every kind
	PopulationFrom  int      // inclusive, 0 = no lower bound
	PopulationBelow int      // exclusive, 0 = no upper bound
	Multiplier      float64  // 0 = none
	Levels          []float64

	at positions
}

// Profile describes the collectivité for the scoring normalisation.
type Profile struct {
	Kind       string // commune, epci, departement, region, autre
	Population int    // 0 = unknown
}

// Questions returns every question in file order. The slice must not be
// modified.
func (q *Questionnaire) Questions() []*Question { return q.questions }

// Question returns the question with this key, or nil.
func (q *Questionnaire) Question(key string) *Question { return q.byKey[key] }

// Badge returns the questions of the lighter « Badge » subset, in order.
func (q *Questionnaire) Badge() []*Question {
	var out []*Question
	for _, qu := range q.questions {
		if qu.Badge {
			out = append(out, qu)
		}
	}
	return out
}

// Column returns the column of a group with this key, or nil.
func (q *Question) Column(key string) *Question {
	for _, c := range q.Columns {
		if c.Key == key {
			return c
		}
	}
	return nil
}

// Option returns the option with this value, or nil.
func (q *Question) Option(value string) *Option {
	for i := range q.Options {
		if q.Options[i].Value == value {
			return &q.Options[i]
		}
	}
	return nil
}

func (q *Question) optionIndex(value string) int {
	for i := range q.Options {
		if q.Options[i].Value == value {
			return i
		}
	}
	return -1
}

// isNumber reports whether answers of this type are JSON numbers.
func (t Type) isNumber() bool {
	return t == TypeInteger || t == TypeDecimal || t == TypePercentage
}

// valid reports whether t is a known type.
func (t Type) valid() bool {
	switch t {
	case TypeYesNo, TypeChoice, TypeMultiChoice, TypeInteger, TypeDecimal,
		TypePercentage, TypeText, TypeLongText, TypeURL, TypeEmail, TypeDate,
		TypeFile, TypeGroup:
		return true
	}
	return false
}

// columnType reports whether t is allowed for a column of a group.
func (t Type) columnType() bool {
	return t.valid() && t != TypeGroup && t != TypeFile && t != TypeMultiChoice
}

// Types returns every question type, in the order shown to staff.
func Types() []Type {
	return []Type{
		TypeYesNo, TypeChoice, TypeMultiChoice, TypeInteger, TypeDecimal,
		TypePercentage, TypeText, TypeLongText, TypeURL, TypeEmail, TypeDate,
		TypeFile, TypeGroup,
	}
}

// French returns the French name of the type, for outlines.
func (t Type) French() string {
	switch t {
	case TypeYesNo:
		return "oui/non"
	case TypeChoice:
		return "choix unique"
	case TypeMultiChoice:
		return "choix multiple"
	case TypeInteger:
		return "nombre entier"
	case TypeDecimal:
		return "nombre décimal"
	case TypePercentage:
		return "pourcentage"
	case TypeText:
		return "texte court"
	case TypeLongText:
		return "texte long"
	case TypeURL:
		return "adresse web"
	case TypeEmail:
		return "adresse électronique"
	case TypeDate:
		return "date"
	case TypeFile:
		return "fichier"
	case TypeGroup:
		return "tableau"
	}
	return string(t)
}
