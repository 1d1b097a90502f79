package questionnaire

import (
	"math"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// This file reads yaml.Node trees field by field, so that every problem
// is reported in French with its position, instead of stopping at the
// first one like the YAML library's strict decoding does.

func posOf(n *yaml.Node) pos { return pos{n.Line, n.Column} }

// field is one "name: value" pair of a mapping.
type field struct {
	name string
	key  *yaml.Node
	val  *yaml.Node
}

// fields reads a mapping whose field names must be among allowed. It
// reports unknown and repeated fields and returns the known ones in order,
// along with the positions of their names (the mapping itself under "").
func (r *reporter) fields(n *yaml.Node, what string, allowed ...string) ([]field, positions) {
	at := positions{"": posOf(n)}
	if n.Kind != yaml.MappingNode {
		r.at(posOf(n), "%s : des champs « nom: valeur » sont attendus ici", what)
		return nil, at
	}
	seen := make(map[string]int, len(n.Content)/2)
	out := make([]field, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			r.at(posOf(k), "%s : nom de champ invalide", what)
			continue
		}
		name := k.Value
		if !slices.Contains(allowed, name) {
			r.at(posOf(k), "%s : champ « %s » inconnu%s", what, name, suggest(name, allowed))
			continue
		}
		if line, dup := seen[name]; dup {
			r.at(posOf(k), "%s : champ « %s » répété (déjà présent ligne %d)", what, name, line)
			continue
		}
		seen[name] = k.Line
		at[name] = posOf(k)
		out = append(out, field{name: name, key: k, val: v})
	}
	return out, at
}

// suggest proposes the closest allowed name, if it is close enough.
func suggest(name string, allowed []string) string {
	best, bestDist := "", 3
	for _, a := range allowed {
		if d := distance(strings.ToLower(name), a); d < bestDist {
			best, bestDist = a, d
		}
	}
	if best == "" {
		return " (champs possibles : " + strings.Join(allowed, ", ") + ")"
	}
	return " (vouliez-vous dire « " + best + " » ?)"
}

// distance is the Levenshtein distance between two short strings.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		return 64
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// text reads a scalar as text; numbers and booleans are taken as written.
func (r *reporter) text(n *yaml.Node, name string) string {
	if n.Kind != yaml.ScalarNode {
		r.at(posOf(n), "« %s » doit être un texte", name)
		return ""
	}
	if isNull(n) {
		return ""
	}
	return strings.TrimSpace(n.Value)
}

// boolean reads true or false.
func (r *reporter) boolean(n *yaml.Node, name string) bool {
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!bool" {
		var b bool
		if n.Decode(&b) == nil {
			return b
		}
	}
	r.at(posOf(n), "« %s » doit valoir true ou false", name)
	return false
}

// scalarNumber decodes a number scalar without reporting anything.
func scalarNumber(n *yaml.Node) (float64, bool) {
	if n.Kind != yaml.ScalarNode {
		return 0, false
	}
	if t := n.ShortTag(); t != "!!int" && t != "!!float" {
		return 0, false
	}
	var f float64
	if n.Decode(&f) != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// number reads a finite number.
func (r *reporter) number(n *yaml.Node, name string) (float64, bool) {
	f, ok := scalarNumber(n)
	if !ok {
		r.at(posOf(n), "« %s » doit être un nombre", name)
	}
	return f, ok
}

// maxInteger bounds the integers read from the file.
const maxInteger = 1 << 50

// integer reads a whole number between 0 and maxInteger.
func (r *reporter) integer(n *yaml.Node, name string) (int, bool) {
	f, ok := scalarNumber(n)
	if !ok || f != math.Trunc(f) || f < 0 || f > maxInteger {
		r.at(posOf(n), "« %s » doit être un nombre entier positif ou nul", name)
		return 0, false
	}
	return int(f), true
}

// list reads a sequence.
func (r *reporter) list(n *yaml.Node, name string) []*yaml.Node {
	if n.Kind != yaml.SequenceNode {
		r.at(posOf(n), "« %s » doit être une liste", name)
		return nil
	}
	return n.Content
}

// mappings reads a sequence of mappings; the other items are reported
// and skipped.
func (r *reporter) mappings(n *yaml.Node, name, what string) []*yaml.Node {
	items := r.list(n, name)
	out := make([]*yaml.Node, 0, len(items))
	for _, it := range items {
		if it.Kind != yaml.MappingNode {
			r.at(posOf(it), "%s : des champs « nom: valeur » sont attendus ici", what)
			continue
		}
		out = append(out, it)
	}
	return out
}

// texts reads a sequence of texts.
func (r *reporter) texts(n *yaml.Node, name string) []string {
	items := r.list(n, name)
	out := make([]string, 0, len(items))
	for _, it := range items {
		out = append(out, r.text(it, name))
	}
	return out
}

// rejectAnchors reports anchors and aliases, which the format refuses:
// they make a hand-written file hard to read and can blow up in size.
func (r *reporter) rejectAnchors(n *yaml.Node) {
	if n.Anchor != "" || n.Kind == yaml.AliasNode {
		r.at(posOf(n), "les ancres et alias YAML (« & » et « * ») ne sont pas acceptés : recopiez la valeur")
		if n.Kind == yaml.AliasNode {
			// Neutralise the alias so that it is not reported again.
			*n = yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: n.Line, Column: n.Column}
			return
		}
	}
	for _, c := range n.Content {
		r.rejectAnchors(c)
	}
}
