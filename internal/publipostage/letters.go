package publipostage

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	courrierlc "github.com/adullact/tnl/internal/lifecycle/courrier"
	"github.com/adullact/tnl/internal/pdf"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
)

// LetterOf returns the letter (or the reminder) of a campaign to one
// recipient.
func LetterOf(c *domain.Courrier, r store.Recipient, departements map[string]string, baseURL string, reminder bool) *pdf.Letter {
	v := courrierlc.VarsOf(c, r, departements, baseURL)
	text, subject := c.Letter, c.EmailSubject
	date := c.SentAt
	if reminder {
		text, subject, date = c.Reminder, "Relance : "+c.EmailSubject, c.RemindedAt
	}
	l := &pdf.Letter{
		Sender:    c.Sender,
		Recipient: recipientLines(r),
		Subject:   courrierlc.Fill(subject, v),
		Opening:   courrierlc.Opening(v),
		Body:      courrierlc.Fill(text, v),
		Link:      v.Link,
		Code:      v.Code,
		Signature: c.Signature,
		Footer:    fmt.Sprintf("%s · code %s · commune %s", c.Title, r.Code, r.Insee),
	}
	if date != nil {
		l.Date = *date
	}
	return l
}

func recipientLines(r store.Recipient) []string {
	lines := []string{"Madame, Monsieur le Maire"}
	if m := strings.TrimSpace(r.Maire); m != "" {
		lines = []string{m, "Maire " + fr.De(r.Name)}
	}
	cp := ""
	if f := strings.Fields(r.PostalCodes); len(f) > 0 {
		cp = f[0] + " "
	}
	return append(lines, "Mairie "+fr.De(r.Name), cp+strings.ToUpper(r.Name))
}

// Selection says which letters to write: the letters or the reminders,
// of every recipient or of one département's (a campaign to a whole région
// is printed département by département: one PDF of 35 000 pages takes
// 1 GB of memory to write, one of 650 pages 60 MB).
type Selection struct {
	Reminder    bool
	Departement string
}

// build reads the recipients of a campaign's letters (reminder: the
// reminders, to the mairies without a request since the letter) and
// returns how to write the letter of each; the letters themselves are
// made when rendered, so that a campaign to every commune does not hold
// 35 000 of them in memory.
func (s *Service) build(ctx context.Context, id int64, who policy.Principal, sel Selection) ([]store.Recipient, func(i int) *pdf.Letter, error) {
	reminder := sel.Reminder
	_, p, err := s.may(ctx, id, who, policy.CourrierDocuments)
	if err != nil {
		return nil, nil, err
	}
	c := p.Courrier
	var rows []store.Recipient
	if err := s.store.InReadTx(ctx, func(tx *store.Tx) error {
		var err error
		rows, err = tx.DestinatairesToSend(ctx, id, reminder && c.SentAt != nil)
		return err
	}); err != nil {
		return nil, nil, err
	}
	if sel.Departement != "" {
		kept := rows[:0]
		for _, r := range rows {
			if r.DepartementCode == sel.Departement {
				kept = append(kept, r)
			}
		}
		rows = kept
	}
	deps, err := s.store.DepartementNames(ctx)
	if err != nil {
		return nil, nil, err
	}
	if c.SentAt == nil {
		now := s.store.Now()
		c.SentAt = &now // a letter printed before the sending is dated today
	}
	if reminder && c.RemindedAt == nil {
		now := s.store.Now()
		c.RemindedAt = &now
	}
	base := s.mail.BaseURL()
	return rows, func(i int) *pdf.Letter { return LetterOf(c, rows[i], deps, base, reminder) }, nil
}

// WriteMerged writes a campaign's letters as one PDF, for printing.
func (s *Service) WriteMerged(ctx context.Context, w io.Writer, id int64, who policy.Principal, sel Selection) error {
	rows, letter, err := s.build(ctx, id, who, sel)
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		return domain.Errorf(domain.EUnprocessable, "Aucune lettre à imprimer : toutes les mairies ont déjà répondu.")
	}
	return s.pdf.Letters(w, func(yield func(*pdf.Letter) bool) {
		for i := range rows {
			if !yield(letter(i)) {
				return
			}
		}
	})
}

// WriteZip writes a campaign's letters as a zip of one PDF per mairie,
// named by département, commune and code, rendered on every core.
func (s *Service) WriteZip(ctx context.Context, w io.Writer, id int64, who policy.Principal, sel Selection) (int, error) {
	rows, letter, err := s.build(ctx, id, who, sel)
	if err != nil {
		return 0, err
	}
	return len(rows), s.zip(w, rows, letter)
}

// zip renders the letters on every core, in order, into a zip of stored
// entries (the fonts inside each PDF are compressed already). At most a few
// letters per core are in memory at once, whatever the campaign's size.
func (s *Service) zip(w io.Writer, rows []store.Recipient, letter func(i int) *pdf.Letter) error {
	type result struct {
		data []byte
		err  error
	}
	workers := max(1, runtime.GOMAXPROCS(0))
	results := make([]chan result, len(rows))
	for i := range results {
		results[i] = make(chan result, 1)
	}
	jobs := make(chan int)
	ahead := make(chan struct{}, 4*workers)
	done := make(chan struct{})
	go func() {
		defer close(jobs)
		for i := range rows {
			select {
			case ahead <- struct{}{}:
			case <-done:
				return
			}
			select {
			case jobs <- i:
			case <-done:
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				var b bytes.Buffer
				err := s.pdf.Letter(&b, letter(i))
				results[i] <- result{b.Bytes(), err}
			}
		}()
	}
	zw := zip.NewWriter(w)
	var werr error
	for i, r := range rows {
		res := <-results[i]
		<-ahead
		if werr = res.err; werr != nil {
			break
		}
		name := fmt.Sprintf("%s/%s-%s.pdf", r.DepartementCode, fileName(r.Name, r.Insee), r.Code)
		f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
		if err == nil {
			_, err = f.Write(res.data)
		}
		if werr = err; werr != nil {
			break
		}
	}
	// Stop the producer (on an error it may wait for room), let the
	// workers finish the letters they hold (their results are buffered).
	close(done)
	wg.Wait()
	if werr != nil {
		return werr
	}
	return zw.Close()
}

func fileName(name, code string) string {
	s := strings.ReplaceAll(domain.SearchKey(name), " ", "-")
	if s == "" {
		return code
	}
	return code + "-" + s
}

// WritePreview writes the letter to the campaign's first mairie.
func (s *Service) WritePreview(ctx context.Context, w io.Writer, id int64, who policy.Principal) error {
	rows, letter, err := s.build(ctx, id, who, Selection{})
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		return domain.Errorf(domain.EUnprocessable, "La campagne n’a aucune mairie destinataire.")
	}
	return s.pdf.Letter(w, letter(0))
}
