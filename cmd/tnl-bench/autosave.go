package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/adullact/tnl/internal/account"
)

// autosaveResult is the figures of the pure-autosave phases: clients
// already signed in, each on its own draft, doing nothing but save
// answers, first as fast as they can (closed loop: the saturated
// throughput), then at half that rate on a fixed schedule (open loop: the
// latency of a server that is not saturated).
type autosaveResult struct {
	Drafts         int     `json:"drafts"` // one per client
	Clients        int     `json:"clients"`
	Seconds        float64 `json:"seconds"`
	Saves          int     `json:"answer_saves"`
	SavesPerSec    float64 `json:"answer_saves_per_s"`
	Latency        opStats `json:"latency"`
	Errors         int     `json:"errors"`
	Queries        int64   `json:"queries"`
	QueriesPerSave float64 `json:"queries_per_save"`
	// CPU per save, in ms, of the server and of PostgreSQL's processes
	// that work for the database (read from /proc).
	ServerMsPerSave   float64       `json:"server_cpu_ms_per_save"`
	PostgresMsPerSave float64       `json:"postgres_cpu_ms_per_save,omitempty"`
	CPU               cpuSample     `json:"cpu"`
	FirstErrors       []errorSample `json:"first_errors,omitempty"`
	OpenLoop          *openLoop     `json:"open_loop,omitempty"`
	// versions is the last acknowledged version of each draft's answers,
	// checked against the database at the end.
	versions map[int64]map[string]int
}

// openLoop is the open-loop phase: saves sent on a fixed schedule, at a
// rate chosen from the closed loop's, each one's latency counted from the
// instant it was due (a late start counts: no coordinated omission).
type openLoop struct {
	TargetPerSec   float64 `json:"target_per_s"`
	AchievedPerSec float64 `json:"achieved_per_s"`
	Seconds        float64 `json:"seconds"`
	Saves          int     `json:"answer_saves"`
	Latency        opStats `json:"latency"` // from the scheduled instant
	Service        opStats `json:"service"` // from the request's actual start
	Errors         int     `json:"errors"`
	MaxInFlight    int64   `json:"max_in_flight"`
	// CPU over the phase: a machine busy with other programs makes its
	// latency meaningless.
	CPU cpuSample `json:"cpu"`
}

// draftSlot is one client's draft: its signed-in browser, the answers it
// changes and their versions.
type draftSlot struct {
	mu       sync.Mutex
	b        *browser
	id       int64
	keys     []changeable
	next     int
	versions map[string]int
}

// changeable is a question whose sample answers differ between the plan's
// variants, so that every save changes the stored value (the autosave of
// someone typing), as form bodies without the version.
type changeable struct {
	Key    string
	Path   string
	Bodies []string
	// Initial is the answer's version when the draft is created: 1 for
	// an answer taken from the account, else 0.
	Initial int
}

// changeables lists the questions of the plan with at least two distinct
// answers among its variants.
func changeables(p *plan) []changeable {
	byKey := map[string]*changeable{}
	var order []string
	for _, variant := range p.Variants {
		for _, s := range variant {
			form, err := url.ParseQuery(s.Body)
			if err != nil {
				continue
			}
			initial, _ := strconv.Atoi(form.Get("version"))
			form.Del("version")
			body := form.Encode()
			c, ok := byKey[s.Key]
			if !ok {
				c = &changeable{Key: s.Key, Path: s.Path, Initial: initial}
				byKey[s.Key] = c
				order = append(order, s.Key)
			}
			if !slices.Contains(c.Bodies, body) {
				c.Bodies = append(c.Bodies, body)
			}
		}
	}
	var out []changeable
	for _, k := range order {
		if c := byKey[k]; len(c.Bodies) >= 2 {
			out = append(out, *c)
		}
	}
	return out
}

