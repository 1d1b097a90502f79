// Package pdf renders the documents of the Territoire Numérique Libre
// label — candidature dossier, acknowledgement of receipt and certificate —
// as PDF with fpdf (codeberg.org/go-pdf/fpdf); no other package needs to
// import fpdf. It takes plain view structs holding already formatted French
// text and never imports the domain packages.
//
// Rendering is done in two steps. The layout code (cover.go, contents.go,
// dossier.go, answer.go, table.go, receipt.go, certificate.go) measures text
// with the metrics of the embedded DejaVu Sans fonts and draws on a canvas,
// a display list of pages. Knowing every page before writing anything gives
// the table of contents and the « page X / N » footers in one pass. emit.go
// then replays the canvas through fpdf, with a font encoding built for the
// document (see encoding.go for why fpdf's UTF-8 fonts are not used).
//
// Text from the views is cleaned first (sanitize.go): control characters
// are dropped and characters the fonts lack are replaced, so that any input
// renders without missing glyphs or panics. Output is deterministic: the
// same view renders to the same bytes.
package pdf
