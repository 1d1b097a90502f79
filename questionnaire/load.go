package questionnaire

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/adullact/tnl/internal/fr"
	"go.yaml.in/yaml/v3"
)

// maxSourceSize bounds the size of a questionnaire file.
const maxSourceSize = 2 << 20

// Load reads and checks a questionnaire file (YAML or JSON). name is the
// file name used in problems. When the file has problems, the error is of
// type Problems and lists every problem found.
func Load(data []byte, name string) (*Questionnaire, error) {
	q, probs := load(data, name)
	if len(probs) > 0 {
		return nil, probs
	}
	return q, nil
}

// Check reads and checks a questionnaire file and returns every problem
// found, or nil when the file is correct.
func Check(data []byte, name string) Problems {
	_, probs := load(data, name)
	return probs
}

func load(data []byte, name string) (*Questionnaire, Problems) {
	q, probs := loadFiltered(data, name, false)
	if probs != nil || len(q.Badge()) == 0 {
		return q, probs
	}
	// The Badge subset, a questionnaire of its own (see BadgeOnly): read
	// again from the same source, so that it shares nothing with q.
	b, probs := loadFiltered(data, name, true)
	if probs != nil {
		return nil, probs
	}
	q.badge = b
	return q, nil
}

// loadFiltered reads the questionnaire, or only its Badge questions when
// badgeOnly is set.
func loadFiltered(data []byte, name string, badgeOnly bool) (*Questionnaire, Problems) {
	r := &reporter{file: name}
	root := r.parse(data)
	if root == nil {
		return nil, r.probs
	}
	r.rejectAnchors(root)
	if root.Kind != yaml.MappingNode {
		r.at(posOf(root), "le fichier doit commencer par les champs « title », « version » et « sections »")
		return nil, r.probs
	}
	q := r.questionnaire(root)
	if badgeOnly {
		keepBadge(q)
	}
	r.check(q)
	if len(r.probs) > 0 {
		r.probs.sort()
		return nil, r.probs.truncate()
	}
	sum := sha256.Sum256(data)
	q.Hash = hex.EncodeToString(sum[:])
	if err := q.compile(); err != nil {
		r.at(pos{}, "erreur interne lors de la préparation des règles de validation : %v", err)
		return nil, r.probs
	}
	forget(q)
	q.at = nil
	return q, nil
}

// parse reads the single YAML document of the file.
func (r *reporter) parse(data []byte) *yaml.Node {
	switch {
	case len(data) > maxSourceSize:
		r.at(pos{}, "le fichier est trop gros (%s, au plus %s)", fr.Size(int64(len(data))), fr.Size(maxSourceSize))
		return nil
	case !utf8.Valid(data):
		r.at(pos{}, "le fichier doit être encodé en UTF-8")
		return nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := safeDecode(dec, &doc); err != nil {
		if errors.Is(err, io.EOF) {
			r.at(pos{}, "le fichier est vide")
		} else {
			r.syntax(err)
		}
		return nil
	}
	var next yaml.Node
	switch err := safeDecode(dec, &next); {
	case err == nil:
		r.at(pos{next.Line, next.Column}, "le fichier ne doit contenir qu'un seul document YAML (retirez la ligne « --- »)")
		return nil
	case !errors.Is(err, io.EOF):
		r.syntax(err)
		return nil
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 || isNull(doc.Content[0]) {
		r.at(pos{}, "le fichier est vide")
		return nil
	}
	return doc.Content[0]
}

// safeDecode protects against a panic of the YAML parser.
func safeDecode(dec *yaml.Decoder, n *yaml.Node) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("yaml: %v", p)
		}
	}()
	return dec.Decode(n)
}

var syntaxLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// syntax reports a YAML syntax error in French.
func (r *reporter) syntax(err error) {
	msg := err.Error()
	line := 0
	if m := syntaxLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	r.at(pos{line: line}, "syntaxe YAML invalide : %s", frenchSyntax(msg))
}

