package workflow

import (
	"fmt"
	"strings"

	"github.com/adullact/tnl/internal/policy"
)

// Diagram formats.
const (
	FormatMermaid = "mermaid"
	FormatDot     = "dot"
)

// Diagram renders a registered definition as a Mermaid state diagram or a
// Graphviz digraph, with French labels and, on each transition, who may
// fire it according to the policy (timed events are marked « ⏱ »).
func (e *Engine) Diagram(lifecycle, format string) (string, error) {
	m, err := e.Lifecycle(lifecycle)
	if err != nil {
		return "", err
	}
	switch format {
	case FormatMermaid:
		return m.mermaid(e.policy), nil
	case FormatDot:
		return m.dot(e.policy), nil
	}
	return "", fmt.Errorf("format de diagramme inconnu « %s » (attendu : mermaid ou dot)", format)
}

func (m *Meta) caption(pol *policy.Policy, ev *EventMeta) string {
	var who []string
	for _, r := range pol.Holders(policy.Event(m.Name, ev.Name)).Relations() {
		who = append(who, r.Code())
	}
	c := fmt.Sprintf("%s [%s]", ev.Label, strings.Join(who, ", "))
	if m.Timed[ev.Name] {
		c += " ⏱"
	}
	return c
}

func (m *Meta) mermaid(pol *policy.Policy) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %s\n---\nstateDiagram-v2\n", m.Label)
	for _, s := range m.States {
		fmt.Fprintf(&b, "    %s : %s\n", s.Name, s.Label)
	}
	fmt.Fprintf(&b, "    [*] --> %s\n", m.Initial)
	for i := range m.Events {
		e := &m.Events[i]
		for _, from := range e.From {
			fmt.Fprintf(&b, "    %s --> %s : %s\n", from, e.To, strings.ReplaceAll(m.caption(pol, e), ":", "∶"))
		}
	}
	return b.String()
}

func (m *Meta) dot(pol *policy.Policy) string {
	var b strings.Builder
	fmt.Fprintf(&b, "digraph %q {\n    label=%q;\n    rankdir=LR;\n    node [shape=box, style=rounded];\n", m.Name, m.Label)
	fmt.Fprintf(&b, "    \"_start\" [shape=point];\n    \"_start\" -> %q;\n", m.Initial)
	for _, s := range m.States {
		fmt.Fprintf(&b, "    %q [label=%q];\n", s.Name, s.Label)
	}
	for i := range m.Events {
		e := &m.Events[i]
		for _, from := range e.From {
			fmt.Fprintf(&b, "    %q -> %q [label=%q];\n", from, e.To, m.caption(pol, e))
		}
	}
	b.WriteString("}\n")
	return b.String()
}
