package workflow

// Meta describes a registered definition without its typed parts: what the
// pages, the API, the diagrams and the audit trail need.
type Meta struct {
	Name    string
	Label   string
	Table   string
	Initial string
	States  []State
	Events  []EventMeta
	Records map[string]string
	Timed   map[string]bool // events fired by a timer
	URL     func(id int64) string
}

// EventMeta describes an event.
type EventMeta struct {
	Name  string
	Label string
	From  []string
	To    string
	Show  Presentation
}

// StateLabel returns the French label of a state, or its name.
func (m *Meta) StateLabel(name string) string {
	for _, s := range m.States {
		if s.Name == name {
			return s.Label
		}
	}
	return name
}

// Event returns the description of an event.
func (m *Meta) Event(name string) (*EventMeta, bool) {
	for i := range m.Events {
		if m.Events[i].Name == name {
			return &m.Events[i], true
		}
	}
	return nil, false
}

// EventLabel returns the French label of an event as the audit trail shows
// it, transitions and records alike.
func (m *Meta) EventLabel(name string) string {
	if label, ok := m.Records[name]; ok {
		return label
	}
	if e, ok := m.Event(name); ok {
		return e.Label
	}
	return name
}
