package sheet

import (
	"encoding/csv"
	"fmt"
	"io"
)

// WriteCSV writes the table as CSV: UTF-8 without a byte order mark, comma
// separator, a header row of the columns' machine names, RFC 4180 quoting,
// and lines ending with a line feed.
//
// No byte order mark: RFC 4180, Table Schema validators and most CSV
// readers (Go's encoding/csv, Python's csv module, csvkit, data.gouv.fr's
// validator) take it for part of the first column's name. Excel is the one
// reader that needs it to recognise UTF-8, and Excel users are better
// served by the ODS, which Excel opens with its types.
//
// Line feeds rather than RFC 4180's CRLF: encoding/csv's CRLF mode rewrites
// line feeds inside quoted values and drops lone carriage returns, which
// would change the data; every CSV reader accepts line feeds.
//
// Cells are written as described on the cell types: strings cleaned,
// neutralised (see Neutralise) and with line feeds for line endings (as in
// the ODS, which keeps lines but not their ending characters), numbers with a decimal point, dates as
// YYYY-MM-DD, booleans as true or false, empty cells as empty fields. The
// table is validated first, so a table that fails Validate writes nothing.
func WriteCSV(w io.Writer, t *Table) error {
	if err := t.Validate(); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	record := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		record[i] = c.Name
	}
	if err := cw.Write(record); err != nil {
		return fmt.Errorf("sheet: writing the CSV header: %w", err)
	}
	for r, row := range t.Rows {
		for i, v := range row {
			n, err := normalise(&t.Columns[i], v)
			if err != nil {
				return fmt.Errorf("sheet: row %d, column %q: %w", r+1, t.Columns[i].Name, err)
			}
			record[i] = n.csv()
		}
		if err := cw.Write(record); err != nil {
			return fmt.Errorf("sheet: writing CSV row %d: %w", r+1, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("sheet: writing the CSV: %w", err)
	}
	return nil
}
