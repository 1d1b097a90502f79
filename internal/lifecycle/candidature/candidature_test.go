package candidature_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/testdb"
	"github.com/adullact/tnl/workflow"
)

// override is staff's reason for ending an evaluation whose evaluations
// are missing.
var override = workflow.Input{Comment: "Jury réuni en séance plénière."}

// mandateChecked is staff's check of the élu's mandate, which
// admissibility asks for.
var mandateChecked = workflow.Input{Values: url.Values{"mandat": {"Maire depuis 2020, Répertoire national des élus"}, "mandat_verifie": {"oui"}}}

// path drives a new candidature to a state through allowed transitions.
var path = map[string][]struct {
	event, as string
	in        workflow.Input
}{
	domain.Brouillon:         nil,
	domain.Deposee:           {{"deposer", "elu", submission}},
	domain.Retiree:           {{"deposer", "elu", submission}, {"retirer", "elu", workflow.Input{Comment: "Par erreur"}}},
	domain.Recevable:         {{"deposer", "elu", submission}, {"declarer_recevable", "staff", mandateChecked}},
	domain.Irrecevable:       {{"deposer", "elu", submission}, {"declarer_irrecevable", "staff", workflow.Input{Comment: "Hors délai"}}},
	domain.EnInstruction:     {{"deposer", "elu", submission}, {"declarer_recevable", "staff", mandateChecked}, {"instruire", "staff", workflow.Input{}}},
	domain.ComplementDemande: {{"deposer", "elu", submission}, {"declarer_recevable", "staff", mandateChecked}, {"instruire", "staff", workflow.Input{}}, {"demander_complement", "jury", workflow.Input{Comment: "Pouvez-vous joindre la délibération ?"}}},
	domain.Evaluee:           {{"deposer", "elu", submission}, {"declarer_recevable", "staff", mandateChecked}, {"instruire", "staff", workflow.Input{}}, {"evaluer", "staff", override}},
	domain.Deliberee:         {{"deposer", "elu", submission}, {"declarer_recevable", "staff", mandateChecked}, {"instruire", "staff", workflow.Input{}}, {"evaluer", "staff", override}, {"deliberer", "staff", decision(3, "Belle dynamique.")}},
}

func (f *fixture) reach(state string, complete bool) *domain.Candidature {
	f.t.Helper()
	c := f.candidature(complete)
	for _, step := range path[state] {
		f.mustFire("candidature", c.ID, step.event, step.as, step.in)
	}
	return c
}