// frenchSyntax translates the usual messages of the YAML parser.
func frenchSyntax(msg string) string {
	for _, k := range yamlMessages() {
		if strings.Contains(msg, k.en) {
			return k.fr
		}
	}
	return "erreur de structure (détail technique : " + msg + ")"
}

// yamlMessage pairs a fragment of a go.yaml.in/yaml/v3 error message with
// its French translation.
type yamlMessage struct{ en, fr string }

// yamlMessages lists the parser messages translated into French. Every
// fragment is one the library prints; TestYAMLMessagesFromParser makes
// the parser print each of them, so that a wording changed by a new
// version of the library is noticed.
func yamlMessages() []yamlMessage {
	return []yamlMessage{
		{"mapping values are not allowed", "« : » inattendu ; vérifiez l'indentation ou mettez le texte entre guillemets"},
		{"mapping keys are not allowed", "« ? » inattendu ; mettez le texte entre guillemets"},
		{"did not find expected key", "indentation incorrecte : un nom de champ était attendu"},
		{"did not find expected '-' indicator", "indentation incorrecte : un élément de liste « - » était attendu"},
		{"could not find expected ':'", "« : » manquant après un nom de champ"},
		{"found a tab character", "tabulation interdite : indentez avec des espaces"},
		{"found character that cannot start any token", "caractère inattendu (une tabulation ? indentez avec des espaces)"},
		{"did not find expected node content", "valeur manquante ou mal placée"},
		{"did not find expected ',' or ']'", "« ] » ou « , » attendu : crochet non fermé ?"},
		{"did not find expected ',' or '}'", "« } » ou « , » attendu : accolade non fermée ?"},
		{"found unexpected end of stream", "fin de fichier inattendue : guillemet, crochet ou accolade non fermé ?"},
		{"found unknown escape character", "séquence d'échappement inconnue dans un texte entre guillemets"},
		{"did not find expected hexdecimal number", "caractère codé invalide dans un texte entre guillemets (chiffres hexadécimaux attendus)"},
		{"block sequence entries are not allowed", "« - » inattendu ; vérifiez l'indentation"},
		{"found undefined tag handle", "étiquette YAML « ! » inconnue"},
		{"did not find expected tag URI", "étiquette YAML « ! » mal formée"},
		{"did not find URI escaped octet", "caractère d'échappement invalide dans une étiquette"},
		{"did not find the expected '>'", "« > » attendu"},
		{"control characters are not allowed", "caractère de contrôle interdit"},
		{"invalid leading UTF-8 octet", "le fichier doit être encodé en UTF-8"},
		{"invalid trailing UTF-8 octet", "le fichier doit être encodé en UTF-8"},
		{"incomplete UTF-8 octet sequence", "le fichier doit être encodé en UTF-8"},
		{"exceeded max depth", "imbrication trop profonde"},
		{"did not find expected alphabetic or numeric character", "caractère invalide dans une ancre ou un alias"},
		{"unknown anchor", "alias vers une ancre inconnue"},
		{"found duplicate %YAML directive", "directive %YAML répétée"},
		{"found incompatible YAML document", "version de YAML non prise en charge"},
		{"found unknown directive name", "directive « % » inconnue"},
		{"did not find expected comment or line break", "texte inattendu après « | » ou « > » (ou après une directive « % ») : le bloc de texte commence à la ligne suivante"},
		{"did not find expected <document start>", "contenu inattendu : un seul document YAML est attendu"},
	}
}

// forget drops the source positions, only needed while checking.
func forget(q *Questionnaire) {
	for _, s := range q.Sections {
		s.at = nil
	}
	for _, qu := range q.questions {
		qu.at = nil
		if qu.ShowIf != nil {
			qu.ShowIf.at = nil
			qu.ShowIf.equalsNode = nil
		}
		for _, c := range qu.Columns {
			c.at = nil
		}
	}
	if q.Scoring != nil {
		q.Scoring.at = nil
		for _, t := range q.Scoring.Themes {
			t.at = nil
		}
		for _, ru := range q.Scoring.Rules {
			ru.at = nil
		}
		for _, a := range q.Scoring.Normalisation {
			a.at = nil
		}
	}
	if q.Grid != nil {
		forgetGrid(q.Grid)
	}
}

