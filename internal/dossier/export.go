package dossier

import (
	"bytes"
	"context"
	"fmt"
	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"
	"io"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/questionnaire"
)

// ExportRequest asks for the dossiers of a campaign.
type ExportRequest struct {
	CampaignID int64
	States     []string // only the candidatures in these states; every one when empty

	// Exactly one of Dir and Zip says where the dossiers go: a directory,
	// created if absent, receiving one <reference>.pdf file per dossier,
	// or a zip archive written sequentially, with the same entries.
	Dir string
	Zip io.Writer

	Workers int // rendering goroutines; GOMAXPROCS when 0 or less

	// GCPercent, when positive, sets the garbage collector's target
	// (debug.SetGCPercent) for the duration of the export, then restores
	// it. The setting is process-wide: a command-line export sets it (400
	// saves about a fifth of the CPU time for twice the memory, see
	// BENCHMARKS.md); a server leaves it at 0.
	GCPercent int

	// Progress, when set, is called after each dossier written, always
	// from the same goroutine, with the number written and the number
	// expected.
	Progress func(done, total int)
}

// ExportResult says what an export wrote.
type ExportResult struct {
	Count    int           // dossiers written
	Bytes    int64         // PDF bytes written
	Duration time.Duration // from the request to the last byte
}

// Pipeline sizes. Memory is bounded by them, whatever the number of
// dossiers: at most three pages of loaded candidatures (one being read,
// one waiting, one being dispatched) and windowPerCore dossiers per worker
// between dispatch and writing.
const (
	pageSize      = 200 // candidatures loaded per page, with 5 queries
	windowPerCore = 16  // dossiers in flight per worker
	bufferSize    = 128 << 10
)

// Export renders every dossier of a campaign (optionally only those in the
// given states) on all cores and writes them, in candidature id order, to
// a directory or a zip archive. Zip entries are stored uncompressed (the
// embedded fonts, most of each file, are compressed already) and dated by
// their dossier, so the same data gives the same archive. It stops at the
// first error, or when ctx ends; files already written to a directory
// stay, and an interrupted archive is incomplete.
func (s *Service) Export(ctx context.Context, req ExportRequest) (ExportResult, error) {
	start := time.Now()
	if (req.Dir == "") == (req.Zip == nil) {
		return ExportResult{}, domain.Errorf(domain.EInvalid, "Indiquez où écrire les dossiers : un répertoire ou une archive zip, pas les deux.")
	}
	cp, err := s.store.Campaign(ctx, req.CampaignID)
	if err != nil {
		return ExportResult{}, err
	}
	q, err := s.questionnaire(cp)
	if err != nil {
		return ExportResult{}, fmt.Errorf("questionnaire de la campagne %d : %w", cp.Year, err)
	}
	total, err := s.count(ctx, cp.ID, req.States)
	if err != nil {
		return ExportResult{}, fmt.Errorf("décompte des candidatures : %w", err)
	}
	out, err := newSink(req)
	if err != nil {
		return ExportResult{}, err
	}
	workers := req.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if req.GCPercent > 0 {
		defer debug.SetGCPercent(debug.SetGCPercent(req.GCPercent))
	}
	p := &pipeline{
		s: s, campaign: cp, questionnaire: q, states: req.States, workers: workers,
		out: out, total: total, progress: req.Progress,
		buffers: sync.Pool{New: func() any { return bytes.NewBuffer(make([]byte, 0, bufferSize)) }},
	}
	res, err := p.run(ctx)
	if err == nil {
		err = out.close()
	}
	res.Duration = time.Since(start)
	return res, err
}

// count is the number of candidatures an export expects.
func (s *Service) count(ctx context.Context, campaignID int64, states []string) (int, error) {
	counts, err := s.store.CountCandidatures(ctx, campaignID)
	total := 0
	for state, n := range counts {
		if len(states) == 0 || slices.Contains(states, state) {
			total += n
		}
	}
	return total, err
}

// pipeline is one export: a reader paging through the campaign, a
// dispatcher, workers rendering, and the caller's goroutine writing.
type pipeline struct {
	s             *Service
	campaign      *domain.Campaign
	questionnaire *questionnaire.Questionnaire
	states        []string
	workers       int
	out           sink
	total         int
	progress      func(done, total int)
	buffers       sync.Pool // of *bytes.Buffer
}