// save sends the draft's next change and returns its latency's start.
func (d *draftSlot) save(ctx context.Context, op string) error {
	c := &d.keys[d.next%len(d.keys)]
	round := d.next / len(d.keys)
	d.next++
	body := c.Bodies[round%len(c.Bodies)] + "&version=" + strconv.Itoa(d.versions[c.Key])
	resp, err := d.b.do(ctx, request{Op: op, Method: http.MethodPost, Path: "/candidatures/" + strconv.FormatInt(d.id, 10) + c.Path,
		Body: []byte(body), ContentType: formType, CSRF: true, Want: http.StatusOK})
	if err != nil {
		return err
	}
	var res struct {
		Version int `json:"version"`
	}
	// Each save is the next version of the answer: a value the draft was
	// created with (the référent taken from the account) is version 1,
	// and the page sends it (a save from a page that did not show it is a
	// conflict).
	prev, known := d.versions[c.Key]
	if err := json.Unmarshal(resp.Body, &res); err != nil || res.Version <= prev || known && res.Version != prev+1 {
		d.b.errs.add(request{Op: op, Method: http.MethodPost, Path: c.Path}, resp.Status, fmt.Sprintf("version %d après %d : %s", res.Version, prev, excerpt(resp.Body)))
		return fmt.Errorf("enregistrement de %s : version %d après %d", c.Key, res.Version, prev)
	}
	d.versions[c.Key] = res.Version
	return nil
}

// openDrafts signs the reserved applicants in and creates their drafts,
// clients at a time (not timed: the sign-ins are not part of the phase).
func openDrafts(ctx context.Context, base string, hc *http.Client, p *plan, apps []applicant, clients int, errs *errorLog) ([]*draftSlot, error) {
	keys := changeables(p)
	if len(keys) == 0 {
		return nil, fmt.Errorf("aucune question dont les réponses d’exemple diffèrent")
	}
	slots := make([]*draftSlot, len(apps))
	var wg sync.WaitGroup
	var failed atomic.Int64
	sem := make(chan struct{}, clients)
	for i, app := range apps {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			b := &browser{hc: hc, base: base, cookies: map[string]string{}, rec: newRecorder(), errs: errs}
			id, err := signInAndCreate(ctx, b, app)
			if err != nil {
				failed.Add(1)
				return
			}
			// Each draft starts at another question, so that the
			// clients do not all write the same keys at once.
			versions := map[string]int{}
			for _, k := range keys {
				if k.Initial > 0 {
					versions[k.Key] = k.Initial
				}
			}
			slots[i] = &draftSlot{b: b, id: id, keys: keys, next: i * 7 % len(keys), versions: versions}
		}()
	}
	wg.Wait()
	if n := failed.Load(); n > 0 {
		return nil, fmt.Errorf("%d brouillons n’ont pu être ouverts", n)
	}
	return slots, nil
}

// signInAndCreate is the start of an applicant's journey: sign in, create
// the candidature.
func signInAndCreate(ctx context.Context, b *browser, app applicant) (int64, error) {
	if _, err := b.do(ctx, request{Op: "signin_page", Method: http.MethodGet, Path: "/connexion", Want: http.StatusOK}); err != nil {
		return 0, err
	}
	form := url.Values{"email": {app.Email}, "password": {benchPassword}}
	if _, err := b.do(ctx, request{Op: "signin", Method: http.MethodPost, Path: "/connexion", Body: []byte(form.Encode()),
		ContentType: formType, CSRF: true, Want: http.StatusSeeOther}); err != nil {
		return 0, err
	}
	form = url.Values{"collectivite": {strconv.FormatInt(app.CollectiviteID, 10)}}
	resp, err := b.do(ctx, request{Op: "create", Method: http.MethodPost, Path: "/candidatures", Body: []byte(form.Encode()),
		ContentType: formType, CSRF: true, Want: http.StatusSeeOther})
	if err != nil {
		return 0, err
	}
	return candidatureID(resp.Location)
}