func TestCandidatureTransitions(t *testing.T) {
	t.Parallel()
	late := closesAt // the first instant after the deadline
	tests := []struct {
		name       string
		from       string
		incomplete bool
		at         time.Time
		event, as  string
		in         workflow.Input
		wantTo     string // empty when refused
		wantBlock  string
	}{
		{name: "élu submits", from: domain.Brouillon, event: "deposer", as: "elu", in: submission, wantTo: domain.Deposee},
		{name: "GULL member cannot submit", from: domain.Brouillon, event: "deposer", as: "gull", in: submission, wantBlock: "réservé à l’élu référent"},
		{name: "staff cannot submit", from: domain.Brouillon, event: "deposer", as: "staff", in: submission, wantBlock: "réservé à l’élu référent"},
		{name: "stranger cannot submit", from: domain.Brouillon, event: "deposer", as: "stranger", in: submission, wantBlock: "réservé"},
		{name: "submission needs the attestation", from: domain.Brouillon, event: "deposer", as: "elu", in: workflow.Input{Values: url.Values{"elu_name": {"C. Dupont"}}}, wantBlock: "Cochez l’attestation"},
		{name: "submission needs the mandate", from: domain.Brouillon, event: "deposer", as: "elu", in: workflow.Input{Values: url.Values{"attest": {"true"}, "elu_name": {"C. Dupont"}}}, wantBlock: "mandat"},
		{name: "submission needs a complete questionnaire", from: domain.Brouillon, incomplete: true, event: "deposer", as: "elu", in: submission, wantBlock: "pas complet"},
		{name: "no submission after the deadline", from: domain.Brouillon, at: late, event: "deposer", as: "elu", in: submission, wantBlock: "La date limite de dépôt est passée (15 octobre 2026 à 23\u00a0h\u00a059, heure de Paris)"},
		{name: "submission once staff opened the campaign early", from: domain.Brouillon, at: opensAt.Add(-24 * time.Hour), event: "deposer", as: "elu", in: submission, wantTo: domain.Deposee},
		{name: "no submission twice", from: domain.Deposee, event: "deposer", as: "elu", in: submission, wantBlock: "Impossible depuis l’état « Déposée »"},
		{name: "élu takes it back", from: domain.Deposee, event: "corriger", as: "elu", wantTo: domain.Brouillon},
		{name: "GULL member cannot take it back", from: domain.Deposee, event: "corriger", as: "gull", wantBlock: "réservé"},
		{name: "no correction after the deadline", from: domain.Deposee, at: late, event: "corriger", as: "elu", wantBlock: "date limite"},
		{name: "staff declares recevable, the mandate checked", from: domain.Deposee, event: "declarer_recevable", as: "staff", in: mandateChecked, wantTo: domain.Recevable},
		{name: "recevable needs the mandate checked", from: domain.Deposee, event: "declarer_recevable", as: "staff", wantBlock: "Indiquez le mandat de l’élu"},
		{name: "recevable needs the check confirmed", from: domain.Deposee, event: "declarer_recevable", as: "staff", in: workflow.Input{Values: url.Values{"mandat": {"Maire"}}}, wantBlock: "Confirmez avoir vérifié le mandat"},
		{name: "staff reopen a withdrawn candidature", from: domain.Retiree, event: "rouvrir", as: "staff", in: workflow.Input{Comment: "Retrait par erreur, confirmé par téléphone."}, wantTo: domain.Brouillon},
		{name: "reopening needs a reason", from: domain.Retiree, event: "rouvrir", as: "staff", wantBlock: "pourquoi la candidature est rouverte"},
		{name: "the élu cannot reopen", from: domain.Retiree, event: "rouvrir", as: "elu", in: workflow.Input{Comment: "Oups"}, wantBlock: "réservé à l’équipe ADULLACT"},
		{name: "jury cannot declare recevable", from: domain.Deposee, event: "declarer_recevable", as: "jury", wantBlock: "réservé à l’équipe ADULLACT"},
		{name: "élu cannot declare recevable", from: domain.Deposee, event: "declarer_recevable", as: "elu", wantBlock: "réservé"},
		{name: "staff declares irrecevable with a reason", from: domain.Deposee, event: "declarer_irrecevable", as: "staff", in: workflow.Input{Comment: "Dossier hors délai"}, wantTo: domain.Irrecevable},
		{name: "irrecevable needs a reason", from: domain.Deposee, event: "declarer_irrecevable", as: "staff", wantBlock: "motif d’irrecevabilité"},
		{name: "staff starts the review", from: domain.Recevable, event: "instruire", as: "staff", wantTo: domain.EnInstruction},
		{name: "jury cannot start the review", from: domain.Recevable, event: "instruire", as: "jury", wantBlock: "réservé"},
		{name: "jury asks for a complement", from: domain.EnInstruction, event: "demander_complement", as: "jury", in: workflow.Input{Comment: "Quel portail ?"}, wantTo: domain.ComplementDemande},
		{name: "staff asks for a complement", from: domain.EnInstruction, event: "demander_complement", as: "staff", in: workflow.Input{Comment: "Quel portail ?"}, wantTo: domain.ComplementDemande},
		{name: "a complement request needs a question", from: domain.EnInstruction, event: "demander_complement", as: "jury", wantBlock: "question posée"},
		{name: "élu cannot ask for a complement", from: domain.EnInstruction, event: "demander_complement", as: "elu", in: workflow.Input{Comment: "?"}, wantBlock: "réservé"},
		{name: "élu answers the complement", from: domain.ComplementDemande, event: "repondre_complement", as: "elu", in: workflow.Input{Comment: "data.exemple.fr"}, wantTo: domain.EnInstruction},
		{name: "GULL member cannot answer for the élu", from: domain.ComplementDemande, event: "repondre_complement", as: "gull", in: workflow.Input{Comment: "x"}, wantBlock: "réservé"},
		{name: "an answer needs text", from: domain.ComplementDemande, event: "repondre_complement", as: "elu", wantBlock: "votre réponse"},
		{name: "jury cannot end an evaluation without evaluations", from: domain.EnInstruction, event: "evaluer", as: "jury", wantBlock: "Aucune évaluation n’est assignée"},
		{name: "staff ends it with a reason", from: domain.EnInstruction, event: "evaluer", as: "staff", in: override, wantTo: domain.Evaluee},
		{name: "staff cannot end it without a reason", from: domain.EnInstruction, event: "evaluer", as: "staff", wantBlock: "motif de la dérogation"},
		{name: "élu cannot end the evaluation", from: domain.EnInstruction, event: "evaluer", as: "elu", in: override, wantBlock: "réservé à l’équipe ADULLACT ou au jury"},
		{name: "staff records the deliberation", from: domain.Evaluee, event: "deliberer", as: "staff", in: decision(4, "Exemplaire."), wantTo: domain.Deliberee},
		{name: "no level is a decision too", from: domain.Evaluee, event: "deliberer", as: "staff", in: decision(0, "Pas encore."), wantTo: domain.Deliberee},
		{name: "a level must exist in the scheme", from: domain.Evaluee, event: "deliberer", as: "staff", in: decision(9, "x"), wantBlock: "Le niveau « 9 » ne peut pas être attribué"},
		{name: "a deliberation needs a level and a motivation", from: domain.Evaluee, event: "deliberer", as: "staff", wantBlock: "motivation publique"},
		{name: "jury cannot record the deliberation", from: domain.Evaluee, event: "deliberer", as: "jury", in: decision(3, "x"), wantBlock: "réservé"},
		{name: "results wait for the palmarès", from: domain.Deliberee, event: "publier", as: "system", wantBlock: "palmarès"},
		{name: "staff cannot publish one result", from: domain.Deliberee, event: "publier", as: "staff", wantBlock: "réservé à la plateforme"},
		{name: "withdraw a draft", from: domain.Brouillon, event: "retirer", as: "elu", wantTo: domain.Retiree},
		{name: "withdraw a submitted one", from: domain.Deposee, event: "retirer", as: "elu", wantTo: domain.Retiree},
		{name: "withdraw a recevable one", from: domain.Recevable, event: "retirer", as: "elu", wantTo: domain.Retiree},
		{name: "withdraw during review", from: domain.EnInstruction, event: "retirer", as: "elu", wantTo: domain.Retiree},
		{name: "withdraw while a complement is asked", from: domain.ComplementDemande, event: "retirer", as: "elu", wantTo: domain.Retiree},
		{name: "withdraw once evaluated", from: domain.Evaluee, event: "retirer", as: "elu", in: workflow.Input{Comment: "Nous candidaterons l’an prochain."}, wantTo: domain.Retiree},
		{name: "no withdrawal once deliberated", from: domain.Deliberee, event: "retirer", as: "elu", wantBlock: "Impossible depuis l’état « Délibérée »"},
		{name: "no withdrawal once irrecevable", from: domain.Irrecevable, event: "retirer", as: "elu", wantBlock: "Impossible"},
		{name: "GULL member cannot withdraw", from: domain.Brouillon, event: "retirer", as: "gull", wantBlock: "réservé à l’élu référent"},
	}
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				f.t = t
				f.clock.Set(during)
				c := f.reach(tt.from, !tt.incomplete)
				if !tt.at.IsZero() {
					f.clock.Set(tt.at)
				}
				before, version := f.state(c.ID)
				trailBefore, _ := f.st.AuditTrail(f.ctx, "candidature", c.ID)
				tr, err := f.fire(c.ID, tt.event, tt.as, tt.in)
				after, newVersion := f.state(c.ID)
				trail, _ := f.st.AuditTrail(f.ctx, "candidature", c.ID)
				last := trail[len(trail)-1]
				if tt.wantTo != "" {
					if err != nil {
						t.Fatalf("refused: %v %v", err, domain.AsError(err).Details)
					}
					if tr.From != tt.from || tr.To != tt.wantTo || after != tt.wantTo || newVersion != version+1 {
						t.Errorf("transition %+v, stored %s v%d", tr, after, newVersion)
					}
					wantComment := strings.TrimSpace(tt.in.Comment)
					if tt.event == "deliberer" {
						// The decision's summary, never its private note.
						wantComment = "Décision : " + map[string]string{"4": "Niveau 4 — Avancé", "0": "Pas de label"}[tt.in.Value("level")] + "."
					}
					if last.Event != tt.event || last.FromState != tt.from || last.ToState != tt.wantTo || last.ActorLabel != f.actor(tt.as).Email || last.Comment != wantComment &&
						!(tt.event == "declarer_recevable" && strings.HasPrefix(last.Comment, "Mandat de l’élu vérifié : Maire depuis 2020, Répertoire national des élus") && strings.HasSuffix(last.Comment, wantComment)) {
						t.Errorf("audit row %+v", last)
					}
					return
				}
				if domain.ErrorCode(err) != domain.EUnprocessable {
					t.Fatalf("err = %v, want a blocked transition", err)
				}
				if all := strings.Join(domain.AsError(err).Details, " | "); !strings.Contains(all, tt.wantBlock) {
					t.Errorf("blockers %q do not say %q", all, tt.wantBlock)
				}
				if after != before || newVersion != version || len(trail) != len(trailBefore) {
					t.Errorf("a refused transition changed something: %s v%d → %s v%d", before, version, after, newVersion)
				}
			})
		}
	})
}