// questionnaire decodes the root mapping.
func (r *reporter) questionnaire(n *yaml.Node) *Questionnaire {
	q := &Questionnaire{byKey: map[string]*Question{}}
	var fs []field
	fs, q.at = r.fields(n, "questionnaire", "title", "version", "intro", "sections", "scoring", "evaluation")
	for _, f := range fs {
		switch f.name {
		case "title":
			q.Title = r.text(f.val, f.name)
		case "version":
			q.Version = r.text(f.val, f.name)
		case "intro":
			q.Intro = r.text(f.val, f.name)
		case "sections":
			for _, sn := range r.mappings(f.val, f.name, "section") {
				q.Sections = append(q.Sections, r.section(sn))
			}
		case "scoring":
			q.Scoring = r.scoring(f.val)
		case "evaluation":
			q.Grid = r.grid(f.val)
		}
	}
	return q
}

func (r *reporter) section(n *yaml.Node) *Section {
	s := &Section{}
	var fs []field
	fs, s.at = r.fields(n, "section", "key", "title", "intro", "theme", "questions")
	for _, f := range fs {
		switch f.name {
		case "key":
			s.Key = r.text(f.val, f.name)
		case "title":
			s.Title = r.text(f.val, f.name)
		case "intro":
			s.Intro = r.text(f.val, f.name)
		case "theme":
			s.Theme = r.text(f.val, f.name)
		case "questions":
			for _, qn := range r.mappings(f.val, f.name, "question") {
				qu := r.question(qn, false)
				qu.Section = s
				s.Questions = append(s.Questions, qu)
			}
		}
	}
	return s
}

// question decodes a question, or a column of a group when column is true.
func (r *reporter) question(n *yaml.Node, column bool) *Question {
	q := &Question{}
	what := "question"
	allowed := []string{"key", "label", "help", "type", "required", "badge", "show_if", "from_account",
		"options", "min", "max", "max_length", "kinds", "max_size", "max_files",
		"min_rows", "max_rows", "columns"}
	if column {
		what = "colonne"
		allowed = []string{"key", "label", "help", "type", "required", "options", "min", "max", "max_length"}
	}
	var fs []field
	fs, q.at = r.fields(n, what, allowed...)
	for _, f := range fs {
		switch f.name {
		case "key":
			q.Key = r.text(f.val, f.name)
		case "label":
			q.Label = r.text(f.val, f.name)
		case "help":
			q.Help = r.text(f.val, f.name)
		case "type":
			q.Type = Type(r.text(f.val, f.name))
		case "required":
			q.Required = r.boolean(f.val, f.name)
		case "badge":
			q.Badge = r.boolean(f.val, f.name)
		case "from_account":
			q.FromAccount = r.text(f.val, f.name)
		case "show_if":
			q.ShowIf = r.condition(f.val)
		case "options":
			r.options(q, f.val)
		case "min":
			if v, ok := r.number(f.val, f.name); ok {
				q.Min = &v
			}
		case "max":
			if v, ok := r.number(f.val, f.name); ok {
				q.Max = &v
			}
		case "max_length":
			q.MaxLength, _ = r.integer(f.val, f.name)
		case "kinds":
			q.Kinds = r.texts(f.val, f.name)
		case "max_size":
			q.MaxSize = r.size(f.val)
		case "max_files":
			q.MaxFiles, _ = r.integer(f.val, f.name)
		case "min_rows":
			q.MinRows, _ = r.integer(f.val, f.name)
		case "max_rows":
			q.MaxRows, _ = r.integer(f.val, f.name)
		case "columns":
			for i, cn := range r.mappings(f.val, f.name, "colonne") {
				c := r.question(cn, true)
				c.Group = q
				c.index = i
				q.Columns = append(q.Columns, c)
			}
		}
	}
	return q
}