// autosavePhases runs the closed loop for secs, then the open loop at half
// its throughput for secs, on the same drafts and server.
func (b *bench) autosavePhases(ctx context.Context, srv *serverProc, hc *http.Client, apps []applicant, r *runReport, secs int) (*autosaveResult, error) {
	errs := &errorLog{}
	done := b.prog.step(fmt.Sprintf("Enregistrements seuls : %d brouillons ouverts (connexion, création)", len(apps)))
	slots, err := openDrafts(ctx, srv.BaseURL, hc, b.plan, apps, b.cfg.Clients, errs)
	if err != nil {
		n, first := errs.snapshot()
		return &autosaveResult{Errors: n, FirstErrors: first}, err
	}
	done("")
	res := &autosaveResult{Drafts: len(slots), Clients: len(slots)}
	rec := newRecorder()
	for _, s := range slots {
		s.b.rec = rec
	}
	done = b.prog.step(fmt.Sprintf("Enregistrements seuls, boucle fermée : %d clients connectés, %d s", len(slots), secs))
	before, err := srv.storeStats(ctx)
	if err != nil {
		return res, err
	}
	var saves atomic.Int64
	stop := b.prog.run(func(elapsed time.Duration) string {
		return fmt.Sprintf("%s enregistrements · %s/s · %s", frInt(int(saves.Load())), frNum(rate(int(saves.Load()), elapsed), 0), errorCount(errsCount(errs)))
	})
	profiled := make(chan string, 1)
	if b.cfg.ProfileDir != "" && secs >= 4 {
		// The server's CPU profile over the phase but its first and last
		// second.
		go func() {
			file := filepath.Join(b.cfg.ProfileDir, r.Database+"-autosave-cpu.pprof")
			select {
			case <-time.After(time.Second):
			case <-ctx.Done():
				profiled <- ""
				return
			}
			if err := srv.saveProfile(ctx, fmt.Sprintf("/debug/pprof/profile?seconds=%d", secs-2), file); err != nil {
				fmt.Fprintf(b.out, "  profil CPU : %v\n", err)
				file = ""
			}
			profiled <- file
		}()
	} else {
		profiled <- ""
	}
	cpu0 := sampleCPU(srv.Pid, pgName(r))
	start := time.Now()
	deadline := start.Add(time.Duration(secs) * time.Second)
	var wg sync.WaitGroup
	for _, s := range slots {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) && ctx.Err() == nil {
				if s.save(ctx, "autosave") != nil {
					return
				}
				saves.Add(1)
			}
		}()
	}
	wg.Wait()
	took := time.Since(start)
	cpu := sampleCPU(srv.Pid, pgName(r)).minus(cpu0)
	stop()
	after, err := srv.storeStats(ctx)
	if err != nil {
		return res, err
	}
	res.Seconds, res.Saves = took.Seconds(), int(saves.Load())
	res.SavesPerSec = rate(res.Saves, took)
	res.Latency = rec.summary()["autosave"]
	res.CPU = cpu
	res.Queries = after.Queries - before.Queries
	if res.Saves > 0 {
		res.QueriesPerSave = float64(res.Queries) / float64(res.Saves)
		res.ServerMsPerSave = cpu.Server * 1000 / float64(res.Saves)
		res.PostgresMsPerSave = cpu.Postgres * 1000 / float64(res.Saves)
	}
	res.Errors, res.FirstErrors = errs.snapshot()
	if file := <-profiled; file != "" {
		r.Profiles = append(r.Profiles, file)
	}
	done(fmt.Sprintf("%s enregistrements/s, p99 %s ms, %s", frNum(res.SavesPerSec, 0), frNum(res.Latency.P99, 1), errorCount(res.Errors)))
	if res.Errors > 0 {
		return res, fmt.Errorf("%s en erreur pendant les enregistrements seuls", frInt(res.Errors))
	}
	target := res.SavesPerSec / 2
	done = b.prog.step(fmt.Sprintf("Enregistrements seuls, boucle ouverte : %s/s (la moitié du débit saturé), %d s", frNum(target, 0), secs))
	cpu0 = sampleCPU(srv.Pid, pgName(r))
	res.OpenLoop = runOpenLoop(ctx, slots, target, time.Duration(secs)*time.Second, errs, b.prog)
	res.OpenLoop.CPU = sampleCPU(srv.Pid, pgName(r)).minus(cpu0)
	res.Errors, res.FirstErrors = errs.snapshot()
	ol := res.OpenLoop
	done(fmt.Sprintf("%s/s, p50 %s ms, p99 %s ms, %s", frNum(ol.AchievedPerSec, 0), frNum(ol.Latency.P50, 1), frNum(ol.Latency.P99, 1), errorCount(ol.Errors)))
	res.versions = map[int64]map[string]int{}
	for _, s := range slots {
		res.versions[s.id] = s.versions
	}
	if res.Errors > 0 {
		return res, fmt.Errorf("%s en erreur pendant les enregistrements seuls", frInt(res.Errors))
	}
	return res, nil
}