// Answering a complement hands the candidature back to the jury: its
// questionnaire must be complete again, and answers that became hidden go.
func TestComplementAnswerNeedsACompleteQuestionnaire(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		incomplete := f.reach(domain.ComplementDemande, true)
		if err := f.st.InTx(f.ctx, func(tx *store.Tx) error {
			return tx.DeleteAnswers(f.ctx, incomplete.ID, []string{"general.deliberation_lien"})
		}); err != nil {
			t.Fatal(err)
		}
		_, err := f.fire(incomplete.ID, "repondre_complement", "elu", workflow.Input{Comment: "Voici."})
		if e := domain.AsError(err); e == nil || !strings.Contains(strings.Join(e.Details, " "), "pas complet") {
			t.Fatalf("complement answered on an incomplete questionnaire: %v", err)
		}

		// « No deliberation » hides the link, which goes with the answer.
		c := f.reach(domain.ComplementDemande, true)
		if err := f.st.InTx(f.ctx, func(tx *store.Tx) error {
			return tx.PutAnswer(f.ctx, &domain.Answer{CandidatureID: c.ID, QuestionKey: "general.deliberation",
				Value: json.RawMessage("false"), QuestionnaireVersion: "test.1", UpdatedBy: f.users["elu"].ID}, 1)
		}); err != nil {
			t.Fatal(err)
		}
		f.mustFire("candidature", c.ID, "repondre_complement", "elu", workflow.Input{Comment: "Voici."})
		answers, _ := f.st.Answers(f.ctx, c.ID)
		if len(answers) != 1 || answers[0].QuestionKey != "general.deliberation" {
			t.Errorf("answers after the complement: %+v", answers)
		}
	})
}

