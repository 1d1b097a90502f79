package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/adullact/tnl/internal/testdb"
)

// readmeRow matches a row of README.md's command table and captures its
// command line: | `tnl campaign show\|history\|list` | … |
var readmeRow = regexp.MustCompile("(?m)^\\| `(tnl [^`]+)` \\|")

// Every command of README.md's table exists, with the options it shows.
func TestReadmeCommandTable(t *testing.T) {
	t.Parallel()
	root, err := testdb.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	rows := readmeRow.FindAllStringSubmatch(string(readme), -1)
	if len(rows) < 10 {
		t.Fatalf("README.md: %d rows in the command table, want the table of « ## Commandes »", len(rows))
	}
	cmds := commands()
	for _, row := range rows {
		line := strings.ReplaceAll(row[1], `\|`, "|")
		var words [][]string // each word with its alternatives: show|history|list
		var options []string
		for _, field := range strings.Fields(strings.TrimPrefix(line, "tnl ")) {
			field = strings.Trim(field, "[]")
			switch {
			case strings.HasPrefix(field, "-"):
				options = append(options, strings.TrimLeft(field, "-"))
			case len(options) == 0 && field == strings.ToLower(field) && !strings.ContainsAny(field, "….0123456789"):
				words = append(words, strings.Split(field, "|"))
			}
		}
		for _, args := range combinations(words) {
			c, _ := lookup(cmds, args)
			if c == nil {
				t.Errorf("README.md: « %s »: no command « tnl %s »", line, strings.Join(args, " "))
				continue
			}
			fs := newFlagSet(c)
			c.flags(fs, &Env{Getenv: func(string) string { return "" }})
			for _, name := range options {
				if fs.Lookup(name) == nil {
					t.Errorf("README.md: « %s »: tnl %s has no option -%s", line, c.name, name)
				}
			}
		}
	}
}

// combinations returns every command line the alternatives make:
// [[a] [b c]] gives [a b] and [a c].
func combinations(words [][]string) [][]string {
	out := [][]string{nil}
	for _, alts := range words {
		var next [][]string
		for _, prefix := range out {
			for _, w := range alts {
				next = append(next, append(append([]string(nil), prefix...), w))
			}
		}
		out = next
	}
	return out
}
