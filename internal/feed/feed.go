// Package feed writes Atom 1.0 feeds (RFC 4287) in French, for instance
// the palmarès of the label, year after year.
package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"time"

	"github.com/adullact/tnl/internal/cleantext"
)

// Person is an author.
type Person struct {
	Name  string // required
	Email string
	URI   string // absolute
}

// Entry is one item of the feed.
type Entry struct {
	// ID identifies the entry for ever: an absolute IRI, such as the URL
	// of its page or a tag: URI. Required, unique within the feed.
	ID string
	// Title is plain text. Required.
	Title string
	// Updated is when the entry last changed. Required.
	Updated time.Time
	// Published is when it first appeared; optional.
	Published time.Time
	// Link is the address of the entry's public page (rel="alternate").
	// An entry without ContentHTML must have one.
	Link string
	// Summary is plain text; optional.
	Summary string
	// ContentHTML is the entry's body as HTML that the caller trusts; it
	// is written escaped, as type="html" content. Optional.
	ContentHTML string
	// Authors, when empty, are the feed's.
	Authors []Person
}

// Feed is an Atom feed document.
type Feed struct {
	// ID identifies the feed for ever: an absolute IRI. Required.
	ID string
	// Title and Subtitle are plain text; Title is required.
	Title    string
	Subtitle string
	// Updated is when the feed last changed; when zero, the latest Updated
	// of its entries.
	Updated time.Time
	// Authors are required unless every entry has its own.
	Authors []Person
	// SelfURL is the feed's own address (rel="self"). Required.
	SelfURL string
	// AlternateURL is the address of the HTML page the feed follows
	// (rel="alternate"); optional.
	AlternateURL string
	// Rights states the licence of the content, e.g. « Licence Ouverte 2.0 ».
	Rights string
	// Entries, in the order they are written (usually newest first).
	Entries []Entry
}

// The XML document, in RFC 4287's element order.
type (
	xmlFeed struct {
		XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
		Lang     string      `xml:"xml:lang,attr"`
		ID       string      `xml:"id"`
		Title    xmlText     `xml:"title"`
		Subtitle *xmlText    `xml:"subtitle,omitempty"`
		Updated  string      `xml:"updated"`
		Authors  []xmlPerson `xml:"author"`
		Links    []xmlLink   `xml:"link"`
		Rights   *xmlText    `xml:"rights,omitempty"`
		Entries  []xmlEntry  `xml:"entry"`
	}
	xmlEntry struct {
		ID        string      `xml:"id"`
		Title     xmlText     `xml:"title"`
		Updated   string      `xml:"updated"`
		Published string      `xml:"published,omitempty"`
		Authors   []xmlPerson `xml:"author"`
		Links     []xmlLink   `xml:"link"`
		Summary   *xmlText    `xml:"summary,omitempty"`
		Content   *xmlText    `xml:"content,omitempty"`
	}
	xmlText struct {
		Type string `xml:"type,attr"`
		Text string `xml:",chardata"`
	}
	xmlPerson struct {
		Name  string `xml:"name"`
		Email string `xml:"email,omitempty"`
		URI   string `xml:"uri,omitempty"`
	}
	xmlLink struct {
		Rel  string `xml:"rel,attr"`
		Type string `xml:"type,attr,omitempty"`
		Href string `xml:"href,attr"`
	}
)

// Write writes the feed as an Atom 1.0 document in French
// (xml:lang="fr"): indented, dates in UTC to the second, deterministic.
// Text is cleaned of the control characters XML forbids (see
// cleantext.Clean) and escaped. A feed that breaks RFC 4287's rules
// (missing id, title, updated or author; relative IRIs; duplicate entry
// ids; an entry with neither link nor content) is refused and nothing is
// written.
func Write(w io.Writer, f *Feed) error {
	doc, err := build(f)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("feed: encoding: %w", err)
	}
	b.WriteString("\n")
	if _, err := w.Write(b.Bytes()); err != nil {
		return fmt.Errorf("feed: writing: %w", err)
	}
	return nil
}

