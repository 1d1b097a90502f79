package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/store"
)

// check is one invariant: what was checked, how many cases, the failures.
type check struct {
	name     string
	cases    int
	failures []string
}

func (c *check) fail(format string, args ...any) {
	c.failures = append(c.failures, fmt.Sprintf(format, args...))
}

// check reads the database once the server is stopped and checks every
// invariant.
func (r *runner) check(ctx context.Context) {
	l := &r.ledger
	add := func(c *check) { r.checks = append(r.checks, *c) }

	// Every acknowledged save is there, with its value or a later one sent
	// by a request whose answer was lost.
	c := &check{name: "réponses acquittées présentes avec leur valeur"}
	var answers []domain.Answer
	if err := r.st.DB().NewSelect().Model(&answers).Scan(ctx); err != nil {
		c.fail("lecture des réponses : %v", err)
	}
	byKey := map[answerKey]domain.Answer{}
	for _, a := range answers {
		byKey[answerKey{a.CandidatureID, a.QuestionKey}] = a
	}
	for k, s := range l.saves {
		if s.version == 0 {
			continue // never acknowledged
		}
		c.cases++
		a, ok := byKey[k]
		switch {
		case !ok:
			c.fail("candidature %d, %s : réponse acquittée (version %d) absente", k.cand, k.key, s.version)
		case a.Version < s.version:
			c.fail("candidature %d, %s : version %d en base, %d acquittée", k.cand, k.key, a.Version, s.version)
		case s.mark != "" && a.Version == s.version && !strings.Contains(string(a.Value), s.mark):
			c.fail("candidature %d, %s : valeur %s au lieu de « %s »", k.cand, k.key, a.Value, s.mark)
		case s.mark != "" && a.Version > s.version && !containsAny(string(a.Value), s.since):
			c.fail("candidature %d, %s : valeur %s, ni l’acquittée ni une envoyée depuis", k.cand, k.key, a.Value)
		}
	}
	add(c)

	c = &check{name: "pièces acquittées présentes et entières"}
	var files []domain.Evidence
	if err := r.st.DB().NewSelect().Model(&files).Scan(ctx); err != nil {
		c.fail("lecture des pièces : %v", err)
	}
	bySHA := map[string]domain.Evidence{}
	for _, f := range files {
		bySHA[f.SHA256] = f
		sum := sha256.Sum256(f.Data)
		if hex.EncodeToString(sum[:]) != f.SHA256 || int64(len(f.Data)) != f.Size {
			c.fail("pièce %d à moitié écrite : %d octets, empreinte %s", f.ID, len(f.Data), f.SHA256)
		}
	}
	for _, u := range l.uploads {
		c.cases++
		if f, ok := bySHA[u.sha]; !ok || f.CandidatureID != u.cand {
			c.fail("candidature %d : pièce acquittée %s absente", u.cand, u.sha[:12])
		}
	}
	add(c)

	var cands []domain.Candidature
	if err := r.st.DB().NewSelect().Model(&cands).Order("id").Scan(ctx); err != nil {
		c.fail("lecture des candidatures : %v", err)
	}
	states := map[int64]domain.Candidature{}
	for _, cd := range cands {
		states[cd.ID] = cd
	}
	c = &check{name: "dépôts et recevabilités acquittés présents"}
	for id := range l.deposits {
		c.cases++
		if s := states[id].State; s != domain.Deposee && s != domain.Recevable {
			c.fail("candidature %d : dépôt acquitté, état « %s »", id, s)
		}
		if cd := states[id]; cd.SubmittedAt == nil || cd.SubmittedHash == "" {
			c.fail("candidature %d : déposée sans date ni empreinte de dépôt", id)
		}
	}
	for id := range l.recevables {
		c.cases++
		if s := states[id].State; s != domain.Recevable {
			c.fail("candidature %d : recevabilité acquittée, état « %s »", id, s)
		}
	}
	add(c)

	// State and version against the audit trail, for every subject.
	var trail []domain.AuditEntry
	if err := r.st.DB().NewSelect().Model(&trail).OrderExpr("subject_type, subject_id, seq").Scan(ctx); err != nil {
		c.fail("lecture de l’audit : %v", err)
	}
	type last struct {
		state string
		rows  int
	}
	audit := map[string]map[int64]*last{}
	for _, e := range trail {
		if audit[e.SubjectType] == nil {
			audit[e.SubjectType] = map[int64]*last{}
		}
		a := audit[e.SubjectType][e.SubjectID]
		if a == nil {
			a = &last{}
			audit[e.SubjectType][e.SubjectID] = a
		}
		a.state, a.rows = e.ToState, a.rows+1
	}
	cs := &check{name: "état de chaque sujet = dernière ligne de son audit"}
	cv := &check{name: "version de chaque sujet = nombre de ses lignes d’audit"}
	subject := func(typ string, id int64, state string, version int) {
		cs.cases++
		cv.cases++
		a := audit[typ][id]
		if a == nil {
			cs.fail("%s %d : aucune ligne d’audit", typ, id)
			return
		}
		if a.state != state {
			cs.fail("%s %d : état « %s », dernière ligne d’audit « %s »", typ, id, state, a.state)
		}
		if a.rows != version {
			cv.fail("%s %d : version %d, %d lignes d’audit", typ, id, version, a.rows)
		}
	}
	for _, cd := range cands {
		subject("candidature", cd.ID, cd.State, cd.Version)
	}
	var camps []domain.Campaign
	if err := r.st.DB().NewSelect().Model(&camps).Scan(ctx); err == nil {
		for _, cp := range camps {
			subject("campagne", cp.ID, cp.State, cp.Version)
		}
	}
	add(cs)
	add(cv)

	// Outbox: nothing failed, nothing missing, nothing sent twice but in
	// the unavoidable window of a kill between the relay's acceptance and
	// its record.
	co := &check{name: "courriels : aucun perdu (envoyé ou en attente), aucun en double"}
	var msgs []domain.OutboxMessage
	if err := r.st.DB().NewSelect().Model(&msgs).Scan(ctx); err != nil {
		co.fail("lecture de la boîte d’envoi : %v", err)
	}
	kinds := map[string]int{}
	sentRows, pending := 0, 0
	for _, m := range msgs {
		co.cases++
		if st := store.OutboxStatus(&m, r.st.Now()); st == store.OutboxFailed {
			co.fail("message %d (%s) abandonné : %s", m.ID, m.Kind, m.LastError)
		} else if st == store.OutboxSent {
			sentRows++
		} else {
			pending++
		}
		if id, _, ok := domain.ParseReceiptRef(m.Attachment); ok {
			kinds[fmt.Sprintf("%s/receipt:%d", m.Kind, id)]++
		} else if m.Attachment != "" {
			kinds[m.Kind+"/"+m.Attachment]++
		}
		kinds[m.Kind]++
	}
	for id := range l.deposits {
		if kinds[fmt.Sprintf("accuse_reception/receipt:%d", id)] == 0 {
			co.fail("candidature %d : dépôt acquitté sans accusé de réception dans la boîte d’envoi", id)
		}
	}
	if len(l.recevables) > kinds["recevable"] {
		co.fail("%d recevabilités acquittées, %d courriels « recevable »", len(l.recevables), kinds["recevable"])
	}
	sends := map[int64]int{}
	unavoidable := 0
	for _, lg := range r.logs {
		ids, err := sentIDs(lg.path)
		if err != nil {
			co.fail("journal %s : %v", lg.path, err)
			continue
		}
		for i, id := range ids {
			sends[id]++
			if sends[id] > 1 {
				// The first send must be the last of a killed run.
				if !r.lastSendOfKilledRun(id) {
					co.fail("message %d envoyé deux fois hors de la fenêtre d’un arrêt brutal", id)
				} else {
					unavoidable++
				}
			}
			_ = i
		}
	}
	r.outbox = outboxFigures{rows: len(msgs), sent: sentRows, pending: pending, duplicates: unavoidable}
	add(co)

	ch := &check{name: "aucune ligne à moitié écrite (réponses, dépôts)"}
	for _, a := range answers {
		ch.cases++
		if !json.Valid(a.Value) {
			ch.fail("réponse %d/%s illisible : %q", a.CandidatureID, a.QuestionKey, a.Value)
		}
	}
	for _, cd := range cands {
		ch.cases++
		if (cd.State == domain.Deposee || cd.State == domain.Recevable) && (cd.SubmittedAt == nil || cd.SubmittedHash == "" || cd.AttestedAt == nil) {
			ch.fail("candidature %d déposée sans attestation, date ou empreinte", cd.ID)
		}
	}
	add(ch)

	ca := &check{name: "journal d’audit intègre (tnl audit verify)"}
	rep, err := r.st.VerifyAudit(ctx)
	if err != nil {
		ca.fail("%v", err)
	} else {
		ca.cases = int(rep.Rows)
		for _, p := range rep.Problems {
			ca.fail("%s", p.Message)
		}
	}
	add(ca)
}

