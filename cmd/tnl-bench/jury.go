package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/questionnaire"
)

// juryResult is the jury phase: jurors seated, `tnl jury assign` at the
// run's scale, then every evaluation saved and submitted over HTTP by the
// jurors (their API tokens), C clients at a time.
type juryResult struct {
	Jurors         int     `json:"jurors"`
	Candidatures   int     `json:"candidatures"`
	PerCandidature int     `json:"per_candidature"`
	AssignSeconds  float64 `json:"assign_s"` // the command, process start included
	// What the command reports of itself (tnl jury assign --json).
	Assigned      int     `json:"assigned"`
	Unfilled      int     `json:"unfilled"`
	LoadMin       int     `json:"load_min"`
	LoadMax       int     `json:"load_max"`
	ServiceSecond float64 `json:"assign_service_s"`
	Evaluations   int     `json:"evaluations"`
	Seconds       float64 `json:"evaluations_s"` // listing, saving and submitting them all
	PerSec        float64 `json:"evaluations_per_s"`
	// Latencies: the juror's list, a draft save (PUT), the submission
	// (remettre).
	Ops         map[string]opStats `json:"ops"`
	Errors      int                `json:"errors"`
	FirstErrors []errorSample      `json:"first_errors,omitempty"`
}

// publishResult is the publication: every candidature taken through
// instruction, evaluation and deliberation through the API (staff token),
// then `tnl campaign publish`.
type publishResult struct {
	Candidatures   int                   `json:"candidatures"`
	Steps          map[string]*apiResult `json:"steps"` // instruire, evaluer, deliberer
	PublishSeconds float64               `json:"publish_s"`
	Published      int                   `json:"published"` // candidatures publiée afterwards
	Note           string                `json:"note,omitempty"`
	// Palmares is the public palmarès page of the edition under load, just
	// after the publication: the run's clients, anonymous, for a few
	// seconds (the first request builds the page).
	Palmares *apiResult `json:"palmares_page,omitempty"`
}

// juryAndPublication runs the jury phase and the publication on the
// recevable candidatures.
func (b *bench) juryAndPublication(ctx context.Context, st *store.Store, srv *serverProc, hc *http.Client, cli *tnlCLI, campaignID int64, token string, ids []int64, r *runReport) error {
	if b.cfg.Jurors < 0 || len(ids) == 0 {
		return nil
	}
	year := strconv.Itoa(b.cfg.Year)
	if _, _, err := cli.run(ctx, "", "campaign", "instruct", year); err != nil {
		return err
	}
	cp, err := st.Campaign(ctx, campaignID)
	if err != nil {
		return err
	}
	q, err := questionnaire.Load(cp.Questionnaire, cp.QuestionnaireName())
	if err != nil {
		return fmt.Errorf("questionnaire de la campagne : %w", err)
	}
	if q.Grid == nil {
		return fmt.Errorf("le questionnaire de la campagne n’a pas de grille d’évaluation")
	}
	pub := &publishResult{Candidatures: len(ids), Steps: map[string]*apiResult{}}
	r.Publication = pub
	step := func(event string, body func(int64) string) error {
		done := b.prog.step(fmt.Sprintf("Étape « %s » de %s candidatures (API, jeton de l’équipe, %d clients)", event, frInt(len(ids)), b.cfg.Clients))
		res := fireAll(ctx, srv.BaseURL, token, hc, ids, b.cfg.Clients, event, body, b.prog)
		pub.Steps[event] = res
		done(fmt.Sprintf("%s/s, p99 %s ms, %s", frNum(res.PerSec, 0), frNum(res.Latency.P99, 1), errorCount(res.Errors)))
		if res.Errors > 0 {
			return fmt.Errorf("étape %s : %s", event, errorCount(res.Errors))
		}
		return nil
	}
	if err := step("instruire", nil); err != nil {
		return err
	}
	jr, err := b.jury(ctx, st, srv, hc, cli, cp, q.Grid, len(ids))
	r.Jury = jr
	if err != nil {
		return err
	}
	if !b.cfg.Publish {
		pub.Note = "publication non demandée (-publish=false)"
		return nil
	}
	if err := step("evaluer", nil); err != nil {
		return err
	}
	if err := step("deliberer", func(id int64) string {
		body, _ := json.Marshal(map[string]any{"level": levelFor(cp.AwardScheme, id), "motivation": "Délibération du banc d’essai : une démarche cohérente."})
		return string(body)
	}); err != nil {
		return err
	}
	if _, _, err := cli.run(ctx, "", "campaign", "deliberate", year); err != nil {
		return err
	}
	done := b.prog.step(fmt.Sprintf("Publication de %s décisions (tnl campaign publish %s)", frInt(len(ids)), year))
	_, took, err := cli.run(ctx, "", "campaign", "publish", year)
	if err != nil {
		return err
	}
	pub.PublishSeconds = took.Seconds()
	counts, err := st.CountCandidatures(ctx, campaignID)
	if err != nil {
		return err
	}
	pub.Published = counts[domain.Publiee]
	done(fmt.Sprintf("%s s, %s publiées", frNum(pub.PublishSeconds, 2), frInt(pub.Published)))
	done = b.prog.step(fmt.Sprintf("Page publique du palmarès %s sous charge (%d clients anonymes, %s s)", year, b.cfg.Clients, frNum(palmaresLoad.Seconds(), 0)))
	pub.Palmares = loadPage(ctx, srv.BaseURL, hc, "/palmares/"+year, b.cfg.Clients, palmaresLoad)
	done(fmt.Sprintf("%s pages/s, p50 %s ms, p99 %s ms, %s", frNum(pub.Palmares.PerSec, 0), frNum(pub.Palmares.Latency.P50, 1),
		frNum(pub.Palmares.Latency.P99, 1), errorCount(pub.Palmares.Errors)))
	if pub.Palmares.Errors > 0 {
		return fmt.Errorf("page du palmarès : %s", errorCount(pub.Palmares.Errors))
	}
	return nil
}

