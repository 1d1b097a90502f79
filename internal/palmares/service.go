package palmares

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/pdf"
	"github.com/adullact/tnl/internal/store"
)

// recheck bounds how long a snapshot is served before the palmarès table
// is asked again whether it changed: a publication, a rectification or an
// import shows on the public pages within this delay, and a burst of
// requests on publication day costs one small query per second.
const recheck = time.Second

// memoLimit bounds the rendered pages kept per snapshot (filtered pages
// and searches are many; the common ones are few).
const memoLimit = 4096

// Service reads and imports the palmarès.
type Service struct {
	store    *store.Store
	renderer *pdf.Engine

	mu       sync.Mutex
	snap     *Snapshot
	checked  time.Time
	building chan struct{}
}

// New returns the service.
func New(st *store.Store, renderer *pdf.Engine) *Service {
	return &Service{store: st, renderer: renderer}
}

// Renderer is the PDF engine of the booklets and certificates.
func (s *Service) Renderer() *pdf.Engine { return s.renderer }

// Entry is a laureate of one edition.
type Entry struct {
	store.PalmaresRow
	Scheme domain.AwardScheme
	// Rank is the level's rank in its scheme (1 lowest), 0 when the level
	// was not published.
	Rank  int
	Trend Trend
	// Slug is the collectivité's public address: /collectivites/{Slug}.
	Slug            string
	DepartementName string
	RegionName      string
}

// ShortLevel is the level's short name (« Niveau 4 », « Or »), for a badge.
func (e *Entry) ShortLevel() string {
	if before, _, ok := strings.Cut(e.LevelLabel, " — "); ok {
		return before
	}
	return e.LevelLabel
}

// Snapshot is the palmarès as of one state of the table, with every
// laureate's trend computed, shared by every request until the table
// changes.
type Snapshot struct {
	// Stamp identifies the state: the ETag of the pages built from it.
	Stamp   string
	Entries []*Entry
	// Years are the editions, most recent first.
	Years          []int
	byYear         map[int][]*Entry
	bySlug         map[string][]*Entry
	Departements   map[string]string
	Regions        map[string]string
	DepartementReg map[string]string
	outlines       []store.Outline

	memoMu sync.Mutex
	memo   map[string]*memoEntry
}

// Rendered is a page built once from a snapshot.
type Rendered struct {
	Body        []byte
	ETag        string
	ContentType string
}

// memoEntry is a page being built or built, once.
type memoEntry struct {
	once sync.Once
	r    Rendered
	err  error
}

// Memo returns the page stored under key, building it once per snapshot
// even when many requests ask for it at the same time (they wait for the
// first one's build). A failed build is not kept.
func (s *Snapshot) Memo(key, contentType string, build func() ([]byte, error)) (Rendered, error) {
	s.memoMu.Lock()
	m, ok := s.memo[key]
	if !ok {
		m = &memoEntry{}
		if len(s.memo) < memoLimit {
			s.memo[key] = m
		}
	}
	s.memoMu.Unlock()
	m.once.Do(func() {
		body, err := build()
		if err != nil {
			m.err = err
			s.memoMu.Lock()
			delete(s.memo, key)
			s.memoMu.Unlock()
			return
		}
		sum := sha256.Sum256(body)
		m.r = Rendered{Body: body, ETag: `"` + s.Stamp + "-" + hex.EncodeToString(sum[:8]) + `"`, ContentType: contentType}
	})
	return m.r, m.err
}

// Year returns the laureates of an edition, by collectivité name.
func (s *Snapshot) Year(year int) []*Entry { return s.byYear[year] }

// Latest returns the most recent edition, 0 when there is none.
func (s *Snapshot) Latest() int {
	if len(s.Years) == 0 {
		return 0
	}
	return s.Years[0]
}

// History returns a collectivité's editions as a laureate, oldest first.
func (s *Snapshot) History(slug string) []*Entry { return s.bySlug[slug] }

// Entry returns the laureate of an edition under its public code.
func (s *Snapshot) Entry(year int, slug string) (*Entry, error) {
	for _, e := range s.bySlug[slug] {
		if e.Year == year {
			return e, nil
		}
	}
	return nil, domain.Errorf(domain.ENotFound, "Aucune collectivité « %s » au palmarès %d.", slug, year)
}