// runOpenLoop sends saves at rate per second for d, round robin over the
// drafts: the i-th is due at start + i/rate, whatever the previous ones
// became. A draft saves one answer at a time, as its page's script does;
// a save due while its draft's previous one is still out waits for it, and
// that wait is counted in its latency.
func runOpenLoop(ctx context.Context, slots []*draftSlot, perSec float64, d time.Duration, errs *errorLog, prog *progress) *openLoop {
	out := &openLoop{TargetPerSec: perSec}
	if perSec <= 0 || len(slots) == 0 {
		return out
	}
	sched, service := newRecorder(), newRecorder()
	for _, s := range slots {
		s.b.rec = service
	}
	interval := time.Duration(float64(time.Second) / perSec)
	var wg sync.WaitGroup
	var inFlight, maxInFlight, sent, failed atomic.Int64
	stop := prog.run(func(elapsed time.Duration) string {
		return fmt.Sprintf("%s enregistrements · %s/s · en cours %d", frInt(int(sent.Load())), frNum(rate(int(sent.Load()), elapsed), 0), inFlight.Load())
	})
	start := time.Now()
	for i := 0; ; i++ {
		due := start.Add(time.Duration(i) * interval)
		if due.Sub(start) >= d || ctx.Err() != nil {
			break
		}
		if wait := time.Until(due); wait > 0 {
			time.Sleep(wait)
		}
		s := slots[i%len(slots)]
		wg.Add(1)
		go func() {
			defer wg.Done()
			n := inFlight.Add(1)
			for {
				m := maxInFlight.Load()
				if n <= m || maxInFlight.CompareAndSwap(m, n) {
					break
				}
			}
			s.mu.Lock()
			err := s.save(ctx, "open")
			s.mu.Unlock()
			inFlight.Add(-1)
			if err != nil {
				failed.Add(1)
				return
			}
			sched.add("open", time.Since(due))
			sent.Add(1)
		}()
	}
	wg.Wait()
	took := time.Since(start)
	stop()
	out.Seconds = took.Seconds()
	out.Saves = int(sent.Load())
	out.AchievedPerSec = rate(out.Saves, took)
	out.Latency = sched.summary()["open"]
	out.Service = service.summary()["open"]
	out.Errors = int(failed.Load())
	out.MaxInFlight = maxInFlight.Load()
	return out
}

// hashCPU measures the CPU time of one sign-in's password check (the
// argon2id verification the server does), in this process, while nothing
// else runs in it: what is subtracted from the server's CPU per
// submission to give the program's own cost.
func hashCPU(n int) (float64, error) {
	hash, err := account.HashPassword(benchPassword)
	if err != nil {
		return 0, err
	}
	before, err := procCPU("self")
	if err != nil {
		return 0, err
	}
	for range n {
		if !account.VerifyPassword(hash, benchPassword) {
			return 0, fmt.Errorf("vérification du mot de passe du banc : échec")
		}
	}
	after, err := procCPU("self")
	if err != nil {
		return 0, err
	}
	return (after.own - before.own) / float64(n), nil
}
