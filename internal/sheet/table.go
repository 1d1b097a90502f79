// Package sheet describes a table of typed values and writes it as open
// data: CSV (RFC 4180), OpenDocument spreadsheet (ODS) and a Frictionless
// Table Schema that describes the CSV.
//
// The same cleaning applies to every format: control characters that XML
// forbids are removed (see package cleantext) and a string that a
// spreadsheet would run as a formula is prefixed with a single quote (see
// Neutralise), so the CSV and the ODS of a table always show the same text.
package sheet

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/adullact/tnl/internal/cleantext"
)

// Type is the type of a column's values.
type Type int

// The column types. Each says which Go values a cell may hold (nil is an
// empty cell in every type).
const (
	String  Type = iota // string; "" is an empty cell
	Integer             // int, int8 to int64, uint8 to uint64, within ±2^53
	Number              // float64, float32 or any integer type; finite
	Date                // time.Time: its year, month and day in its own location
	Boolean             // bool
)

// String returns the type's name in Table Schema.
func (t Type) String() string {
	switch t {
	case String:
		return "string"
	case Integer:
		return "integer"
	case Number:
		return "number"
	case Date:
		return "date"
	case Boolean:
		return "boolean"
	}
	return fmt.Sprintf("Type(%d)", int(t))
}

// Column describes one column.
type Column struct {
	// Name is the machine name: the CSV header and the Table Schema field
	// name. Lower-case ASCII letters, digits and underscores, starting
	// with a letter ("annee", "code_insee").
	Name string
	// Title is the French title, shown in the ODS header row
	// (« Année », « Code INSEE »); Name when empty.
	Title string
	// Description explains the column in French, for the Table Schema.
	Description string
	Type        Type
	// Required refuses empty cells.
	Required bool
	// Unique refuses two cells with the same value.
	Unique bool
	// Enum, when not empty, lists the only values allowed, as Go values
	// of the column's type.
	Enum []any
	// Example is a typical value, for the Table Schema; nil for none.
	Example any
}

// Table is a sheet of typed rows.
type Table struct {
	// Name is the sheet's name in the ODS (« Palmarès »): at most 31
	// characters, none of []*?:/\ and not starting or ending with a
	// quote (Excel's rules, stricter than LibreOffice's).
	Name string
	// Title and Description describe the data in French, for the ODS
	// document properties and the Table Schema.
	Title       string
	Description string
	// Updated is when the data last changed. It dates the ODS document
	// (meta.xml and the archive's entries); when zero, the ODS carries no
	// date and its entries a fixed one, so the same table always gives the
	// same bytes.
	Updated time.Time
	Columns []Column
	// Rows holds the cells, one value per column, in column order.
	Rows [][]any
	// PrimaryKey names the columns that identify a row, for the Table
	// Schema; they must be Required.
	PrimaryKey []string
}

// validColumnName tells whether s is lower-case ASCII letters, digits and
// underscores, starting with a letter.
func validColumnName(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '_' {
			return false
		}
	}
	return true
}