type job struct {
	seq  int
	data *store.DossierData
}

type rendered struct {
	seq      int
	name     string
	modified time.Time
	pdf      *bytes.Buffer
	err      error
}

func (p *pipeline) run(parent context.Context) (ExportResult, error) {
	ctx, cancel := context.WithCancelCause(parent)
	defer cancel(nil)

	pages := make(chan []store.DossierData, 1)
	jobs := make(chan job, p.workers)
	results := make(chan rendered, p.workers)
	window := p.workers * windowPerCore
	tickets := make(chan struct{}, window) // a ticket per dossier between dispatch and writing

	var feeders sync.WaitGroup
	feeders.Go(func() { p.read(ctx, cancel, pages) })
	feeders.Go(func() { p.dispatch(ctx, pages, tickets, jobs) })
	var renderers sync.WaitGroup
	for range p.workers {
		renderers.Go(func() { p.render(ctx, jobs, results) })
	}
	go func() { renderers.Wait(); close(results) }()

	res := p.write(ctx, cancel, results, tickets)
	feeders.Wait()
	if err := context.Cause(ctx); err != nil {
		return res, err
	}
	return res, nil
}

// read loads the campaign page after page, in id order.
func (p *pipeline) read(ctx context.Context, cancel context.CancelCauseFunc, pages chan<- []store.DossierData) {
	defer close(pages)
	var after int64
	for {
		page, err := p.s.store.DossierPage(ctx, p.campaign.ID, p.states, after, pageSize)
		if err != nil {
			cancel(fmt.Errorf("lecture des candidatures : %w", err))
			return
		}
		if len(page) == 0 {
			return
		}
		select {
		case pages <- page:
		case <-ctx.Done():
			return
		}
		after = page[len(page)-1].Candidature.ID
	}
}

// dispatch numbers the dossiers and hands them to the workers, each once it
// holds a ticket, so that at most window dossiers are in flight.
func (p *pipeline) dispatch(ctx context.Context, pages <-chan []store.DossierData, tickets chan<- struct{}, jobs chan<- job) {
	defer close(jobs)
	seq := 0
	for page := range pages {
		for i := range page {
			select {
			case tickets <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- job{seq: seq, data: &page[i]}:
			case <-ctx.Done():
				return
			}
			seq++
		}
	}
}

// render builds and renders dossiers until jobs is closed.
func (p *pipeline) render(ctx context.Context, jobs <-chan job, results chan<- rendered) {
	for j := range jobs {
		if ctx.Err() != nil {
			continue // drain, so that the dispatcher never blocks
		}
		r := p.renderOne(j)
		select {
		case results <- r:
		case <-ctx.Done():
		}
	}
}

func (p *pipeline) renderOne(j job) rendered {
	c := &j.data.Candidature
	view := p.s.dossierView(&subject{campaign: p.campaign, questionnaire: candlc.QuestionnaireFor(p.questionnaire, &j.data.Candidature.Candidature), data: j.data}, Reviewers)
	buf := p.buffers.Get().(*bytes.Buffer)
	buf.Reset()
	if err := p.s.renderer.Dossier(buf, view); err != nil {
		p.buffers.Put(buf)
		return rendered{seq: j.seq, err: fmt.Errorf("dossier %s : %w", c.Reference, err)}
	}
	return rendered{seq: j.seq, name: fileName(c.Reference, c.ID) + ".pdf", modified: view.GeneratedAt, pdf: buf}
}

// write stores the rendered dossiers in sequence order, releasing a ticket
// for each, and drains results once ctx has ended.
func (p *pipeline) write(ctx context.Context, cancel context.CancelCauseFunc, results <-chan rendered, tickets <-chan struct{}) ExportResult {
	var res ExportResult
	pending := make(map[int]rendered, cap(tickets))
	next := 0
	for r := range results {
		if ctx.Err() != nil {
			continue
		}
		if r.err != nil {
			cancel(r.err)
			continue
		}
		pending[r.seq] = r
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			err := p.out.write(r.name, r.modified, r.pdf.Bytes())
			size := int64(r.pdf.Len())
			p.buffers.Put(r.pdf)
			if err != nil {
				cancel(err)
				break
			}
			res.Count++
			res.Bytes += size
			next++
			<-tickets
			if p.progress != nil {
				p.progress(res.Count, max(p.total, res.Count))
			}
		}
	}
	return res
}
