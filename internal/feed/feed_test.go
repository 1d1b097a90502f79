package feed_test

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"

	"github.com/adullact/tnl/internal/feed"
)

var paris = time.FixedZone("Paris", 3600)

func palmares() *feed.Feed {
	return &feed.Feed{
		ID:           "https://territoire-numerique-libre.org/palmares",
		Title:        "Palmarès & lauréats <Territoire Numérique Libre>",
		Subtitle:     "Les collectivités labellisées par l’ADULLACT, année après année",
		Authors:      []feed.Person{{Name: "ADULLACT", Email: "contact@adullact.org", URI: "https://adullact.org"}},
		SelfURL:      "https://territoire-numerique-libre.org/palmares.atom",
		AlternateURL: "https://territoire-numerique-libre.org/palmares",
		Rights:       "Licence Ouverte 2.0",
		Entries: []feed.Entry{
			{
				ID:          "https://territoire-numerique-libre.org/palmares/2025",
				Title:       "Palmarès 2025 : 12 lauréats, dont « Bourg & Co » <Or>",
				Updated:     time.Date(2025, 11, 20, 18, 30, 15, 999, paris),
				Published:   time.Date(2025, 11, 20, 17, 0, 0, 0, paris),
				Link:        "https://territoire-numerique-libre.org/palmares/2025?tri=nom&ordre=asc",
				Summary:     "Montpellier & Lyon obtiennent l’Or ; 3 < 5.",
				ContentHTML: `<p>Montpellier &amp; Lyon : <strong>Or</strong></p><script>alert("x")</script>`,
			},
			{
				ID:      "tag:territoire-numerique-libre.org,2019:palmares",
				Title:   "Palmarès 2019\x00",
				Updated: time.Date(2019, 12, 3, 9, 0, 0, 0, time.UTC),
				Link:    "https://territoire-numerique-libre.org/palmares/2019",
				Authors: []feed.Person{{Name: "Jury du label"}},
			},
		},
	}
}

