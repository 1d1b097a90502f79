// Package mail writes every email tnl sends, from embedded text/template
// files (templates/<kind>.txt), one per kind of message, all ending with the
// same signature (templates/_signature.txt); files starting with « _ » hold
// what several messages share.
//
// A template defines "subject" and "body". They receive the caller's data
// and the French formatting functions of internal/fr (date, dateTime,
// deadline, int, count, de, size), plus url, which joins the platform's
// public address and a path.
package mail

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"text/template"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
)

//go:embed templates/*.txt
var files embed.FS

// Files whose name starts with "_" hold what several messages share: the
// signature every body ends with (_signature.txt), common paragraphs.
const sharedFiles = "templates/_*.txt"

// Mailer renders messages.
type Mailer struct {
	baseURL string
	kinds   map[string]*template.Template
}

// New parses every template; baseURL is the platform's public address, for
// links.
func New(baseURL string) (*Mailer, error) {
	m := &Mailer{baseURL: strings.TrimRight(baseURL, "/"), kinds: map[string]*template.Template{}}
	names, err := fs.Glob(files, "templates/*.txt")
	if err != nil {
		return nil, err
	}
	shared, err := fs.Glob(files, sharedFiles)
	if err != nil {
		return nil, err
	}
	funcs := template.FuncMap{
		"date":     fr.Date,
		"dateTime": fr.DateTime,
		"deadline": fr.Deadline,
		"int":      fr.Int[int],
		"count":    fr.Count[int],
		"de":       fr.De,
		"size":     fr.Size,
		"join":     strings.Join,
		"url":      func(p string, args ...any) string { return m.baseURL + fmt.Sprintf(p, args...) },
	}
	for _, name := range names {
		kind := strings.TrimSuffix(path.Base(name), ".txt")
		if strings.HasPrefix(kind, "_") {
			continue
		}
		t, err := template.New(kind).Funcs(funcs).Option("missingkey=error").ParseFS(files, append(shared, name)...)
		if err != nil {
			return nil, fmt.Errorf("mail %s: %w", kind, err)
		}
		for _, part := range []string{"subject", "body"} {
			if t.Lookup(part) == nil {
				return nil, fmt.Errorf("mail %s: no %q template", kind, part)
			}
		}
		m.kinds[kind] = t
	}
	return m, nil
}

// Kinds lists the kinds of messages.
func (m *Mailer) Kinds() []string {
	out := make([]string, 0, len(m.kinds))
	for k := range m.kinds {
		out = append(out, k)
	}
	return out
}

// BaseURL is the platform's public address.
func (m *Mailer) BaseURL() string { return m.baseURL }

// Message renders a message of this kind to a recipient, ready for the
// outbox.
func (m *Mailer) Message(kind, to string, data any) (*domain.OutboxMessage, error) {
	t, ok := m.kinds[kind]
	if !ok {
		return nil, fmt.Errorf("mail: unknown kind %q", kind)
	}
	subject, err := run(t, "subject", data)
	if err != nil {
		return nil, fmt.Errorf("mail %s: %w", kind, err)
	}
	body, err := run(t, "body", data)
	if err != nil {
		return nil, fmt.Errorf("mail %s: %w", kind, err)
	}
	return &domain.OutboxMessage{Kind: kind, Recipient: to, Subject: oneLine(subject), Body: tidy(body)}, nil
}

func run(t *template.Template, name string, data any) (string, error) {
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, name, data); err != nil {
		return "", err
	}
	return b.String(), nil
}

// tidy trims the body and keeps at most one empty line between paragraphs,
// so that templates may use conditional paragraphs freely.
func tidy(body string) string {
	lines := strings.Split(strings.TrimSpace(body), "\n")
	out := make([]string, 0, len(lines))
	blank := false
	for _, l := range lines {
		l = strings.TrimRight(l, " \t")
		if l == "" {
			if blank {
				continue
			}
			blank = true
		} else {
			blank = false
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// oneLine joins a subject written over several template lines, keeping its
// no-break spaces.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\n' || r == '\t' || r == '\r' }), " ")
}
