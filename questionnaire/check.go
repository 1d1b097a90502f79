package questionnaire

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/adullact/tnl/internal/fr"
	"go.yaml.in/yaml/v3"
)

var (
	questionKeyPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$`)
	simpleKeyPattern   = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	optionValuePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)
)

// Limits of what a file may ask for.
const (
	maxKeyLength      = 100
	maxTextLength     = 1000
	maxLongTextLength = 100000
	maxFileSize       = 100 << 20
	maxFilesLimit     = 20
	maxRowsLimit      = 1000
	maxMultiplier     = 3
	levelCount        = 5
)

// check reports the semantic problems of a decoded questionnaire.
func (r *reporter) check(q *Questionnaire) {
	root := q.at.of("")
	if q.Title == "" {
		r.at(root, "le titre du questionnaire (« title ») est manquant ou vide")
	}
	if q.Version == "" {
		r.at(root, "la version du questionnaire (« version ») est manquante ou vide")
	}
	if len(q.Sections) == 0 {
		r.at(q.at.of("sections"), "le questionnaire ne contient aucune section (« sections »)")
	}
	themes := map[string]*Theme{}
	if q.Scoring != nil {
		themes = r.checkThemes(q.Scoring.Themes)
	}
	sectionLines := map[string]int{}
	for _, s := range q.Sections {
		r.checkSection(q, s, sectionLines, themes)
	}
	for _, qu := range q.questions {
		r.checkCondition(q, qu)
	}
	r.checkCycles(q)
	if q.Scoring != nil {
		r.checkScoring(q, themes)
	}
	if q.Grid != nil {
		r.checkGrid(q, themes)
	}
}

func (r *reporter) checkSection(q *Questionnaire, s *Section, lines map[string]int, themes map[string]*Theme) {
	at := s.at.of("")
	switch {
	case s.Key == "":
		r.at(at, "section sans clé (« key »)")
	case !simpleKeyPattern.MatchString(s.Key) || len(s.Key) > maxKeyLength:
		r.at(s.at.of("key"), "la clé de section « %s » est invalide : lettres minuscules sans accent, chiffres et « _ » (ex. strategie)", s.Key)
	default:
		if line, dup := lines[s.Key]; dup {
			r.at(s.at.of("key"), "la section « %s » est déclarée deux fois (première déclaration ligne %d)", s.Key, line)
		} else {
			lines[s.Key] = s.at.of("key").line
		}
	}
	if s.Title == "" {
		r.at(at, "la section « %s » n'a pas de titre (« title »)", s.Key)
	}
	if s.Theme != "" {
		if q.Scoring == nil {
			r.at(s.at.of("theme"), "la section « %s » est rattachée au thème « %s », mais le fichier n'a pas de barème (« scoring »)", s.Key, s.Theme)
		} else if themes[s.Theme] == nil {
			r.at(s.at.of("theme"), "la section « %s » est rattachée au thème « %s », qui n'est pas déclaré dans scoring.themes", s.Key, s.Theme)
		}
	}
	if len(s.Questions) == 0 {
		r.at(at, "la section « %s » ne contient aucune question", s.Key)
	}
	for _, qu := range s.Questions {
		qu.index = len(q.questions)
		q.questions = append(q.questions, qu)
		r.checkQuestion(qu)
		if qu.Key == "" || !questionKeyPattern.MatchString(qu.Key) {
			continue
		}
		if prev := q.byKey[qu.Key]; prev != nil {
			r.at(qu.at.of("key"), "la question « %s » est déclarée deux fois (première déclaration ligne %d)", qu.Key, prev.at.of("key").line)
			continue
		}
		q.byKey[qu.Key] = qu
	}
}

// name designates a question or a column in problems.
func (q *Question) name() string {
	if q.Group != nil {
		return fmt.Sprintf("la colonne « %s » du tableau « %s »", q.Key, q.Group.Key)
	}
	return fmt.Sprintf("la question « %s »", q.Key)
}

// checkQuestion checks a question or a column on its own.
func (r *reporter) checkQuestion(q *Question) {
	at := q.at.of("")
	column := q.Group != nil
	switch {
	case q.Key == "" && column:
		r.at(at, "colonne sans clé (« key ») dans le tableau « %s »", q.Group.Key)
	case q.Key == "":
		r.at(at, "question sans clé (« key »)")
	case column && (!simpleKeyPattern.MatchString(q.Key) || len(q.Key) > maxKeyLength):
		r.at(q.at.of("key"), "la clé de colonne « %s » est invalide : lettres minuscules sans accent, chiffres et « _ » (ex. nombre_postes)", q.Key)
	case !column && (!questionKeyPattern.MatchString(q.Key) || len(q.Key) > maxKeyLength):
		r.at(q.at.of("key"), "la clé « %s » est invalide : lettres minuscules sans accent, chiffres et « _ », parties séparées par des points (ex. strategie.deliberation)", q.Key)
	}
	if q.Label == "" {
		r.at(at, "%s n'a pas de libellé (« label »)", q.name())
	}
	switch q.FromAccount {
	case "":
	case AccountName:
		if q.Type != TypeText {
			r.at(q.at.of("from_account"), "%s : « from_account: name » demande une question de type « text »", q.name())
		}
	case AccountEmail:
		if q.Type != TypeEmail {
			r.at(q.at.of("from_account"), "%s : « from_account: email » demande une question de type « email »", q.name())
		}
	default:
		r.at(q.at.of("from_account"), "%s : « from_account » vaut « name » ou « email », pas « %s »", q.name(), q.FromAccount)
	}
	switch {
	case q.Type == "":
		r.at(at, "%s n'a pas de type (« type »)", q.name())
		return
	case !q.Type.valid():
		r.at(q.at.of("type"), "type « %s » inconnu pour %s (types possibles : %s)", q.Type, q.name(), typeNames(Types()))
		return
	case column && !q.Type.columnType():
		var ok []Type
		for _, t := range Types() {
			if t.columnType() {
				ok = append(ok, t)
			}
		}
		r.at(q.at.of("type"), "le type « %s » n'est pas possible pour %s (types possibles dans un tableau : %s)", q.Type, q.name(), typeNames(ok))
		return
	}
	r.checkFieldsApply(q)
	switch q.Type {
	case TypeChoice, TypeMultiChoice:
		r.checkOptions(q)
	case TypeInteger, TypeDecimal, TypePercentage:
		r.checkBounds(q)
	case TypeText, TypeLongText:
		limit := maxTextLength
		if q.Type == TypeLongText {
			limit = maxLongTextLength
		}
		if _, set := q.at["max_length"]; set && (q.MaxLength < 1 || q.MaxLength > limit) {
			r.at(q.at.of("max_length"), "%s : « max_length » doit être compris entre 1 et %d", q.name(), limit)
		}
	case TypeFile:
		r.checkFile(q)
	case TypeGroup:
		r.checkGroup(q)
	}
}

func typeNames(ts []Type) string {
	names := make([]string, len(ts))
	for i, t := range ts {
		names[i] = string(t)
	}
	return strings.Join(names, ", ")
}

// checkFieldsApply reports fields written for a type they do not apply to.
func (r *reporter) checkFieldsApply(q *Question) {
	applies := map[string]bool{
		"options":    q.Type == TypeChoice || q.Type == TypeMultiChoice,
		"min":        q.Type.isNumber(),
		"max":        q.Type.isNumber(),
		"max_length": q.Type == TypeText || q.Type == TypeLongText,
		"kinds":      q.Type == TypeFile,
		"max_size":   q.Type == TypeFile,
		"max_files":  q.Type == TypeFile,
		"min_rows":   q.Type == TypeGroup,
		"max_rows":   q.Type == TypeGroup,
		"columns":    q.Type == TypeGroup,
	}
	for _, f := range []string{"options", "min", "max", "max_length", "kinds", "max_size", "max_files", "min_rows", "max_rows", "columns"} {
		if _, set := q.at[f]; set && !applies[f] {
			r.at(q.at.of(f), "%s est de type « %s » : le champ « %s » ne s'applique pas à ce type", q.name(), q.Type, f)
		}
	}
}

func (r *reporter) checkOptions(q *Question) {
	if len(q.Options) < 2 {
		r.at(q.at.of("options"), "%s est de type « %s » : il faut au moins deux options (« options », avec value et label)", q.name(), q.Type)
	}
	seen := map[string]bool{}
	for i, o := range q.Options {
		at := q.at.of("option." + strconv.Itoa(i))
		switch {
		case o.Value == "":
			r.at(at, "%s : option sans valeur (« value »)", q.name())
		case !optionValuePattern.MatchString(o.Value) || len(o.Value) > maxKeyLength:
			r.at(at, "%s : la valeur d'option « %s » est invalide : lettres minuscules sans accent, chiffres, « _ » et « - »", q.name(), o.Value)
		case seen[o.Value]:
			r.at(at, "%s : l'option « %s » est déclarée deux fois", q.name(), o.Value)
		}
		seen[o.Value] = true
		if o.Label == "" {
			r.at(at, "%s : l'option « %s » n'a pas de libellé (« label »)", q.name(), o.Value)
		}
	}
}

func (r *reporter) checkBounds(q *Question) {
	for _, b := range []struct {
		name string
		v    *float64
	}{{"min", q.Min}, {"max", q.Max}} {
		if b.v == nil {
			continue
		}
		if q.Type == TypeInteger && *b.v != float64(int64(*b.v)) {
			r.at(q.at.of(b.name), "%s est un nombre entier : « %s » doit être un nombre entier", q.name(), b.name)
		}
		if q.Type == TypePercentage && (*b.v < 0 || *b.v > 100) {
			r.at(q.at.of(b.name), "%s est un pourcentage : « %s » doit être compris entre 0 et 100", q.name(), b.name)
		}
	}
	if q.Min != nil && q.Max != nil && *q.Min >= *q.Max {
		r.at(q.at.of("max"), "%s : « min » (%s) doit être inférieur à « max » (%s)", q.name(), fr.Decimal(*q.Min, 2), fr.Decimal(*q.Max, 2))
	}
}

func (r *reporter) checkFile(q *Question) {
	if _, set := q.at["kinds"]; set && len(q.Kinds) == 0 {
		r.at(q.at.of("kinds"), "%s : la liste « kinds » est vide (types possibles : %s)", q.name(), strings.Join(FileKinds(), ", "))
	}
	seen := map[string]bool{}
	for _, k := range q.Kinds {
		switch {
		case !slices.Contains(FileKinds(), k):
			r.at(q.at.of("kinds"), "%s : type de fichier « %s » inconnu (types possibles : %s)", q.name(), k, strings.Join(FileKinds(), ", "))
		case seen[k]:
			r.at(q.at.of("kinds"), "%s : le type de fichier « %s » est cité deux fois", q.name(), k)
		}
		seen[k] = true
	}
	if q.MaxSize > maxFileSize {
		r.at(q.at.of("max_size"), "%s : « max_size » ne peut pas dépasser %s", q.name(), fr.Size(maxFileSize))
	}
	if _, set := q.at["max_files"]; set && (q.MaxFiles < 1 || q.MaxFiles > maxFilesLimit) {
		r.at(q.at.of("max_files"), "%s : « max_files » doit être compris entre 1 et %d", q.name(), maxFilesLimit)
	}
}

func (r *reporter) checkGroup(q *Question) {
	if len(q.Columns) == 0 {
		r.at(q.at.of("columns"), "%s est un tableau (« group ») : il lui faut des colonnes (« columns »)", q.name())
	}
	seen := map[string]bool{}
	for _, c := range q.Columns {
		r.checkQuestion(c)
		if c.Key == "" {
			continue
		}
		if seen[c.Key] {
			r.at(c.at.of("key"), "%s : la colonne « %s » est déclarée deux fois", q.name(), c.Key)
		}
		seen[c.Key] = true
	}
	_, maxSet := q.at["max_rows"]
	if maxSet && (q.MaxRows < 1 || q.MaxRows > maxRowsLimit) {
		r.at(q.at.of("max_rows"), "%s : « max_rows » doit être compris entre 1 et %d", q.name(), maxRowsLimit)
	}
	if q.MinRows > maxRowsLimit {
		r.at(q.at.of("min_rows"), "%s : « min_rows » ne peut pas dépasser %d", q.name(), maxRowsLimit)
	}
	maxRows := q.MaxRows
	if !maxSet {
		maxRows = DefaultMaxRows
	}
	if q.MinRows > maxRows {
		r.at(q.at.of("min_rows"), "%s : « min_rows » (%d) dépasse le nombre maximal de lignes (%d)", q.name(), q.MinRows, maxRows)
	}
}

// checkCondition checks the show_if of a question, once every key is
// known. A condition may only refer to an earlier question: forms are
// filled from top to bottom, and this also rules out cycles.
func (r *reporter) checkCondition(q *Questionnaire, qu *Question) {
	c := qu.ShowIf
	if c == nil {
		return
	}
	at := c.at.of("")
	if c.Question == "" {
		r.at(at, "la condition (« show_if ») de %s doit préciser la question dont elle dépend (« question »)", qu.name())
		return
	}
	t := q.byKey[c.Question]
	switch {
	case c.Question == qu.Key:
		r.at(c.at.of("question"), "la condition de %s porte sur elle-même", qu.name())
		return
	case t == nil:
		r.at(c.at.of("question"), "la condition de %s porte sur la question « %s », qui n'existe pas", qu.name(), c.Question)
		return
	case t.index > qu.index:
		r.at(c.at.of("question"), "la condition de %s porte sur « %s », placée plus loin : une condition ne peut porter que sur une question précédente", qu.name(), c.Question)
	}
	c.target = t
	if qu.Badge && !t.Badge {
		r.at(c.at.of("question"), "%s fait partie du Badge mais dépend de « %s », qui n'en fait pas partie", qu.name(), t.Key)
	}
	if _, set := c.at["not_empty"]; set && !c.NotEmpty {
		r.at(c.at.of("not_empty"), "la condition de %s : « not_empty » ne peut valoir que true", qu.name())
	}
	n := 0
	for _, f := range []string{"equals", "in", "not_empty"} {
		if _, set := c.at[f]; set {
			n++
		}
	}
	switch {
	case n == 0:
		r.at(at, "la condition de %s doit préciser « equals », « in » ou « not_empty »", qu.name())
	case n > 1:
		r.at(at, "la condition de %s ne doit préciser qu'un seul de « equals », « in » et « not_empty »", qu.name())
	}
	if c.equalsNode != nil {
		r.checkEquals(qu, t, c)
	}
	if c.In != nil {
		if t.Type != TypeChoice && t.Type != TypeMultiChoice {
			r.at(c.at.of("in"), "la condition de %s : « in » n'est possible que sur une question à choix, or « %s » est de type « %s »", qu.name(), t.Key, t.Type)
			return
		}
		if len(c.In) == 0 {
			r.at(c.at.of("in"), "la condition de %s : la liste « in » est vide", qu.name())
		}
		for _, v := range c.In {
			if t.Option(v) == nil {
				r.at(c.at.of("in"), "la condition de %s : l'option « %s » n'existe pas dans la question « %s »", qu.name(), v, t.Key)
			}
		}
	}
}

// checkEquals checks the value of equals against the target's type and
// compiles it.
func (r *reporter) checkEquals(qu, t *Question, c *Condition) {
	n := c.equalsNode
	at := posOf(n)
	switch {
	case t.Type == TypeYesNo:
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" {
			r.at(at, "la condition de %s : « %s » est une question oui/non, « equals » doit valoir true ou false", qu.name(), t.Key)
			return
		}
		var b bool
		if n.Decode(&b) != nil {
			r.at(at, "la condition de %s : « equals » doit valoir true ou false", qu.name())
			return
		}
		c.equals = answerValue{kind: valueBool, b: b}
	case t.Type == TypeChoice || t.Type == TypeMultiChoice:
		if n.Kind != yaml.ScalarNode || t.Option(n.Value) == nil {
			r.at(at, "la condition de %s : l'option « %s » n'existe pas dans la question « %s »", qu.name(), n.Value, t.Key)
			return
		}
		c.equals = answerValue{kind: valueString, s: n.Value}
	case t.Type.isNumber():
		f, ok := scalarNumber(n)
		if !ok {
			r.at(at, "la condition de %s : « %s » est numérique, « equals » doit être un nombre", qu.name(), t.Key)
			return
		}
		c.equals = answerValue{kind: valueNumber, f: f}
	default:
		r.at(at, "la condition de %s : « equals » n'est possible que sur une question oui/non, à choix ou numérique ; pour « %s » (type « %s »), utilisez « not_empty: true »", qu.name(), t.Key, t.Type)
	}
}

// checkCycles reports the cycles formed by display conditions.
func (r *reporter) checkCycles(q *Questionnaire) {
	const (
		unvisited = iota
		inProgress
		done
	)
	state := make(map[*Question]int, len(q.questions))
	for _, start := range q.questions {
		var path []*Question
		cur := start
		for cur != nil && state[cur] == unvisited {
			state[cur] = inProgress
			path = append(path, cur)
			if cur.ShowIf == nil {
				cur = nil
				break
			}
			cur = q.byKey[cur.ShowIf.Question]
		}
		// A question depending on itself is reported by checkCondition.
		if cur != nil && state[cur] == inProgress && cur != path[len(path)-1] {
			i := slices.Index(path, cur)
			keys := make([]string, 0, len(path)-i+1)
			for _, p := range path[i:] {
				keys = append(keys, p.Key)
			}
			keys = append(keys, cur.Key)
			r.at(cur.ShowIf.at.of(""), "les conditions d'affichage forment un cycle : %s", strings.Join(keys, " → "))
		}
		for _, p := range path {
			state[p] = done
		}
	}
}

func (r *reporter) checkThemes(themes []*Theme) map[string]*Theme {
	out := map[string]*Theme{}
	for _, t := range themes {
		at := t.at.of("")
		switch {
		case t.Key == "":
			r.at(at, "thème sans clé (« key »)")
		case !simpleKeyPattern.MatchString(t.Key) || len(t.Key) > maxKeyLength:
			r.at(t.at.of("key"), "la clé de thème « %s » est invalide : lettres minuscules sans accent, chiffres et « _ »", t.Key)
		case out[t.Key] != nil:
			r.at(t.at.of("key"), "le thème « %s » est déclaré deux fois", t.Key)
		default:
			out[t.Key] = t
		}
		if t.Label == "" {
			r.at(at, "le thème « %s » n'a pas de libellé (« label »)", t.Key)
		}
		if t.Weight <= 0 {
			r.at(t.at.of("weight"), "le thème « %s » doit avoir un poids (« weight ») positif", t.Key)
		}
	}
	return out
}

func (r *reporter) checkScoring(q *Questionnaire, themes map[string]*Theme) {
	s := q.Scoring
	if len(s.Themes) == 0 {
		r.at(q.at.of("scoring"), "le barème (« scoring ») ne déclare aucun thème (« themes »)")
	}
	scored := map[string]bool{}
	for _, ru := range s.Rules {
		if theme := r.checkRule(q, ru, themes); theme != "" {
			scored[theme] = true
		}
	}
	for _, t := range s.Themes {
		if t.Key != "" && !scored[t.Key] {
			r.at(t.at.of(""), "le thème « %s » n'a aucune règle de notation", t.Key)
		}
	}
	total := 0.0
	for _, t := range s.Themes {
		total += max(t.Weight, 0)
	}
	if s.Levels == nil {
		r.at(q.at.of("scoring"), "le barème doit donner les seuils des niveaux 1 à 5 (« levels »)")
	} else {
		r.checkLevels(s.Levels, s.at.of("levels"), total, "")
	}
	for _, a := range s.Normalisation {
		r.checkAdjustment(a, total)
	}
}

// checkRule checks a scoring rule and returns the key of its theme.
func (r *reporter) checkRule(q *Questionnaire, ru *Rule, themes map[string]*Theme) string {
	at := ru.at.of("")
	if ru.Question == "" {
		r.at(at, "règle de notation sans question (« question »)")
		return ""
	}
	qu := q.byKey[ru.Question]
	if qu == nil {
		r.at(ru.at.of("question"), "la règle de notation porte sur la question « %s », qui n'existe pas", ru.Question)
		return ""
	}
	ru.question = qu
	theme := ru.Theme
	switch {
	case theme != "" && themes[theme] == nil:
		r.at(ru.at.of("theme"), "la règle de « %s » est rattachée au thème « %s », qui n'est pas déclaré", qu.Key, theme)
		theme = ""
	case theme == "" && qu.Section != nil && qu.Section.Theme != "":
		theme = qu.Section.Theme
		ru.Theme = theme
	case theme == "":
		r.at(at, "impossible de rattacher la règle de « %s » à un thème : précisez « theme » ou donnez un thème à la section « %s »", qu.Key, qu.Section.Key)
	}
	kinds := 0
	for _, f := range []string{"points", "options", "brackets", "proportional", "per_row"} {
		if _, set := ru.at[f]; set {
			kinds++
		}
	}
	if kinds != 1 {
		r.at(at, "la règle de « %s » doit préciser une seule façon de compter : « points », « options », « brackets », « proportional » ou « per_row »", qu.Key)
		return theme
	}
	if _, set := ru.at["max"]; set {
		_, perRow := ru.at["per_row"]
		if !(perRow || (ru.Options != nil && qu.Type == TypeMultiChoice)) {
			r.at(ru.at.of("max"), "la règle de « %s » : « max » ne s'applique qu'avec « per_row » ou « options » d'un choix multiple", qu.Key)
		} else if ru.Cap <= 0 {
			r.at(ru.at.of("max"), "la règle de « %s » : « max » doit être positif", qu.Key)
		}
	}
	switch {
	case ru.at.has("points"):
		if ru.Points <= 0 {
			r.at(ru.at.of("points"), "la règle de « %s » : « points » doit être positif", qu.Key)
		}
	case ru.Options != nil:
		r.checkRuleOptions(qu, ru)
	case ru.Brackets != nil:
		r.checkBrackets(qu, ru)
	case ru.Proportional != nil:
		r.checkProportional(qu, ru)
	case ru.at.has("per_row"):
		if qu.Type != TypeGroup {
			r.at(ru.at.of("per_row"), "la règle de « %s » : « per_row » ne s'applique qu'à un tableau (« group »)", qu.Key)
		} else if ru.PerRow <= 0 {
			r.at(ru.at.of("per_row"), "la règle de « %s » : « per_row » doit être positif", qu.Key)
		}
	}
	return theme
}

func (at positions) has(field string) bool {
	_, ok := at[field]
	return ok
}

func (r *reporter) checkRuleOptions(qu *Question, ru *Rule) {
	if qu.Type != TypeChoice && qu.Type != TypeMultiChoice {
		r.at(ru.at.of("options"), "la règle de « %s » : « options » ne s'applique qu'à une question à choix", qu.Key)
		return
	}
	if len(ru.Options) == 0 {
		r.at(ru.at.of("options"), "la règle de « %s » : la liste « options » est vide", qu.Key)
	}
	for value, pts := range ru.Options {
		if qu.Option(value) == nil {
			r.at(ru.at.of("options."+value), "la règle de « %s » : l'option « %s » n'existe pas dans la question", qu.Key, value)
		}
		if pts < 0 {
			r.at(ru.at.of("options."+value), "la règle de « %s » : les points de l'option « %s » ne peuvent pas être négatifs", qu.Key, value)
		}
	}
}

func (r *reporter) checkBrackets(qu *Question, ru *Rule) {
	if !qu.Type.isNumber() {
		r.at(ru.at.of("brackets"), "la règle de « %s » : « brackets » ne s'applique qu'à une question numérique", qu.Key)
		return
	}
	if len(ru.Brackets) == 0 {
		r.at(ru.at.of("brackets"), "la règle de « %s » : la liste des paliers (« brackets ») est vide", qu.Key)
	}
	for i, b := range ru.Brackets {
		at := ru.at.of("bracket." + strconv.Itoa(i))
		if i > 0 && b.From <= ru.Brackets[i-1].From {
			r.at(at, "la règle de « %s » : les paliers doivent être rangés par « from » strictement croissant", qu.Key)
		}
		if b.Points < 0 {
			r.at(at, "la règle de « %s » : les points d'un palier ne peuvent pas être négatifs", qu.Key)
		}
	}
}

func (r *reporter) checkProportional(qu *Question, ru *Rule) {
	p := ru.Proportional
	if !qu.Type.isNumber() {
		r.at(ru.at.of("proportional"), "la règle de « %s » : « proportional » ne s'applique qu'à une question numérique", qu.Key)
		return
	}
	if p.Points <= 0 {
		r.at(ru.at.of("proportional.points"), "la règle de « %s » : « proportional » doit donner des « points » positifs", qu.Key)
	}
	switch {
	case !ru.at.has("proportional.full_at") && qu.Type == TypePercentage:
		p.FullAt = 100
	case !ru.at.has("proportional.full_at"):
		r.at(ru.at.of("proportional"), "la règle de « %s » : précisez « full_at », la valeur qui donne tous les points", qu.Key)
	case p.FullAt <= 0:
		r.at(ru.at.of("proportional.full_at"), "la règle de « %s » : « full_at » doit être positif", qu.Key)
	}
}

// checkLevels checks a list of five strictly increasing thresholds.
func (r *reporter) checkLevels(levels []float64, at pos, total float64, where string) {
	if len(levels) != levelCount {
		r.at(at, "les seuils des niveaux%s (« levels ») doivent être %d nombres, du niveau 1 au niveau 5 (%d trouvés)", where, levelCount, len(levels))
		return
	}
	if levels[0] <= 0 {
		r.at(at, "le seuil du niveau 1%s doit être positif", where)
	}
	for i := 1; i < len(levels); i++ {
		if levels[i] <= levels[i-1] {
			r.at(at, "les seuils des niveaux%s doivent être strictement croissants : le niveau %d (%s) ne dépasse pas le niveau %d (%s)",
				where, i+1, fr.Decimal(levels[i], 2), i, fr.Decimal(levels[i-1], 2))
			break
		}
	}
	if total > 0 && levels[len(levels)-1] > total {
		r.at(at, "le seuil du niveau 5%s (%s) dépasse le total possible (%s, somme des poids des thèmes)", where, fr.Decimal(levels[len(levels)-1], 2), fr.Decimal(total, 2))
	}
}

func (r *reporter) checkAdjustment(a *Adjustment, total float64) {
	at := a.at.of("")
	if a.Label == "" {
		r.at(at, "normalisation sans libellé (« label »)")
	}
	for _, k := range a.Kinds {
		if !slices.Contains(CollectiviteKinds(), k) {
			r.at(a.at.of("kinds"), "normalisation « %s » : type de collectivité « %s » inconnu (types possibles : %s)", a.Label, k, strings.Join(CollectiviteKinds(), ", "))
		}
	}
	if a.PopulationBelow > 0 && a.PopulationFrom >= a.PopulationBelow {
		r.at(a.at.of("population.below"), "normalisation « %s » : la population « from » (%d) doit être inférieure à « below » (%d)", a.Label, a.PopulationFrom, a.PopulationBelow)
	}
	if a.at.has("population.below") && a.PopulationBelow == 0 {
		r.at(a.at.of("population.below"), "normalisation « %s » : « below » doit être positif", a.Label)
	}
	if !a.at.has("multiplier") && a.Levels == nil {
		r.at(at, "normalisation « %s » : précisez un « multiplier » ou des seuils « levels »", a.Label)
	}
	if a.at.has("multiplier") && (a.Multiplier <= 0 || a.Multiplier > maxMultiplier) {
		r.at(a.at.of("multiplier"), "normalisation « %s » : « multiplier » doit être compris entre 0 (exclu) et %d", a.Label, maxMultiplier)
	}
	if a.Levels != nil {
		r.checkLevels(a.Levels, a.at.of("levels"), total, " de « "+a.Label+" »")
	}
}