// palmaresLoad is how long the palmarès page is loaded after the
// publication.
const palmaresLoad = 5 * time.Second

// loadPage has clients, anonymous, GET one page again and again for a
// while, each request timed.
func loadPage(ctx context.Context, base string, hc *http.Client, path string, clients int, d time.Duration) *apiResult {
	rec, errs := newRecorder(), &errorLog{}
	var wg sync.WaitGroup
	var mu sync.Mutex
	n := 0
	start := time.Now()
	for range max(clients, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			br := &browser{hc: hc, base: base, cookies: map[string]string{}, rec: rec, errs: errs}
			for ctx.Err() == nil && time.Since(start) < d {
				if _, err := br.do(ctx, request{Op: "palmares", Method: http.MethodGet, Path: path, Want: http.StatusOK}); err == nil {
					mu.Lock()
					n++
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	took := time.Since(start)
	e, first := errs.snapshot()
	return &apiResult{Calls: n + e, Seconds: took.Seconds(), PerSec: rate(n, took), Latency: rec.summary()["palmares"], Errors: e, FirstErrors: first}
}

// jurorsFor is how many jurors the run seats: one per 73 candidatures (500
// for the 36,359 of the full campaign, as in the jury's benchmarks), at
// least 4.
func jurorsFor(candidatures, asked int) int {
	if asked > 0 {
		return asked
	}
	return max(4, candidatures/73)
}

// jury seats the jurors, assigns them and has them evaluate over HTTP.
func (b *bench) jury(ctx context.Context, st *store.Store, srv *serverProc, hc *http.Client, cli *tnlCLI, cp *domain.Campaign, grid *questionnaire.Grid, candidatures int) (*juryResult, error) {
	n := jurorsFor(candidatures, b.cfg.Jurors)
	res := &juryResult{Jurors: n, Candidatures: candidatures, Ops: map[string]opStats{}}
	done := b.prog.step(fmt.Sprintf("Jury : %d jurés, charte acceptée, un jeton d’API chacun", n))
	emails, err := seatJurors(ctx, st, cp.ID, n)
	if err != nil {
		return res, err
	}
	tokens := make([]string, n)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	sem := make(chan struct{}, 4)
	for i, email := range emails {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			out, _, err := cli.run(ctx, "", "token", "create", "--email", email, "--name", "banc d’essai")
			mu.Lock()
			defer mu.Unlock()
			if err != nil && firstErr == nil {
				firstErr = err
			}
			tokens[i] = strings.TrimSpace(out)
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return res, firstErr
	}
	done("")
	done = b.prog.step(fmt.Sprintf("Affectation du jury à %s candidatures (tnl jury assign)", frInt(candidatures)))
	out, took, err := cli.run(ctx, "", "jury", "assign", "--campaign", strconv.Itoa(cp.Year), "--seed", "1", "--json")
	if err != nil {
		return res, err
	}
	res.AssignSeconds = took.Seconds()
	var run struct {
		PerCandidature int     `json:"per_candidature"`
		Assigned       int     `json:"assigned"`
		Unfilled       []any   `json:"unfilled"`
		LoadMin        int     `json:"load_min"`
		LoadMax        int     `json:"load_max"`
		Seconds        float64 `json:"seconds"`
	}
	if err := json.Unmarshal([]byte(out), &run); err != nil {
		return res, fmt.Errorf("tnl jury assign --json : %w", err)
	}
	res.PerCandidature, res.Assigned, res.Unfilled, res.LoadMin, res.LoadMax, res.ServiceSecond = run.PerCandidature, run.Assigned, len(run.Unfilled), run.LoadMin, run.LoadMax, run.Seconds
	done(fmt.Sprintf("%s s, %s affectations, charges %d–%d", frNum(res.AssignSeconds, 2), frInt(res.Assigned), res.LoadMin, res.LoadMax))
	done = b.prog.step(fmt.Sprintf("Évaluations par HTTP : %s, %d clients", frInt(res.Assigned), b.cfg.Clients))
	res.Evaluations, res.Seconds, err = b.evaluate(ctx, srv.BaseURL, hc, tokens, grid, cp, res)
	res.PerSec = rate(res.Evaluations, time.Duration(res.Seconds*float64(time.Second)))
	done(fmt.Sprintf("%s/s, brouillon p99 %s ms, remise p99 %s ms, %s", frNum(res.PerSec, 0), frNum(res.Ops["evaluation_save"].P99, 1),
		frNum(res.Ops["evaluation_submit"].P99, 1), errorCount(res.Errors)))
	if err != nil {
		return res, err
	}
	if res.Evaluations != res.Assigned {
		return res, fmt.Errorf("%s remises sur %s affectées", frInt(res.Evaluations), frInt(res.Assigned))
	}
	return res, nil
}

// seatJurors creates the jurors' accounts and seats them in the campaign's
// jury, charter accepted (setup, not timed).
func seatJurors(ctx context.Context, st *store.Store, campaignID int64, n int) ([]string, error) {
	now := st.Now()
	users := make([]domain.User, n)
	emails := make([]string, n)
	for i := range users {
		emails[i] = fmt.Sprintf("jure-%03d@banc.tnl.exemple.fr", i+1)
		users[i] = domain.User{Email: emails[i], Name: fmt.Sprintf("Juré·e %d", i+1), Role: domain.RoleMember,
			EmailVerifiedAt: &now, CreatedAt: now, Version: 1}
	}
	if _, err := st.DB().NewInsert().Model(&users).Exec(ctx); err != nil {
		return nil, fmt.Errorf("comptes des jurés : %w", err)
	}
	for i := range users {
		u, err := st.UserByEmail(ctx, emails[i])
		if err != nil {
			return nil, err
		}
		seat := domain.SeatMember
		if i == 0 {
			seat = domain.SeatPresident
		}
		if err := st.PutJuryMember(ctx, &store.JuryMember{CampaignID: campaignID, UserID: u.ID, Seat: seat, CharterAcceptedAt: &now}); err != nil {
			return nil, fmt.Errorf("siège de %s : %w", emails[i], err)
		}
	}
	return emails, nil
}

// evaluate has every juror list their evaluations, save each one's
// complete draft and submit it, clients at a time (one juror per client
// at a time).
func (b *bench) evaluate(ctx context.Context, base string, hc *http.Client, tokens []string, grid *questionnaire.Grid, cp *domain.Campaign, res *juryResult) (int, float64, error) {
	rec, errs := newRecorder(), &errorLog{}
	work := make(chan string)
	var wg sync.WaitGroup
	var mu sync.Mutex
	submitted := 0
	start := time.Now()
	stop := b.prog.run(func(elapsed time.Duration) string {
		mu.Lock()
		n := submitted
		mu.Unlock()
		return fmt.Sprintf("%s évaluations remises · %s/s · %s", frInt(n), frNum(rate(n, elapsed), 1), errorCount(errsCount(errs)))
	})
	for range min(b.cfg.Clients, len(tokens)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for tok := range work {
				br := &browser{hc: hc, base: base, cookies: map[string]string{}, rec: rec, errs: errs, bearer: tok}
				n, err := evaluateAll(ctx, br, grid, cp.AwardScheme)
				mu.Lock()
				submitted += n
				mu.Unlock()
				if err != nil {
					continue
				}
			}
		}()
	}
	for _, tok := range tokens {
		if ctx.Err() != nil {
			break
		}
		work <- tok
	}
	close(work)
	wg.Wait()
	took := time.Since(start)
	stop()
	res.Ops = rec.summary()
	res.Errors, res.FirstErrors = errs.snapshot()
	if res.Errors > 0 {
		return submitted, took.Seconds(), fmt.Errorf("%s en erreur pendant les évaluations", fr.Count(res.Errors, "requête", "requêtes"))
	}
	return submitted, took.Seconds(), nil
}

// evaluateAll is one juror's work: list their evaluations, then for each a
// complete draft (every criterion scored, a level, a confidence) and its
// submission.
func evaluateAll(ctx context.Context, br *browser, grid *questionnaire.Grid, scheme domain.AwardScheme) (int, error) {
	resp, err := br.do(ctx, request{Op: "evaluation_list", Method: http.MethodGet, Path: "/api/v1/jury/evaluations", Want: http.StatusOK})
	if err != nil {
		return 0, err
	}
	var list struct {
		Seats []struct {
			Evaluations []struct {
				ID int64 `json:"id"`
			} `json:"evaluations"`
		} `json:"seats"`
	}
	if err := json.Unmarshal(resp.Body, &list); err != nil {
		return 0, fmt.Errorf("liste des évaluations : %w", err)
	}
	n := 0
	for _, seat := range list.Seats {
		for _, e := range seat.Evaluations {
			path := "/api/v1/evaluations/" + strconv.FormatInt(e.ID, 10)
			if _, err := br.do(ctx, request{Op: "evaluation_save", Method: http.MethodPut, Path: path,
				Body: evaluationBody(grid, e.ID, scheme), ContentType: "application/json", Want: http.StatusOK}); err != nil {
				return n, err
			}
			if _, err := br.do(ctx, request{Op: "evaluation_submit", Method: http.MethodPost, Path: "/api/v1/cycles/evaluation/" + strconv.FormatInt(e.ID, 10) + "/events/remettre",
				Body: []byte("{}"), ContentType: "application/json", Want: http.StatusOK}); err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}

// evaluationBody is a complete evaluation's draft, its figures varied by
// the evaluation's id.
func evaluationBody(grid *questionnaire.Grid, id int64, scheme domain.AwardScheme) []byte {
	scores := map[string]map[string]int{}
	for i, th := range grid.Themes {
		scores[th.Theme] = map[string]int{}
		for j, cr := range th.Criteria {
			scores[th.Theme][cr.Key] = min(th.Max(), 1+(i+j+int(id))%4)
		}
	}
	body, _ := json.Marshal(map[string]any{"scores": scores, "comments": map[string]string{grid.Themes[0].Theme: "Évaluation du banc d’essai."},
		"level": levelFor(scheme, id), "confidence": domain.ConfidenceHigh, "remark": "Poursuivez la démarche.", "draft_version": 0})
	return body
}

// fireAll fires one event on every candidature through the API, as a
// staff token, clients at a time; body gives an event's JSON ("{}" when
// nil).
func fireAll(ctx context.Context, base, token string, hc *http.Client, ids []int64, clients int, event string, body func(int64) string, prog *progress) *apiResult {
	rec, errs := newRecorder(), &errorLog{}
	work := make(chan int64)
	var wg sync.WaitGroup
	var mu sync.Mutex
	fired := 0
	start := time.Now()
	stop := prog.run(func(elapsed time.Duration) string {
		mu.Lock()
		n := fired
		mu.Unlock()
		return fmt.Sprintf("%s %d/%d · %s/s · %s", event, n, len(ids), frNum(rate(n, elapsed), 1), errorCount(errsCount(errs)))
	})
	for range min(clients, max(len(ids), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			br := &browser{hc: hc, base: base, cookies: map[string]string{}, rec: rec, errs: errs, bearer: token}
			for id := range work {
				b := "{}"
				if body != nil {
					b = body(id)
				}
				if _, err := br.do(ctx, request{Op: event, Method: http.MethodPost,
					Path: "/api/v1/candidatures/" + strconv.FormatInt(id, 10) + "/events/" + event,
					Body: []byte(b), ContentType: "application/json", Want: http.StatusOK}); err == nil {
					mu.Lock()
					fired++
					mu.Unlock()
				}
			}
		}()
	}
	for _, id := range ids {
		if ctx.Err() != nil {
			break
		}
		work <- id
	}
	close(work)
	wg.Wait()
	took := time.Since(start)
	stop()
	n, first := errs.snapshot()
	return &apiResult{Calls: len(ids), Seconds: took.Seconds(), PerSec: rate(fired, took), Latency: rec.summary()[event], Errors: n, FirstErrors: first}
}

// levelFor is a level of the label's track, varied by id.
func levelFor(scheme domain.AwardScheme, id int64) int {
	levels := scheme.LevelsFor(domain.TrackLabel)
	if len(levels) == 0 {
		return 0
	}
	return levels[int(id%int64(len(levels)))].Value
}
