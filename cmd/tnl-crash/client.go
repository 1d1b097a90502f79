package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/adullact/tnl/internal/demo"
	"github.com/adullact/tnl/internal/domain"
	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"
	"github.com/adullact/tnl/questionnaire"
)

// evidenceKey is the file question every candidature answers with a PDF.
const evidenceKey = "strategie.deliberation_preuve"

// plan is what the clients send: every answer of a complete candidature
// (as the pages' autosave sends them), the text questions that take the
// marked values, and the PDF.
type plan struct {
	saves []save
	texts []*questionnaire.Question
	pdf   []byte
}

type save struct {
	Key  string
	Form url.Values
}

func newPlan(q *questionnaire.Questionnaire) (*plan, error) {
	p := &plan{pdf: demo.SamplePDF()}
	answers := demo.SampleAnswers(q, 1)
	for _, question := range q.Questions() {
		raw, ok := answers[question.Key]
		if !ok || question.Type == questionnaire.TypeFile || candlc.IsAttestation(question) {
			continue
		}
		p.saves = append(p.saves, save{Key: question.Key, Form: url.Values(question.FormValues(raw))})
		if question.Type == questionnaire.TypeLongText || question.Type == questionnaire.TypeText {
			p.texts = append(p.texts, question)
		}
	}
	if len(p.saves) == 0 || len(p.texts) == 0 || q.Question(evidenceKey) == nil {
		return nil, fmt.Errorf("questionnaire inattendu : %d réponses, %d questions de texte", len(p.saves), len(p.texts))
	}
	return p, nil
}

// ledger is what the server acknowledged, and what it may have done
// without saying so (interrupted requests).
type ledger struct {
	mu          sync.Mutex
	requests    int
	acked       int
	refused     int
	interrupted int
	saves       map[answerKey]*answerState
	uploads     []upload
	deposits    map[int64]bool
	recevables  map[int64]bool
}

type answerKey struct {
	cand int64
	key  string
}

// answerState: the last acknowledged save of an answer (its version and
// its mark, for the marked text values) and the marks sent since, whose
// outcome is unknown.
type answerState struct {
	version int
	mark    string
	since   []string
}

type upload struct {
	cand int64
	sha  string
}

func (l *ledger) count(outcome int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.requests++
	switch outcome {
	case outcomeAcked:
		l.acked++
	case outcomeRefused:
		l.refused++
	default:
		l.interrupted++
	}
}

func (l *ledger) save(k answerKey, mark string, version int, acked bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.saves == nil {
		l.saves = map[answerKey]*answerState{}
	}
	s := l.saves[k]
	if s == nil {
		s = &answerState{}
		l.saves[k] = s
	}
	if acked {
		s.version, s.mark, s.since = version, mark, nil
	} else if mark != "" {
		s.since = append(s.since, mark)
	}
}

func (l *ledger) ackDeposit(id int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.deposits == nil {
		l.deposits = map[int64]bool{}
	}
	l.deposits[id] = true
}

func (l *ledger) ackRecevable(id int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.recevables == nil {
		l.recevables = map[int64]bool{}
	}
	l.recevables[id] = true
}

// Outcomes of a request.
const (
	outcomeAcked       = iota // the expected 2xx or 303
	outcomeRefused            // another answer of the server (4xx): nothing written
	outcomeInterrupted        // no answer, or a 5xx: written or not, unknown
)

// client is one applicant's browser.
type client struct {
	r       *runner
	a       applicant
	rng     *rand.Rand
	hc      *http.Client
	cookies map[string]string
	marks   int
}