func (r *reporter) options(q *Question, n *yaml.Node) {
	for i, on := range r.list(n, "options") {
		fs, at := r.fields(on, "option", "value", "label")
		var o Option
		for _, f := range fs {
			switch f.name {
			case "value":
				o.Value = r.text(f.val, f.name)
			case "label":
				o.Label = r.text(f.val, f.name)
			}
		}
		q.at["option."+strconv.Itoa(i)] = at[""]
		q.Options = append(q.Options, o)
	}
}

// size reads a size in bytes: a number, or a text like « 10 Mo ».
func (r *reporter) size(n *yaml.Node) int64 {
	if f, ok := scalarNumber(n); ok && f == float64(int64(f)) && f > 0 {
		return int64(f)
	}
	if n.Kind == yaml.ScalarNode {
		if v, ok := parseSize(n.Value); ok {
			return v
		}
	}
	r.at(posOf(n), "« max_size » doit être une taille comme « 10 Mo », « 500 Ko » ou un nombre d'octets")
	return 0
}

func (r *reporter) condition(n *yaml.Node) *Condition {
	c := &Condition{}
	var fs []field
	fs, c.at = r.fields(n, "show_if", "question", "equals", "in", "not_empty")
	for _, f := range fs {
		switch f.name {
		case "question":
			c.Question = r.text(f.val, f.name)
		case "equals":
			c.equalsNode = f.val
		case "in":
			c.In = r.texts(f.val, f.name)
			if c.In == nil {
				c.In = []string{}
			}
		case "not_empty":
			c.NotEmpty = r.boolean(f.val, f.name)
		}
	}
	return c
}

func (r *reporter) scoring(n *yaml.Node) *Scoring {
	s := &Scoring{}
	var fs []field
	fs, s.at = r.fields(n, "scoring", "themes", "rules", "levels", "normalisation")
	for _, f := range fs {
		switch f.name {
		case "themes":
			for _, tn := range r.mappings(f.val, f.name, "thème") {
				s.Themes = append(s.Themes, r.theme(tn))
			}
		case "rules":
			for _, rn := range r.mappings(f.val, f.name, "règle") {
				s.Rules = append(s.Rules, r.rule(rn))
			}
		case "levels":
			s.Levels = r.levels(f.val)
		case "normalisation":
			for _, an := range r.mappings(f.val, f.name, "normalisation") {
				s.Normalisation = append(s.Normalisation, r.adjustment(an))
			}
		}
	}
	return s
}

// levels reads a list of thresholds; a missing list is told apart from an
// empty one by being nil.
func (r *reporter) levels(n *yaml.Node) []float64 {
	out := []float64{}
	for _, ln := range r.list(n, "levels") {
		v, _ := r.number(ln, "levels")
		out = append(out, v)
	}
	return out
}

func (r *reporter) theme(n *yaml.Node) *Theme {
	t := &Theme{}
	var fs []field
	fs, t.at = r.fields(n, "thème", "key", "label", "weight")
	for _, f := range fs {
		switch f.name {
		case "key":
			t.Key = r.text(f.val, f.name)
		case "label":
			t.Label = r.text(f.val, f.name)
		case "weight":
			t.Weight, _ = r.number(f.val, f.name)
		}
	}
	return t
}