// Validate checks the table's description and every cell against its
// column: type, range, Required, Unique and Enum. The writers call it
// first, so that a table they refuse produces no output at all.
func (t *Table) Validate() error {
	if t == nil {
		return errors.New("sheet: nil table")
	}
	if err := checkSheetName(t.Name); err != nil {
		return err
	}
	if len(t.Columns) == 0 {
		return errors.New("sheet: the table has no column")
	}
	enums := make([]map[string]bool, len(t.Columns))
	byName := make(map[string]int, len(t.Columns))
	for i := range t.Columns {
		c := &t.Columns[i]
		if !validColumnName(c.Name) {
			return fmt.Errorf("sheet: column %d: name %q is not lower-case letters, digits and underscores", i+1, c.Name)
		}
		if _, dup := byName[c.Name]; dup {
			return fmt.Errorf("sheet: column %q is declared twice", c.Name)
		}
		byName[c.Name] = i
		if c.Type < String || c.Type > Boolean {
			return fmt.Errorf("sheet: column %q: unknown type %d", c.Name, int(c.Type))
		}
		for _, s := range []string{c.Title, c.Description} {
			if _, err := cleantext.Clean(s); err != nil {
				return fmt.Errorf("sheet: column %q: %w", c.Name, err)
			}
		}
		if len(c.Enum) > 0 {
			enums[i] = make(map[string]bool, len(c.Enum))
			for _, v := range c.Enum {
				n, err := normalise(c, v)
				if err != nil {
					return fmt.Errorf("sheet: column %q: enum value %v: %w", c.Name, v, err)
				}
				if n.null {
					return fmt.Errorf("sheet: column %q: enum value nil", c.Name)
				}
				if c.Type == String && Neutralise(n.s) != n.s {
					return fmt.Errorf("sheet: column %q: enum value %q would be neutralised as a formula", c.Name, n.s)
				}
				enums[i][n.csv()] = true
			}
		}
		if c.Example != nil {
			if _, err := normalise(c, c.Example); err != nil {
				return fmt.Errorf("sheet: column %q: example %v: %w", c.Name, c.Example, err)
			}
		}
	}
	for _, k := range t.PrimaryKey {
		i, ok := byName[k]
		if !ok {
			return fmt.Errorf("sheet: primary key %q is not a column", k)
		}
		if !t.Columns[i].Required {
			return fmt.Errorf("sheet: primary key %q must be a required column", k)
		}
	}
	for _, s := range []string{t.Title, t.Description} {
		if _, err := cleantext.Clean(s); err != nil {
			return fmt.Errorf("sheet: table %q: %w", t.Name, err)
		}
	}
	return t.validateRows(enums)
}

func (t *Table) validateRows(enums []map[string]bool) error {
	seen := make([]map[string]int, len(t.Columns))
	for i, c := range t.Columns {
		if c.Unique {
			seen[i] = make(map[string]int, len(t.Rows))
		}
	}
	for r, row := range t.Rows {
		if len(row) != len(t.Columns) {
			return fmt.Errorf("sheet: row %d has %d cells for %d columns", r+1, len(row), len(t.Columns))
		}
		for i, v := range row {
			c := &t.Columns[i]
			n, err := normalise(c, v)
			if err != nil {
				return fmt.Errorf("sheet: row %d, column %q: %w", r+1, c.Name, err)
			}
			if n.null {
				if c.Required {
					return fmt.Errorf("sheet: row %d, column %q: empty cell in a required column", r+1, c.Name)
				}
				continue
			}
			if enums[i] == nil && seen[i] == nil {
				continue
			}
			key := n.csv()
			if enums[i] != nil && !enums[i][key] {
				return fmt.Errorf("sheet: row %d, column %q: %q is not one of the allowed values", r+1, c.Name, key)
			}
			if seen[i] != nil {
				if first, dup := seen[i][key]; dup {
					return fmt.Errorf("sheet: row %d, column %q: %q already appears in row %d", r+1, c.Name, key, first)
				}
				seen[i][key] = r + 1
			}
		}
	}
	return nil
}

func checkSheetName(name string) error {
	switch {
	case name == "":
		return errors.New("sheet: the table has no name")
	case !utf8.ValidString(name):
		return fmt.Errorf("sheet: table name %q: %w", name, cleantext.ErrInvalidUTF8)
	case utf8.RuneCountInString(name) > 31:
		return fmt.Errorf("sheet: table name %q is longer than 31 characters", name)
	case strings.ContainsAny(name, `[]*?:/\`):
		return fmt.Errorf("sheet: table name %q contains one of []*?:/\\", name)
	case strings.HasPrefix(name, "'") || strings.HasSuffix(name, "'"):
		return fmt.Errorf("sheet: table name %q starts or ends with a quote", name)
	}
	if c, _ := cleantext.Clean(name); c != name || strings.ContainsAny(name, "\t\n\r") {
		return fmt.Errorf("sheet: table name %q contains control characters", name)
	}
	return nil
}

// title returns the column's French title, or its name.
func (c *Column) title() string {
	if c.Title != "" {
		return c.Title
	}
	return c.Name
}