func write(t *testing.T, f *feed.Feed) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := feed.Write(&b, f); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// gofeed, a real feed parser, reads the feed back as written.
func TestFeedReadByGofeed(t *testing.T) {
	t.Parallel()
	data := write(t, palmares())
	p := gofeed.NewParser()
	f, err := p.ParseString(string(data))
	if err != nil {
		t.Fatalf("gofeed cannot parse the feed: %v\n%s", err, data)
	}
	if f.FeedType != "atom" || f.FeedVersion != "1.0" {
		t.Errorf("gofeed sees %s %s, want atom 1.0", f.FeedType, f.FeedVersion)
	}
	for _, c := range []struct{ name, got, want string }{
		{"title", f.Title, "Palmarès & lauréats <Territoire Numérique Libre>"},
		{"subtitle", f.Description, "Les collectivités labellisées par l’ADULLACT, année après année"},
		{"language", f.Language, "fr"},
		{"alternate link", f.Link, "https://territoire-numerique-libre.org/palmares"},
		{"self link", f.FeedLink, "https://territoire-numerique-libre.org/palmares.atom"},
		{"rights", f.Copyright, "Licence Ouverte 2.0"},
		{"author", f.Authors[0].Name + " " + f.Authors[0].Email, "ADULLACT contact@adullact.org"},
	} {
		if c.got != c.want {
			t.Errorf("feed %s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if f.UpdatedParsed == nil || !f.UpdatedParsed.Equal(time.Date(2025, 11, 20, 17, 30, 15, 0, time.UTC)) {
		t.Errorf("feed updated = %v, want the latest entry's, to the second", f.UpdatedParsed)
	}
	if len(f.Items) != 2 {
		t.Fatalf("%d entries, want 2", len(f.Items))
	}
	e := f.Items[0]
	for _, c := range []struct{ name, got, want string }{
		{"id", e.GUID, "https://territoire-numerique-libre.org/palmares/2025"},
		{"title", e.Title, "Palmarès 2025 : 12 lauréats, dont « Bourg & Co » <Or>"},
		{"link", e.Link, "https://territoire-numerique-libre.org/palmares/2025?tri=nom&ordre=asc"},
		{"summary", e.Description, "Montpellier & Lyon obtiennent l’Or ; 3 < 5."},
		{"content", e.Content, `<p>Montpellier &amp; Lyon : <strong>Or</strong></p><script>alert("x")</script>`},
		{"updated", e.Updated, "2025-11-20T17:30:15Z"},
		{"published", e.Published, "2025-11-20T16:00:00Z"},
	} {
		if c.got != c.want {
			t.Errorf("entry %s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if len(e.Authors) != 0 {
		t.Errorf("entry 1 has authors %v, want none of its own (it inherits the feed's)", e.Authors)
	}
	e = f.Items[1]
	if e.Title != "Palmarès 2019" || e.GUID != "tag:territoire-numerique-libre.org,2019:palmares" || len(e.Authors) != 1 || e.Authors[0].Name != "Jury du label" {
		t.Errorf("entry 2 = %q %q %v", e.Title, e.GUID, e.Authors)
	}
}

// gofeed's Atom parser sees the kinds of text and the links' relations.
func TestFeedAtomDetails(t *testing.T) {
	t.Parallel()
	f, err := (&atom.Parser{}).Parse(bytes.NewReader(write(t, palmares())))
	if err != nil {
		t.Fatal(err)
	}
	if f.Language != "fr" {
		t.Errorf("xml:lang = %q", f.Language)
	}
	rels := map[string]string{}
	for _, l := range f.Links {
		rels[l.Rel] = l.Type
	}
	if rels["self"] != "application/atom+xml" || rels["alternate"] != "text/html" {
		t.Errorf("feed links = %v", rels)
	}
	e := f.Entries[0]
	if e.Content == nil || e.Content.Type != "html" {
		t.Fatalf("entry content = %+v, want type html", e.Content)
	}
	if e.Summary != "Montpellier & Lyon obtiennent l’Or ; 3 < 5." {
		t.Errorf("summary = %q", e.Summary)
	}
	if f.Entries[1].Published != "" {
		t.Errorf("entry 2 has a published date %q, it was given none", f.Entries[1].Published)
	}
}

// The document is namespaced Atom, escaped, with no raw markup from the
// content, and the same feed always gives the same bytes.
func TestFeedDocument(t *testing.T) {
	t.Parallel()
	data := write(t, palmares())
	if !bytes.Equal(data, write(t, palmares())) {
		t.Error("two writes of the same feed differ")
	}
	if !bytes.HasPrefix(data, []byte(`<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">`)) {
		t.Errorf("the document starts with %q", data[:min(len(data), 120)])
	}
	if bytes.Contains(data, []byte("<script>")) || bytes.Contains(data, []byte("<strong>")) {
		t.Error("the HTML content is not escaped")
	}
	var doc struct {
		XMLName xml.Name
		Entries []struct {
			Content struct {
				Type string `xml:"type,attr"`
				Text string `xml:",chardata"`
			} `xml:"http://www.w3.org/2005/Atom content"`
		} `xml:"http://www.w3.org/2005/Atom entry"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.XMLName.Space != "http://www.w3.org/2005/Atom" || doc.XMLName.Local != "feed" {
		t.Errorf("root element = %v", doc.XMLName)
	}
	if !strings.HasPrefix(doc.Entries[0].Content.Text, "<p>Montpellier &amp; Lyon") {
		t.Errorf("content = %q", doc.Entries[0].Content.Text)
	}
}

func TestFeedRefusesInvalidFeeds(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		change func(*feed.Feed)
		want   string
	}{
		{"no id", func(f *feed.Feed) { f.ID = "" }, "feed id is required"},
		{"relative id", func(f *feed.Feed) { f.ID = "/palmares" }, "absolute IRI"},
		{"no title", func(f *feed.Feed) { f.Title = "\x00" }, "feed title is required"},
		{"no self link", func(f *feed.Feed) { f.SelfURL = "" }, "self link is required"},
		{"no author anywhere", func(f *feed.Feed) { f.Authors = nil }, "entry 1 has no author"},
		{"author without a name", func(f *feed.Feed) { f.Authors[0].Name = "" }, "author name is required"},
		{"no entry and no date", func(f *feed.Feed) { f.Entries = nil }, "feed updated"},
		{"entry without id", func(f *feed.Feed) { f.Entries[1].ID = "" }, "entry 2 id is required"},
		{"entry without title", func(f *feed.Feed) { f.Entries[0].Title = "" }, "entry 1 title is required"},
		{"entry without date", func(f *feed.Feed) { f.Entries[0].Updated = time.Time{} }, "entry 1 updated is required"},
		{"duplicate entry id", func(f *feed.Feed) { f.Entries[1].ID = f.Entries[0].ID }, "same id as entry 1"},
		{"entry with neither link nor content", func(f *feed.Feed) { f.Entries[1].Link = "" }, "neither a link nor content"},
		{"link with a space", func(f *feed.Feed) { f.Entries[1].Link = "https://exemple.fr/a b\x01" }, "absolute IRI"},
		{"invalid UTF-8", func(f *feed.Feed) { f.Entries[0].Summary = "B\xe9ziers" }, "UTF-8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := palmares()
			tc.change(f)
			var b bytes.Buffer
			err := feed.Write(&b, f)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v, want one that says %q", err, tc.want)
			}
			if b.Len() != 0 {
				t.Errorf("%d bytes written for a refused feed", b.Len())
			}
		})
	}
}

// A feed without entries is valid when it has its own date.
func TestFeedWithoutEntries(t *testing.T) {
	t.Parallel()
	f := palmares()
	f.Entries = nil
	f.Updated = time.Date(2026, 1, 1, 0, 0, 0, 0, paris)
	got, err := gofeed.NewParser().ParseString(string(write(t, f)))
	if err != nil {
		t.Fatal(err)
	}
	if got.Updated != "2025-12-31T23:00:00Z" || len(got.Items) != 0 {
		t.Errorf("updated %q, %d items", got.Updated, len(got.Items))
	}
}
