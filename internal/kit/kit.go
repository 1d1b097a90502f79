// Package kit reads the ambassadeur du libre's kit: the points to discuss
// with a mairie, the documents to hand over and the software to show. The
// kit is a YAML file like the questionnaire, checked by `tnl kit check`
// with every problem and its line; a default kit ships (default.yaml). A
// visit report records the keys of what was covered, so that a kit can
// change without making old reports unreadable.
package kit

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"strconv"
	"strings"
)

//go:embed default.yaml
var defaultSource []byte

// DefaultName names the shipped kit in messages.
const DefaultName = "kit-ambassadeur.yaml"

// DefaultSource returns the shipped kit's YAML.
func DefaultSource() []byte { return append([]byte(nil), defaultSource...) }

// Default returns the shipped kit; a test holds it valid.
func Default() *Kit {
	k, err := Load(defaultSource, DefaultName)
	if err != nil {
		panic("kit: the shipped kit is invalid: " + err.Error())
	}
	return k
}

// Kit is what an ambassadeur brings to a visit.
type Kit struct {
	Version   string
	Title     string
	Intro     string
	Points    []Item // points to discuss
	Documents []Item // documents to hand over
	Software  []Item // software to show
	// Hash is the SHA-256 of the file, hexadecimal.
	Hash string
}

// Item is one entry of the kit.
type Item struct {
	Key   string
	Title string
	Help  string // what to say, what it is for
	URL   string // where to find it, for documents and software
}

// Part names one list of the kit.
type Part int

// The kit's parts.
const (
	Points Part = iota
	Documents
	Software
)

// Items returns one part's items.
func (k *Kit) Items(p Part) []Item {
	switch p {
	case Points:
		return k.Points
	case Documents:
		return k.Documents
	}
	return k.Software
}

// Titles returns the titles of the given keys of a part, in the kit's
// order; a key the kit no longer has is shown as is.
func (k *Kit) Titles(p Part, keys []string) []string {
	want := map[string]bool{}
	for _, key := range keys {
		want[key] = true
	}
	var out []string
	for _, it := range k.Items(p) {
		if want[it.Key] {
			out = append(out, it.Title)
			delete(want, it.Key)
		}
	}
	for _, key := range keys {
		if want[key] {
			out = append(out, key)
		}
	}
	return out
}

// Keep returns the keys that are items of a part, in the kit's order,
// each once.
func (k *Kit) Keep(p Part, keys []string) []string {
	want := map[string]bool{}
	for _, key := range keys {
		want[strings.TrimSpace(key)] = true
	}
	out := []string{}
	for _, it := range k.Items(p) {
		if want[it.Key] {
			out = append(out, it.Key)
		}
	}
	return out
}

// Problem is one problem of a kit file; Line is 0 for the whole file.
type Problem struct {
	File    string
	Line    int
	Message string
}

// String is « kit.yaml:12: … ».
func (p Problem) String() string {
	s := p.File
	if p.Line > 0 {
		s += ":" + strconv.Itoa(p.Line)
	}
	return s + ": " + p.Message
}

// Problems is every problem of a file, the error of Load.
type Problems []Problem

// Error lists the problems, one a line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

func hashOf(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