func build(f *Feed) (*xmlFeed, error) {
	if f == nil {
		return nil, errors.New("feed: nil feed")
	}
	c := cleaner{}
	doc := &xmlFeed{
		Lang:  "fr",
		ID:    c.iri("feed id", f.ID, true),
		Title: xmlText{Type: "text", Text: c.required("feed title", f.Title)},
		Links: []xmlLink{{Rel: "self", Type: "application/atom+xml", Href: c.iri("feed self link", f.SelfURL, true)}},
	}
	if f.Subtitle != "" {
		doc.Subtitle = &xmlText{Type: "text", Text: c.text(f.Subtitle)}
	}
	if f.Rights != "" {
		doc.Rights = &xmlText{Type: "text", Text: c.text(f.Rights)}
	}
	if f.AlternateURL != "" {
		doc.Links = append(doc.Links, xmlLink{Rel: "alternate", Type: "text/html", Href: c.iri("feed alternate link", f.AlternateURL, true)})
	}
	doc.Authors = c.people("feed author", f.Authors)
	updated := f.Updated
	ids := make(map[string]int, len(f.Entries))
	for i, e := range f.Entries {
		what := fmt.Sprintf("entry %d", i+1)
		x := xmlEntry{
			ID:      c.iri(what+" id", e.ID, true),
			Title:   xmlText{Type: "text", Text: c.required(what+" title", e.Title)},
			Updated: c.date(what+" updated", e.Updated, true),
			Authors: c.people(what+" author", e.Authors),
		}
		if first, dup := ids[e.ID]; dup && c.err == nil {
			c.err = fmt.Errorf("feed: %s has the same id as entry %d: %q", what, first, e.ID)
		}
		ids[e.ID] = i + 1
		if len(e.Authors) == 0 && len(f.Authors) == 0 && c.err == nil {
			c.err = fmt.Errorf("feed: %s has no author, and neither has the feed", what)
		}
		x.Published = c.date(what+" published", e.Published, false)
		if e.Link != "" {
			x.Links = []xmlLink{{Rel: "alternate", Type: "text/html", Href: c.iri(what+" link", e.Link, true)}}
		}
		if e.Summary != "" {
			x.Summary = &xmlText{Type: "text", Text: c.text(e.Summary)}
		}
		if e.ContentHTML != "" {
			x.Content = &xmlText{Type: "html", Text: c.text(e.ContentHTML)}
		}
		if e.Link == "" && e.ContentHTML == "" && c.err == nil {
			c.err = fmt.Errorf("feed: %s has neither a link nor content", what)
		}
		doc.Entries = append(doc.Entries, x)
		if e.Updated.After(updated) {
			updated = e.Updated
		}
	}
	doc.Updated = c.date("feed updated (and it has no entry)", updated, true)
	if c.err != nil {
		return nil, c.err
	}
	return doc, nil
}

// cleaner checks and cleans the feed's values; its first error sticks.
type cleaner struct{ err error }

func (c *cleaner) text(s string) string {
	clean, err := cleantext.Clean(s)
	if err != nil && c.err == nil {
		c.err = fmt.Errorf("feed: %q: %w", s, err)
	}
	return clean
}

func (c *cleaner) required(what, s string) string {
	clean := c.text(s)
	if clean == "" && c.err == nil {
		c.err = fmt.Errorf("feed: %s is required", what)
	}
	return clean
}

// iri checks that s is an absolute IRI (a scheme, and no spaces or
// control characters).
func (c *cleaner) iri(what, s string, required bool) string {
	if s == "" {
		if required && c.err == nil {
			c.err = fmt.Errorf("feed: %s is required", what)
		}
		return ""
	}
	u, err := url.Parse(s)
	if (err != nil || u.Scheme == "" || c.text(s) != s) && c.err == nil {
		c.err = fmt.Errorf("feed: %s %q is not an absolute IRI", what, s)
	}
	return s
}

func (c *cleaner) date(what string, t time.Time, required bool) string {
	if t.IsZero() {
		if required && c.err == nil {
			c.err = fmt.Errorf("feed: %s is required", what)
		}
		return ""
	}
	return t.UTC().Truncate(time.Second).Format(time.RFC3339)
}

func (c *cleaner) people(what string, ps []Person) []xmlPerson {
	var out []xmlPerson
	for _, p := range ps {
		out = append(out, xmlPerson{
			Name:  c.required(what+" name", p.Name),
			Email: c.text(p.Email),
			URI:   c.iri(what+" uri", p.URI, false),
		})
	}
	return out
}
