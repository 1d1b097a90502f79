package sheet

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/adullact/tnl/internal/cleantext"
)

// The OpenDocument 1.2 namespaces the parts use.
const (
	nsOffice   = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
	nsStyle    = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
	nsText     = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
	nsTable    = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
	nsFo       = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
	nsNumber   = "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
	nsMeta     = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
	nsDC       = "http://purl.org/dc/elements/1.1/"
	nsManifest = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
)

const odfVersion = "1.2"

func writeManifest(w io.Writer, _ *Table) error {
	_, err := io.WriteString(w, xml.Header+
		`<manifest:manifest xmlns:manifest="`+nsManifest+`" manifest:version="`+odfVersion+`">`+"\n"+
		` <manifest:file-entry manifest:full-path="/" manifest:version="`+odfVersion+`" manifest:media-type="`+odsMimeType+`"/>`+"\n"+
		` <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>`+"\n"+
		` <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>`+"\n"+
		` <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>`+"\n"+
		`</manifest:manifest>`+"\n")
	return err
}

// writeStyles writes the common styles: French as the document's language
// (numbers and dates shown the French way), the "Default" cell style the
// content's styles derive from, and the page master the sheet prints with.
func writeStyles(w io.Writer, _ *Table) error {
	_, err := io.WriteString(w, xml.Header+
		`<office:document-styles xmlns:office="`+nsOffice+`" xmlns:style="`+nsStyle+`" xmlns:fo="`+nsFo+`" office:version="`+odfVersion+`">`+
		`<office:styles>`+
		`<style:default-style style:family="table-cell"><style:text-properties fo:language="fr" fo:country="FR"/></style:default-style>`+
		`<style:style style:name="Default" style:family="table-cell"/>`+
		`</office:styles>`+
		`<office:automatic-styles><style:page-layout style:name="pm1"/></office:automatic-styles>`+
		`<office:master-styles><style:master-page style:name="Default" style:page-layout-name="pm1"/></office:master-styles>`+
		`</office:document-styles>`+"\n")
	return err
}

// writeMeta writes the document's properties: generator, title,
// description, language and, when the table has one, its date.
func writeMeta(w io.Writer, t *Table) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(xml.Header +
		`<office:document-meta xmlns:office="` + nsOffice + `" xmlns:meta="` + nsMeta + `" xmlns:dc="` + nsDC + `" office:version="` + odfVersion + `">` +
		`<office:meta><meta:generator>tnl</meta:generator>`)
	element := func(name, text string) {
		if text == "" {
			return
		}
		clean, _ := cleantext.Clean(text) // validated by Table.Validate
		bw.WriteString("<" + name + ">")
		xml.EscapeText(bw, []byte(clean))
		bw.WriteString("</" + name + ">")
	}
	element("dc:title", t.Title)
	element("dc:description", t.Description)
	element("dc:language", "fr-FR")
	if !t.Updated.IsZero() {
		d := t.Updated.UTC().Truncate(time.Second).Format("2006-01-02T15:04:05Z")
		element("meta:creation-date", d)
		element("dc:date", d)
	}
	cells := (len(t.Rows) + 1) * len(t.Columns)
	fmt.Fprintf(bw, `<meta:document-statistic meta:table-count="1" meta:cell-count="%s"/>`, strconv.Itoa(cells))
	bw.WriteString("</office:meta></office:document-meta>\n")
	return bw.Flush()
}