func newClient(r *runner, a applicant, rng *rand.Rand) *client {
	return &client{r: r, a: a, rng: rng, cookies: map[string]string{},
		hc: &http.Client{Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

type reply struct {
	status   int
	location string
	body     []byte
}

// send sends one request and sorts its outcome.
func (c *client) send(ctx context.Context, method, path string, body []byte, contentType string, want int, bearer string) (*reply, int) {
	req, err := http.NewRequestWithContext(ctx, method, "http://"+c.r.addr+path, bytes.NewReader(body))
	if err != nil {
		return nil, outcomeRefused
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	var cs []string
	for k, v := range c.cookies {
		cs = append(cs, k+"="+v)
	}
	if len(cs) > 0 {
		req.Header.Set("Cookie", strings.Join(cs, "; "))
	}
	if method != http.MethodGet {
		req.Header.Set("X-CSRF-Token", c.cookies["__Host-tnl_csrf"])
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		c.r.ledger.count(outcomeInterrupted)
		return nil, outcomeInterrupted
	}
	data, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		c.r.ledger.count(outcomeInterrupted)
		return nil, outcomeInterrupted
	}
	for _, ck := range resp.Cookies() {
		if ck.MaxAge >= 0 && ck.Value != "" {
			c.cookies[ck.Name] = ck.Value
		}
	}
	rep := &reply{status: resp.StatusCode, location: resp.Header.Get("Location"), body: data}
	outcome := outcomeRefused
	switch {
	case resp.StatusCode == want:
		outcome = outcomeAcked
	case resp.StatusCode >= 500:
		outcome = outcomeInterrupted
	}
	c.r.ledger.count(outcome)
	return rep, outcome
}

// pause waits a little between two requests, or while the server is down.
func (c *client) pause(ctx context.Context, maxMS int) {
	select {
	case <-time.After(time.Duration(c.rng.IntN(maxMS+1)) * time.Millisecond):
	case <-ctx.Done():
	}
}

const formType = "application/x-www-form-urlencoded"

func (c *client) run(ctx context.Context, killed *atomic.Bool, deposited chan<- int64) {
	if !c.signIn(ctx) {
		return
	}
	for _, coll := range c.a.Collectivites {
		if ctx.Err() != nil || killed.Load() {
			return
		}
		id := c.create(ctx, coll)
		if id == 0 {
			return
		}
		c.fill(ctx, id)
		c.upload(ctx, id)
		if c.deposit(ctx, id) {
			select {
			case deposited <- id:
			default:
			}
		}
	}
}

func (c *client) signIn(ctx context.Context) bool {
	for ctx.Err() == nil {
		if _, o := c.send(ctx, http.MethodGet, "/connexion", nil, "", http.StatusOK, ""); o != outcomeAcked {
			c.pause(ctx, 200)
			continue
		}
		form := url.Values{"email": {c.a.Email}, "password": {password}}
		if _, o := c.send(ctx, http.MethodPost, "/connexion", []byte(form.Encode()), formType, http.StatusSeeOther, ""); o == outcomeAcked {
			return true
		}
		c.pause(ctx, 200)
	}
	return false
}

// create opens the candidature of a collectivité, or finds the one an
// interrupted request created.
func (c *client) create(ctx context.Context, coll int64) int64 {
	for ctx.Err() == nil {
		form := url.Values{"collectivite": {strconv.FormatInt(coll, 10)}}
		rep, o := c.send(ctx, http.MethodPost, "/candidatures", []byte(form.Encode()), formType, http.StatusSeeOther, "")
		if o == outcomeAcked {
			if rest, ok := strings.CutPrefix(rep.location, "/candidatures/"); ok {
				rest, _, _ = strings.Cut(rest, "?")
				if id, err := strconv.ParseInt(rest, 10, 64); err == nil {
					return id
				}
			}
		}
		var ids []int64
		if err := c.r.st.DB().NewSelect().TableExpr("candidatures").Column("id").Where("collectivite_id = ?", coll).Scan(ctx, &ids); err == nil && len(ids) == 1 {
			return ids[0]
		}
		c.pause(ctx, 200)
	}
	return 0
}

// fill saves every answer once, with marked values saved to text
// questions in between, one request at a time, each retried until the
// server answers.
func (c *client) fill(ctx context.Context, id int64) {
	prefix := "/candidatures/" + strconv.FormatInt(id, 10) + "/reponses/"
	for _, s := range c.r.plan.saves {
		c.saveOne(ctx, prefix, id, s.Key, s.Form, "")
		if c.rng.IntN(3) == 0 {
			q := c.r.plan.texts[c.rng.IntN(len(c.r.plan.texts))]
			c.marks++
			mark := fmt.Sprintf("crash %s n%d", strings.TrimSuffix(c.a.Email, "@crash.tnl.test"), c.marks)
			raw, _ := json.Marshal(mark)
			c.saveOne(ctx, prefix, id, q.Key, url.Values(q.FormValues(raw)), mark)
		}
	}
}

func (c *client) saveOne(ctx context.Context, prefix string, id int64, key string, form url.Values, mark string) {
	for ctx.Err() == nil {
		f := url.Values{}
		for k, v := range form {
			f[k] = v
		}
		// The version the page shows: the stored one (an answer taken
		// from the account exists from the creation; a save the server
		// may have made before it was killed counts). Only this client
		// writes this candidature's answers.
		var version int
		if err := c.r.st.DB().NewSelect().Table("answers").Column("version").
			Where("candidature_id = ? AND question_key = ?", id, key).Scan(ctx, &version); err != nil && !errors.Is(err, sql.ErrNoRows) {
			c.pause(ctx, 200)
			continue
		}
		f.Set("version", strconv.Itoa(version))
		rep, o := c.send(ctx, http.MethodPost, prefix+url.PathEscape(key), []byte(f.Encode()), formType, http.StatusOK, "")
		switch o {
		case outcomeAcked:
			var res struct{ Version int }
			json.Unmarshal(rep.body, &res) //nolint:errcheck // a zero version still counts as present
			c.r.ledger.save(answerKey{id, key}, mark, res.Version, true)
			c.pause(ctx, 5)
			return
		case outcomeRefused:
			return // nothing written: the server said why (e.g. deposited meanwhile)
		}
		c.r.ledger.save(answerKey{id, key}, mark, 0, false)
		c.pause(ctx, 200)
	}
}

// upload attaches a PDF unique to this candidature.
func (c *client) upload(ctx context.Context, id int64) {
	pdf := append(append([]byte{}, c.r.plan.pdf...), []byte(fmt.Sprintf("\n%% crash %d\n", id))...)
	sum := sha256.Sum256(pdf)
	sha := hex.EncodeToString(sum[:])
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	w.WriteField("question", evidenceKey) //nolint:errcheck // in memory
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="fichier"; filename="deliberation.pdf"`)
	h.Set("Content-Type", "application/pdf")
	part, _ := w.CreatePart(h)
	part.Write(pdf) //nolint:errcheck // in memory
	w.Close()
	for ctx.Err() == nil {
		_, o := c.send(ctx, http.MethodPost, "/candidatures/"+strconv.FormatInt(id, 10)+"/pieces", buf.Bytes(), w.FormDataContentType(), http.StatusSeeOther, "")
		if o == outcomeAcked {
			c.r.ledger.mu.Lock()
			c.r.ledger.uploads = append(c.r.ledger.uploads, upload{id, sha})
			c.r.ledger.mu.Unlock()
			return
		}
		if o == outcomeRefused || c.hasFile(ctx, id) {
			return
		}
		c.pause(ctx, 200)
	}
}

func (c *client) hasFile(ctx context.Context, id int64) bool {
	n, err := c.r.st.DB().NewSelect().TableExpr("evidence").Where("candidature_id = ?", id).Count(ctx)
	return err == nil && n > 0
}

func (c *client) state(ctx context.Context, id int64) string {
	var s []string
	c.r.st.DB().NewSelect().TableExpr("candidatures").Column("state").Where("id = ?", id).Scan(ctx, &s) //nolint:errcheck // "" on error
	if len(s) == 1 {
		return s[0]
	}
	return ""
}

// deposit deposits the candidature with the élu's attestation, and
// reports whether it is deposited (acknowledged, or found so after an
// interrupted request).
func (c *client) deposit(ctx context.Context, id int64) bool {
	form := url.Values{"elu_name": {"Camille Dupont"}, "elu_mandate": {"Maire"}, "attest": {"oui"}, "version": {"0"}}
	for ctx.Err() == nil {
		rep, o := c.send(ctx, http.MethodPost, "/candidatures/"+strconv.FormatInt(id, 10)+"/depot", []byte(form.Encode()), formType, http.StatusSeeOther, "")
		if o == outcomeAcked && strings.Contains(rep.location, "ok=candidature.deposer") {
			c.r.ledger.ackDeposit(id)
			return true
		}
		if st := c.state(ctx, id); st != "" && st != domain.Brouillon {
			return true
		}
		if o == outcomeRefused {
			return false
		}
		c.pause(ctx, 200)
	}
	return false
}

// staff declares the deposited candidatures recevable through the API.
func (r *runner) staff(ctx context.Context, queue <-chan int64) {
	c := newClient(r, applicant{}, rand.New(rand.NewPCG(uint64(r.seed), 0)))
	for id := range queue {
		for ctx.Err() == nil {
			_, o := c.send(ctx, http.MethodPost, "/api/v1/candidatures/"+strconv.FormatInt(id, 10)+"/events/declarer_recevable",
				[]byte(`{"comment": "Dossier complet.", "mandat": "Maire, vérifié au Répertoire national des élus", "mandat_verifie": true}`), "application/json", http.StatusOK, r.token)
			if o == outcomeAcked {
				r.ledger.ackRecevable(id)
				break
			}
			if o == outcomeRefused || c.state(ctx, id) == domain.Recevable {
				break
			}
			c.pause(ctx, 200)
		}
	}
}