func TestSubmissionDropsHiddenAnswersAndRecordsAttestation(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		c := f.candidature(true)
		// The élu changes their mind: no deliberation, so the link is hidden.
		if err := f.st.InTx(f.ctx, func(tx *store.Tx) error {
			return tx.PutAnswer(f.ctx, &domain.Answer{CandidatureID: c.ID, QuestionKey: "general.deliberation", Value: []byte("false"), QuestionnaireVersion: "test.1", UpdatedBy: f.users["elu"].ID}, 1)
		}); err != nil {
			t.Fatal(err)
		}
		// A file attached to the question that is now hidden goes with its
		// answer; one attached to a shown question stays.
		for _, key := range []string{"general.deliberation_lien", "general.deliberation"} {
			if err := f.st.InTx(f.ctx, func(tx *store.Tx) error {
				return tx.InsertEvidence(f.ctx, &domain.Evidence{CandidatureID: c.ID, QuestionKey: key, Name: key + ".pdf", Kind: "pdf",
					ContentType: "application/pdf", Size: 4, SHA256: "x", Data: []byte("%PDF"), UploadedBy: f.users["elu"].ID})
			}); err != nil {
				t.Fatal(err)
			}
		}
		f.mustFire("candidature", c.ID, "deposer", "elu", submission)
		answers, _ := f.st.Answers(f.ctx, c.ID)
		if len(answers) != 1 || answers[0].QuestionKey != "general.deliberation" {
			t.Errorf("answers kept after submission: %+v", answers)
		}
		files, _ := f.st.EvidenceList(f.ctx, c.ID)
		if len(files) != 1 || files[0].QuestionKey != "general.deliberation" {
			t.Errorf("files kept after submission: %+v", files)
		}
		got, _ := f.st.Candidature(f.ctx, c.ID)
		if got.SubmittedAt == nil || !got.SubmittedAt.Equal(during) || got.EluName != "Camille Dupont" || got.EluMandate != "Maire" {
			t.Errorf("submission not recorded: %+v", got)
		}
		f.mustFire("candidature", c.ID, "corriger", "elu", workflow.Input{})
		got, _ = f.st.Candidature(f.ctx, c.ID)
		if got.SubmittedAt != nil {
			t.Errorf("taking it back keeps the submission date %v", got.SubmittedAt)
		}
	})
}