// lastSendOfKilledRun reports whether a message's first send is the last
// send logged by a run that was killed: the one message a kill can catch
// between its delivery and its record.
func (r *runner) lastSendOfKilledRun(id int64) bool {
	for _, lg := range r.logs {
		ids, err := sentIDs(lg.path)
		if err != nil || len(ids) == 0 {
			continue
		}
		for i, x := range ids {
			if x == id {
				return lg.killed && i == len(ids)-1
			}
		}
	}
	return false
}

type outboxFigures struct {
	rows, sent, pending, duplicates int
}

func containsAny(s string, marks []string) bool {
	for _, m := range marks {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

// report prints the figures and the invariants, and says whether all held.
func (r *runner) report() bool {
	l := &r.ledger
	fmt.Fprintf(r.out, "  %s, %s en %.1f s : %s acquittées, %s refusées, %s interrompues\n",
		fr.Count(r.kills, "arrêt brutal", "arrêts brutaux"), fr.Count(l.requests, "requête", "requêtes"), r.elapsed.Seconds(),
		fr.Int(l.acked), fr.Int(l.refused), fr.Int(l.interrupted))
	saves := 0
	for _, s := range l.saves {
		if s.version > 0 {
			saves++
		}
	}
	fmt.Fprintf(r.out, "  acquitté : %s, %s, %s, %s ; courriels : %s (%s envoyés, %s en attente, %s)\n",
		fr.Count(saves, "réponse", "réponses"), fr.Count(len(l.uploads), "pièce", "pièces"), fr.Count(len(l.deposits), "dépôt", "dépôts"),
		fr.Count(len(l.recevables), "recevabilité", "recevabilités"), fr.Int(r.outbox.rows), fr.Int(r.outbox.sent), fr.Int(r.outbox.pending),
		fr.Count(r.outbox.duplicates, "doublon dans la fenêtre d’un arrêt", "doublons dans la fenêtre d’un arrêt"))
	ok := true
	for _, c := range r.checks {
		verdict := "ok"
		if len(c.failures) > 0 {
			verdict, ok = "ÉCHEC", false
		}
		fmt.Fprintf(r.out, "  [%s] %s (%s)\n", verdict, c.name, fr.Count(c.cases, "cas", "cas"))
		for i, f := range c.failures {
			if i == 10 {
				fmt.Fprintf(r.out, "        … et %d autres\n", len(c.failures)-10)
				break
			}
			fmt.Fprintf(r.out, "        %s\n", f)
		}
	}
	if r.kills == 0 || l.acked == 0 {
		fmt.Fprintln(r.out, "  [ÉCHEC] l’essai n’a rien prouvé : aucun arrêt ou aucune requête acquittée")
		return false
	}
	return ok
}