// Snapshot returns the current snapshot, rebuilding it when the table
// changed (asked at most once per recheck).
func (s *Service) Snapshot(ctx context.Context) (*Snapshot, error) {
	for {
		s.mu.Lock()
		snap, fresh := s.snap, s.snap != nil && time.Since(s.checked) < recheck
		if fresh {
			s.mu.Unlock()
			return snap, nil
		}
		if s.building != nil {
			wait := s.building
			s.mu.Unlock()
			if snap != nil {
				return snap, nil // serve the previous one while it is rebuilt
			}
			select {
			case <-wait:
				continue
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		done := make(chan struct{})
		s.building = done
		s.mu.Unlock()

		next, err := s.refresh(ctx, snap)
		s.mu.Lock()
		s.building = nil
		close(done)
		if err != nil {
			s.mu.Unlock()
			return nil, err
		}
		s.snap, s.checked = next, time.Now()
		s.mu.Unlock()
		return next, nil
	}
}

// Invalidate makes the next Snapshot ask the table at once (after an
// import or a match in this process).
func (s *Service) Invalidate() {
	s.mu.Lock()
	s.checked = time.Time{}
	s.mu.Unlock()
}

func (s *Service) stamp(ctx context.Context) (string, error) {
	p, err := s.store.PalmaresStamp(ctx)
	if err != nil {
		return "", err
	}
	g, err := s.store.CountGeography(ctx)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%s-%d", p, g.ImportedAt.Unix()), nil
}

func (s *Service) refresh(ctx context.Context, old *Snapshot) (*Snapshot, error) {
	stamp, err := s.stamp(ctx)
	if err != nil {
		return nil, err
	}
	if old != nil && old.Stamp == stamp {
		return old, nil
	}
	return s.build(ctx, stamp)
}

// Slug returns a collectivité's public code, that of its page
// /collectivites/{code} and of its badges: the INSEE code of a commune,
// the SIREN of any other collectivité that has one (an EPCI, a syndicat),
// else its kind and code, « departement-22 », « region-53 » (the INSEE
// codes of a département and a région collide). The same rule as
// domain.(*Collectivite).PublicCode, used by the publication's emails.
func Slug(kind domain.CollectiviteKind, code, siren string) string {
	switch {
	case kind == domain.KindCommune:
		return code
	case siren != "":
		return siren
	}
	return string(kind) + "-" + code
}

func (s *Service) build(ctx context.Context, stamp string) (*Snapshot, error) {
	rows, err := s.store.PalmaresRows(ctx, store.PalmaresQuery{AwardedOnly: true})
	if err != nil {
		return nil, err
	}
	places, err := s.store.CollectivitesOfKinds(ctx, domain.KindDepartement, domain.KindRegion)
	if err != nil {
		return nil, err
	}
	outlines, err := s.store.Outlines(ctx, "departement")
	if err != nil {
		return nil, err
	}
	return assemble(stamp, rows, places, outlines), nil
}

// assemble builds a snapshot from the awarded entries, the départements
// and régions, and the outlines of the départements.
func assemble(stamp string, rows []store.PalmaresRow, places []domain.Collectivite, outlines []store.Outline) *Snapshot {
	snap := &Snapshot{Stamp: stamp, byYear: map[int][]*Entry{}, bySlug: map[string][]*Entry{},
		Departements: map[string]string{}, Regions: map[string]string{}, DepartementReg: map[string]string{},
		outlines: outlines, memo: map[string]*memoEntry{}}
	for _, p := range places {
		if p.Kind == domain.KindDepartement {
			snap.Departements[p.Code] = p.Name
			snap.DepartementReg[p.Code] = p.RegionCode
		} else {
			snap.Regions[p.Code] = p.Name
		}
	}
	snap.Entries = make([]*Entry, len(rows))
	for i := range rows {
		e := &Entry{PalmaresRow: rows[i]}
		e.Scheme = SchemeOf(e.Year, e.AwardScheme)
		if e.Level != nil {
			if p, ok := PositionOf(e.Scheme, *e.Level); ok {
				e.Rank = p.Num
			}
		}
		e.Slug = Slug(e.Kind, e.Code, e.Siren)
		e.DepartementName = snap.Departements[e.DepartementCode]
		e.RegionName = snap.Regions[e.RegionCode]
		snap.Entries[i] = e
		if _, ok := snap.byYear[e.Year]; !ok {
			snap.Years = append(snap.Years, e.Year)
		}
		snap.byYear[e.Year] = append(snap.byYear[e.Year], e)
		snap.bySlug[e.Slug] = append(snap.bySlug[e.Slug], e)
	}
	slices.Sort(snap.Years)
	previous := map[int]int{}
	for i, y := range snap.Years {
		if i > 0 {
			previous[y] = snap.Years[i-1]
		}
	}
	for _, hist := range snap.bySlug {
		slices.SortFunc(hist, func(a, b *Entry) int { return cmp.Compare(a.Year, b.Year) })
		var prev *Step
		for _, e := range hist {
			cur := Step{Year: e.Year, Scheme: e.Scheme, Level: e.Level}
			e.Trend = TrendOf(cur, prev, previous[e.Year])
			prev = &cur
		}
	}
	slices.Reverse(snap.Years)
	return snap
}
