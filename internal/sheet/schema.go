package sheet

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/adullact/tnl/internal/cleantext"
)

// SchemaInfo is what a Table Schema says about the data beyond the
// columns, in the descriptive properties that schema.data.gouv.fr adds to
// the Frictionless specification. Every field is optional.
type SchemaInfo struct {
	// Name is the schema's machine name ("palmares-tnl").
	Name string
	// Homepage is the address of a page about the data.
	Homepage string
	// Path is the address of the CSV the schema describes.
	Path string
	// Version is the schema's version ("1.0.0").
	Version string
}

// The JSON document, in the order the properties are written.
type schemaDoc struct {
	Name          string        `json:"name,omitempty"`
	Title         string        `json:"title,omitempty"`
	Description   string        `json:"description,omitempty"`
	CountryCode   string        `json:"countryCode"`
	Homepage      string        `json:"homepage,omitempty"`
	Path          string        `json:"path,omitempty"`
	Version       string        `json:"version,omitempty"`
	Fields        []schemaField `json:"fields"`
	PrimaryKey    []string      `json:"primaryKey,omitempty"`
	MissingValues []string      `json:"missingValues"`
}

type schemaField struct {
	Name        string             `json:"name"`
	Title       string             `json:"title,omitempty"`
	Description string             `json:"description,omitempty"`
	Type        string             `json:"type"`
	Format      string             `json:"format,omitempty"`
	Example     any                `json:"example,omitempty"`
	TrueValues  []string           `json:"trueValues,omitempty"`
	FalseValues []string           `json:"falseValues,omitempty"`
	Constraints *schemaConstraints `json:"constraints,omitempty"`
}

type schemaConstraints struct {
	Required bool  `json:"required,omitempty"`
	Unique   bool  `json:"unique,omitempty"`
	Enum     []any `json:"enum,omitempty"`
}

// TableSchema returns a Frictionless Table Schema
// (https://specs.frictionlessdata.io/table-schema/) describing the CSV that
// WriteCSV writes for t, so that a data portal can validate it: one field
// per column with its name, French title, description, type, format
// (dates are %Y-%m-%d, booleans true or false), example and constraints
// (required, unique, enum), the primary key, and the empty string as the
// only missing value. The JSON is indented, with a final line feed, and
// deterministic.
func TableSchema(t *Table, info SchemaInfo) ([]byte, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	doc := schemaDoc{
		Name:          info.Name,
		Title:         clean(t.Title),
		Description:   clean(t.Description),
		CountryCode:   "FR",
		Homepage:      info.Homepage,
		Path:          info.Path,
		Version:       info.Version,
		PrimaryKey:    t.PrimaryKey,
		MissingValues: []string{""},
	}
	for _, s := range []string{info.Name, info.Homepage, info.Path, info.Version} {
		if c, err := cleantext.Clean(s); err != nil || c != s {
			return nil, fmt.Errorf("sheet: schema property %q is not clean UTF-8 text", s)
		}
	}
	for i := range t.Columns {
		c := &t.Columns[i]
		f := schemaField{
			Name:        c.Name,
			Title:       clean(c.Title),
			Description: clean(c.Description),
			Type:        c.Type.String(),
		}
		switch c.Type {
		case Date:
			f.Format = "%Y-%m-%d"
		case Boolean:
			f.TrueValues, f.FalseValues = []string{"true"}, []string{"false"}
		}
		if c.Example != nil {
			n, _ := normalise(c, c.Example) // validated by Table.Validate
			if c.Type == String {
				f.Example = n.csv()
			} else {
				f.Example = n.jsonValue()
			}
		}
		cons := schemaConstraints{Required: c.Required, Unique: c.Unique}
		for _, v := range c.Enum {
			n, _ := normalise(c, v) // validated by Table.Validate
			cons.Enum = append(cons.Enum, n.jsonValue())
		}
		if cons.Required || cons.Unique || len(cons.Enum) > 0 {
			f.Constraints = &cons
		}
		doc.Fields = append(doc.Fields, f)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("sheet: encoding the Table Schema: %w", err)
	}
	return b.Bytes(), nil
}

// clean returns s without the characters cleantext removes; s has been
// checked by Table.Validate.
func clean(s string) string {
	c, _ := cleantext.Clean(s)
	return c
}
