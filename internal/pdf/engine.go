package pdf

import (
	"errors"
	"fmt"
	"io"
	"time"
	_ "time/tzdata" // Europe/Paris even on hosts without a zoneinfo database
)

// Renderer renders the label's documents.
type Renderer interface {
	Dossier(w io.Writer, d *Dossier) error
	Receipt(w io.Writer, r *Receipt) error
	Certificate(w io.Writer, c *Certificate) error
}

// Engine is the fpdf-based Renderer. It is immutable once built and safe
// for concurrent use by any number of goroutines.
type Engine struct {
	faces    [styleCount]*face
	chars    charset
	compress bool
}

var _ Renderer = (*Engine)(nil)

// Option configures an Engine.
type Option func(*Engine)

// New parses and compresses the embedded fonts once and returns an Engine.
func New(opts ...Option) (*Engine, error) {
	e := &Engine{}
	names := [styleCount]string{"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"}
	for s, name := range names {
		f, err := loadFace(name)
		if err != nil {
			return nil, err
		}
		e.faces[s] = f
	}
	e.chars = newCharset(e.faces[:])
	for _, o := range opts {
		o(e)
	}
	return e, nil
}

// Dossier renders a candidature dossier.
func (e *Engine) Dossier(w io.Writer, d *Dossier) (err error) {
	if d == nil {
		return errors.New("pdf: nil dossier")
	}
	defer recoverError(&err)
	c := e.layoutDossier(d)
	return e.emit(w, c, e.dossierInfo(d))
}

// Receipt renders the acknowledgement of receipt of a dossier.
func (e *Engine) Receipt(w io.Writer, r *Receipt) (err error) {
	if r == nil {
		return errors.New("pdf: nil receipt")
	}
	defer recoverError(&err)
	c := e.layoutReceipt(r)
	return e.emit(w, c, e.receiptInfo(r))
}

// Certificate renders the label certificate.
func (e *Engine) Certificate(w io.Writer, c *Certificate) (err error) {
	if c == nil {
		return errors.New("pdf: nil certificate")
	}
	defer recoverError(&err)
	cv := e.layoutCertificate(c)
	return e.emit(w, cv, e.certificateInfo(c))
}

// recoverError turns a panic inside fpdf into an error, so that one bad
// document cannot bring down a bulk export.
func recoverError(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("pdf: rendering failed: %v", r)
	}
}

// clean prepares view text for drawing (see charset.clean).
func (e *Engine) clean(s string) string { return e.chars.clean(s, false) }

// cleanLines is clean keeping line breaks.
func (e *Engine) cleanLines(s string) string { return e.chars.clean(s, true) }

// documentDate picks the first non-zero date, else 1 January of year.
func documentDate(year int, dates ...time.Time) time.Time {
	for _, d := range dates {
		if !d.IsZero() {
			return d
		}
	}
	if year < 1 || year > 9999 {
		year = 1970
	}
	return time.Date(year, time.January, 1, 0, 0, 0, 0, time.UTC)
}
