package questionnaire

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Problem is one problem found in a questionnaire file. Line and Column
// start at 1; they are 0 when the problem concerns the whole file.
type Problem struct {
	File    string
	Line    int
	Column  int
	Message string // in French
}

// String formats the problem as shown to users:
// « tnl-2026.yaml:42: la question « … » est déclarée deux fois ».
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(p.Line))
	}
	b.WriteString(": ")
	b.WriteString(p.Message)
	return b.String()
}

// Problems lists every problem found in a file, ordered by position. It is
// the error returned by Load.
type Problems []Problem

// Error returns one problem per line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// maxProblems bounds the problems listed for one file.
const maxProblems = 200

// truncate keeps the first maxProblems problems and tells how many more
// were found.
func (ps Problems) truncate() Problems {
	if len(ps) <= maxProblems {
		return ps
	}
	more := len(ps) - maxProblems
	return append(ps[:maxProblems:maxProblems], Problem{File: ps[0].File,
		Message: fmt.Sprintf("… et %d autres problèmes, non affichés : corrigez d'abord les premiers", more)})
}

func (ps Problems) sort() {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
}

// pos is a position in the source file.
type pos struct{ line, col int }

// positions keeps where an object and its fields were written. The empty
// name is the object itself.
type positions map[string]pos

// of returns the position of a field, falling back on the object itself.
func (at positions) of(field string) pos {
	if p, ok := at[field]; ok {
		return p
	}
	return at[""]
}

// reporter collects problems.
type reporter struct {
	file  string
	probs Problems
}

func (r *reporter) at(p pos, format string, args ...any) {
	r.probs = append(r.probs, Problem{File: r.file, Line: p.line, Column: p.col, Message: fmt.Sprintf(format, args...)})
}
