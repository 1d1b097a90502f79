package workflow

import (
	"fmt"
	"strings"
)

// Diagram formats.
const (
	FormatMermaid = "mermaid"
	FormatDot     = "dot"
)

// Diagram renders the definition as a Mermaid state diagram or a Graphviz
// digraph, with French labels and the roles allowed on each transition.
func (d *Definition) Diagram(format string) (string, error) {
	switch format {
	case FormatMermaid:
		return d.mermaid(), nil
	case FormatDot:
		return d.dot(), nil
	}
	return "", fmt.Errorf("format de diagramme inconnu « %s » (attendu : mermaid ou dot)", format)
}

func eventCaption(e *Event) string {
	roles := make([]string, len(e.Roles))
	for i, r := range e.Roles {
		roles[i] = string(r)
	}
	return fmt.Sprintf("%s [%s]", e.Label, strings.Join(roles, ", "))
}

func (d *Definition) mermaid() string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %s\n---\nstateDiagram-v2\n", d.Label)
	for _, s := range d.States {
		fmt.Fprintf(&b, "    %s : %s\n", s.Name, s.Label)
	}
	fmt.Fprintf(&b, "    [*] --> %s\n", d.Initial)
	for i := range d.Events {
		e := &d.Events[i]
		for _, from := range e.From {
			fmt.Fprintf(&b, "    %s --> %s : %s\n", from, e.To, strings.ReplaceAll(eventCaption(e), ":", "∶"))
		}
	}
	return b.String()
}

func (d *Definition) dot() string {
	var b strings.Builder
	fmt.Fprintf(&b, "digraph %q {\n    label=%q;\n    rankdir=LR;\n    node [shape=box, style=rounded];\n", d.Name, d.Label)
	fmt.Fprintf(&b, "    \"_start\" [shape=point];\n    \"_start\" -> %q;\n", d.Initial)
	for _, s := range d.States {
		fmt.Fprintf(&b, "    %q [label=%q];\n", s.Name, s.Label)
	}
	for i := range d.Events {
		e := &d.Events[i]
		for _, from := range e.From {
			fmt.Fprintf(&b, "    %q -> %q [label=%q];\n", from, e.To, eventCaption(e))
		}
	}
	b.WriteString("}\n")
	return b.String()
}