func TestActionsAndBlockers(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "sqlite")
	c := f.candidature(false)
	s, err := f.engine.Load(f.ctx, "candidature", c.ID, f.actor("elu"))
	if err != nil {
		t.Fatal(err)
	}
	actions, err := f.engine.Actions(f.ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]workflow.Action{}
	for _, a := range actions {
		byName[a.Event] = a
	}
	if len(byName) != 2 {
		t.Fatalf("élu sees %d events from a draft, want deposer and retirer: %v", len(byName), byName)
	}
	if byName["deposer"].Allowed() || !strings.Contains(byName["deposer"].Blockers[0].Message, "pas complet") {
		t.Errorf("deposer on an incomplete draft: %+v", byName["deposer"])
	}
	if !byName["retirer"].Allowed() || !byName["retirer"].Show.Secondary || byName["retirer"].Show.Confirm == "" {
		t.Errorf("retirer: %+v", byName["retirer"])
	}
	s, _ = f.engine.Load(f.ctx, "candidature", c.ID, f.actor("gull"))
	if a, _ := f.engine.Actions(f.ctx, s); len(a) != 0 {
		t.Errorf("the GULL member may fire events: %v", a)
	}
	bs, err := f.engine.Blockers(f.ctx, s, "deposer", workflow.Input{})
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, b := range bs {
		codes = append(codes, b.Code)
	}
	if got := strings.Join(codes, ","); got != "role,field,field,field,questionnaire_complet" {
		t.Errorf("blockers for the GULL member: %s (%v)", got, bs)
	}
	if _, err := f.engine.Blockers(f.ctx, s, "voler", workflow.Input{}); domain.ErrorCode(err) != domain.ENotFound {
		t.Errorf("unknown event: %v", err)
	}
}

// The jury's complement question and the élu's answer are messages of the
// candidature's thread.
func TestComplementGoesToTheThread(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		c := f.reach(domain.ComplementDemande, true)
		f.mustFire("candidature", c.ID, "repondre_complement", "elu", workflow.Input{Comment: "Voici le lien."})
		msgs, err := f.st.Messages(f.ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(msgs) != 2 || msgs[0].Kind != domain.MessageQuestion || msgs[0].Body != "Pouvez-vous joindre la délibération ?" || msgs[0].AuthorRole != "jury" ||
			msgs[1].Kind != domain.MessageAnswer || msgs[1].Body != "Voici le lien." || msgs[1].AuthorRole != "elu" {
			t.Errorf("thread %+v", msgs)
		}
	})
}