func (r *reporter) rule(n *yaml.Node) *Rule {
	ru := &Rule{}
	var fs []field
	fs, ru.at = r.fields(n, "règle", "question", "theme", "points", "options", "brackets", "proportional", "per_row", "max")
	for _, f := range fs {
		switch f.name {
		case "question":
			ru.Question = r.text(f.val, f.name)
		case "theme":
			ru.Theme = r.text(f.val, f.name)
		case "points":
			ru.Points, _ = r.number(f.val, f.name)
		case "options":
			ru.Options = map[string]float64{}
			ofs, oat := r.fields(f.val, "options de la règle", optionNames(f.val)...)
			for _, of := range ofs {
				ru.Options[of.name], _ = r.number(of.val, of.name)
				ru.at["options."+of.name] = pos{of.key.Line, of.key.Column}
			}
			ru.at["options"] = oat[""]
		case "brackets":
			ru.Brackets = []Bracket{}
			for i, bn := range r.list(f.val, f.name) {
				bfs, bat := r.fields(bn, "palier", "from", "points")
				var b Bracket
				for _, bf := range bfs {
					switch bf.name {
					case "from":
						b.From, _ = r.number(bf.val, bf.name)
					case "points":
						b.Points, _ = r.number(bf.val, bf.name)
					}
				}
				ru.at["bracket."+strconv.Itoa(i)] = bat[""]
				ru.Brackets = append(ru.Brackets, b)
			}
		case "proportional":
			p := &Proportional{}
			pfs, pat := r.fields(f.val, "proportional", "points", "full_at")
			for _, pf := range pfs {
				switch pf.name {
				case "points":
					p.Points, _ = r.number(pf.val, pf.name)
				case "full_at":
					p.FullAt, _ = r.number(pf.val, pf.name)
				}
			}
			for k, v := range pat {
				ru.at["proportional."+k] = v
			}
			ru.Proportional = p
		case "per_row":
			ru.PerRow, _ = r.number(f.val, f.name)
		case "max":
			ru.Cap, _ = r.number(f.val, f.name)
		}
	}
	return ru
}

// optionNames returns the field names of a mapping, so that any option
// value is accepted by fields (options are checked later against the
// question).
func optionNames(n *yaml.Node) []string {
	var out []string
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; k.Kind == yaml.ScalarNode {
			out = append(out, k.Value)
		}
	}
	return out
}

func (r *reporter) adjustment(n *yaml.Node) *Adjustment {
	a := &Adjustment{}
	var fs []field
	fs, a.at = r.fields(n, "normalisation", "label", "kinds", "population", "multiplier", "levels")
	for _, f := range fs {
		switch f.name {
		case "label":
			a.Label = r.text(f.val, f.name)
		case "kinds":
			a.Kinds = r.texts(f.val, f.name)
		case "population":
			pfs, _ := r.fields(f.val, "population", "from", "below")
			for _, pf := range pfs {
				v, _ := r.integer(pf.val, pf.name)
				a.at["population."+pf.name] = posOf(pf.val)
				if pf.name == "from" {
					a.PopulationFrom = v
				} else {
					a.PopulationBelow = v
				}
			}
		case "multiplier":
			a.Multiplier, _ = r.number(f.val, f.name)
		case "levels":
			a.Levels = r.levels(f.val)
		}
	}
	return a
}

// keepBadge removes from a questionnaire just read everything outside its
// Badge subset: the other questions and the sections left empty. A Badge
// question depends only on Badge questions (check.go), so the subset is a
// valid questionnaire. It has no scoring: the Badge is awarded or not, on
// the jury's reading, without the levels' thresholds. The jury evaluates
// it with the whole questionnaire's grid, so the subset has none.
func keepBadge(q *Questionnaire) {
	var sections []*Section
	for _, s := range q.Sections {
		var qs []*Question
		for _, qu := range s.Questions {
			if qu.Badge {
				qs = append(qs, qu)
			}
		}
		if len(qs) > 0 {
			s.Questions, s.Theme = qs, ""
			sections = append(sections, s)
		}
	}
	q.Sections = sections
	q.Scoring, q.Grid = nil, nil
}

// BadgeOnly returns the questionnaire of the Badge track: only the
// questions marked badge, each required or not as in the whole
// questionnaire. It is q itself when q has no Badge question or is
// already the subset.
func (q *Questionnaire) BadgeOnly() *Questionnaire {
	if q.badge == nil {
		return q
	}
	return q.badge
}

// HasBadge reports whether the questionnaire has a Badge subset.
func (q *Questionnaire) HasBadge() bool { return q.badge != nil }
