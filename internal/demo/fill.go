package demo

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/jury"
	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/questionnaire"
)

// FillDomain is the address domain of the accounts « tnl demo fill »
// creates: a campaign whose candidatures' élus all have such addresses
// holds no real candidature.
const FillDomain = "demo.tnl.invalid"

// FillRequest asks for a synthetic campaign: N recevable candidatures of
// real collectivités with plausible answers and M jurors whose declared
// links put about ConflictRate of the (candidature, juror) pairs in
// conflict of interest.
type FillRequest struct {
	Campaign     *domain.Campaign
	Candidatures int
	Jurors       int
	ConflictRate float64
	Seed         uint64
	// Force fills a campaign that holds real candidatures.
	Force bool
}

// FillResult says what a fill wrote.
type FillResult struct {
	Candidatures, Jurors, Answers int
	ConflictPairs                 int
	ConflictRate                  float64
	Seconds                       float64
}

// Fill inserts a synthetic campaign in bulk, for the jury's load tests and
// demonstrations: it is a benchmark and demo tool, never for real data.
// Candidatures go to collectivités that have none in the campaign, drawn
// by the seed; their answers are plausible and valid (file questions left
// unanswered), their automatic score stored; the jurors are seated with
// the charter accepted on their behalf.
func Fill(ctx context.Context, st *store.Store, qs *questionnaire.Cache, req FillRequest) (*FillResult, error) {
	t0 := time.Now()
	cp := req.Campaign
	if req.Candidatures < 0 || req.Jurors < 0 || req.ConflictRate < 0 || req.ConflictRate >= 1 {
		return nil, domain.Errorf(domain.EInvalid, "Nombres de candidatures et de jurés positifs, taux de conflits de 0 à 1 (exclu).")
	}
	elus, err := st.CampaignElus(ctx, cp.ID)
	if err != nil {
		return nil, err
	}
	real := 0
	for _, email := range elus {
		if !strings.HasSuffix(email, "@"+FillDomain) {
			real++
		}
	}
	if real > 0 && !req.Force {
		return nil, domain.Errorf(domain.EUnprocessable, "La campagne %d contient %s : « tnl demo fill » ne la remplit qu’avec --force.", cp.Year,
			fr.Count(real, "candidature réelle", "candidatures réelles"))
	}
	q, err := qs.Get(cp.QuestionnaireHash, cp.Questionnaire, cp.QuestionnaireName())
	if err != nil {
		return nil, err
	}
	colls, err := st.CollectivitesOfKinds(ctx, domain.Kinds...)
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(req.Seed, req.Seed^0x5bd1e995))
	var free []domain.Collectivite
	for _, c := range colls {
		if _, taken := elus[c.ID]; !taken && c.Active {
			free = append(free, c)
		}
	}
	slices.SortFunc(free, func(a, b domain.Collectivite) int { return cmp.Compare(a.ID, b.ID) })
	rng.Shuffle(len(free), func(i, j int) { free[i], free[j] = free[j], free[i] })
	if req.Candidatures > len(free) {
		return nil, domain.Errorf(domain.EUnprocessable, "Seulement %s sans candidature dans la campagne %d.", fr.Count(len(free), "collectivité", "collectivités"), cp.Year)
	}
	chosen := free[:req.Candidatures]
	res := &FillResult{Candidatures: len(chosen), Jurors: req.Jurors}
	now := st.Now()
	rows := make([]store.FillCandidature, len(chosen))
	for i := range chosen {
		c := &chosen[i]
		answers := PlausibleAnswers(q, rng)
		kept := q.Prune(answers)
		var as []domain.Answer
		for _, k := range sortedKeys(kept) {
			as = append(as, domain.Answer{QuestionKey: k, Value: kept[k], QuestionnaireVersion: q.Version})
		}
		res.Answers += len(as)
		rows[i] = store.FillCandidature{
			EluEmail: fmt.Sprintf("elu-%s-%s@%s", c.Kind, strings.ToLower(c.Code), FillDomain), EluName: "Élu de " + c.Name,
			Candidature: domain.Candidature{CampaignID: cp.ID, CollectiviteID: c.ID, Reference: candidatureReference(cp.Year, c),
				State: domain.Recevable, EluName: "Élu de " + c.Name, EluMandate: "Maire", AttestedAt: &now, SubmittedAt: &now},
			Answers: as,
			Score:   candlc.ScoreOf(q, kept, c, 0),
		}
	}
	if err := st.FillCandidatures(ctx, rows); err != nil {
		return nil, err
	}
	if err := fillJurors(ctx, st, cp, chosen, req, rng, res); err != nil {
		return nil, err
	}
	res.Seconds = time.Since(t0).Seconds()
	return res, nil
}

// candidatureReference is candidature.Reference, which this package cannot
// import (a peer service): TNL-2026-COM-01053.
func candidatureReference(year int, c *domain.Collectivite) string {
	abbr := map[domain.CollectiviteKind]string{domain.KindCommune: "COM", domain.KindEPCI: "EPCI", domain.KindDepartement: "DEP",
		domain.KindRegion: "REG", domain.KindAutre: "AUT"}[c.Kind]
	return fmt.Sprintf("TNL-%d-%s-%s", year, abbr, c.Code)
}

// fillJurors seats the jurors; each one's links are communes among the
// candidatures, added until their conflict zone covers the rate asked.
func fillJurors(ctx context.Context, st *store.Store, cp *domain.Campaign, chosen []domain.Collectivite, req FillRequest, rng *rand.Rand, res *FillResult) error {
	if req.Jurors == 0 {
		return nil
	}
	users := make([]domain.User, req.Jurors)
	now := st.Now()
	for i := range users {
		users[i] = domain.User{Email: fmt.Sprintf("jure-%03d@%s", i+1, FillDomain), Name: fmt.Sprintf("Juré n° %d", i+1), EmailVerifiedAt: &now}
	}
	ids, err := st.FillUsers(ctx, users)
	if err != nil {
		return err
	}
	var t *jury.Territory
	inCampaign := map[int64]bool{}
	var communes []int64
	for _, c := range chosen {
		inCampaign[c.ID] = true
		if c.Kind == domain.KindCommune {
			communes = append(communes, c.ID)
		}
	}
	target := int(req.ConflictRate * float64(len(chosen)))
	if target > 0 {
		if t, err = jury.LoadTerritory(ctx, st); err != nil {
			return err
		}
	}
	return st.InTx(ctx, func(tx *store.Tx) error {
		for _, u := range users {
			uid := ids[u.Email]
			if err := tx.PutJuryMember(ctx, &store.JuryMember{CampaignID: cp.ID, UserID: uid, Seat: domain.SeatMember,
				Organisation: "Démonstration", CharterAcceptedAt: &now}); err != nil {
				return err
			}
			if target == 0 || len(communes) == 0 {
				continue
			}
			var links, zone []int64
			covered := 0
			for tries := 0; covered < target && tries < 10*target+50; tries++ {
				links = append(links, communes[rng.IntN(len(communes))])
				zone = t.Zone(links)
				covered = 0
				for _, id := range zone {
					if inCampaign[id] {
						covered++
					}
				}
			}
			res.ConflictPairs += covered
			if err := tx.SetJuryLinks(ctx, cp.ID, uid, links, zone); err != nil {
				return err
			}
		}
		if n := len(chosen) * req.Jurors; n > 0 {
			res.ConflictRate = float64(res.ConflictPairs) / float64(n)
		}
		return nil
	})
}

func sortedKeys(a questionnaire.Answers) []string {
	keys := make([]string, 0, len(a))
	for k := range a {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// PlausibleAnswers returns valid, varied answers to q, drawn by rng: yes or
// no, options, numbers within bounds, short texts, a few table rows; file
// questions stay unanswered (no evidence is stored).
func PlausibleAnswers(q *questionnaire.Questionnaire, rng *rand.Rand) questionnaire.Answers {
	out := questionnaire.Answers{}
	seed := rng.IntN(1000)
	for _, question := range q.Questions() {
		var v any
		switch question.Type {
		case questionnaire.TypeYesNo:
			v = rng.Float64() < 0.65
		case questionnaire.TypeChoice:
			v = question.Options[rng.IntN(len(question.Options))].Value
		case questionnaire.TypeMultiChoice:
			var picked []string
			for _, o := range question.Options {
				if rng.Float64() < 0.4 {
					picked = append(picked, o.Value)
				}
			}
			if len(picked) == 0 {
				picked = []string{question.Options[0].Value}
			}
			v = picked
		case questionnaire.TypeInteger, questionnaire.TypeDecimal, questionnaire.TypePercentage:
			lo, hi := 0.0, 100.0
			if question.Min != nil {
				lo = *question.Min
			}
			if question.Max != nil {
				hi = min(*question.Max, lo+200)
			}
			f := lo + rng.Float64()*(hi-lo)
			if question.Type == questionnaire.TypeInteger {
				f = float64(int(f))
			}
			v = f
		case questionnaire.TypeFile:
			continue
		default:
			if raw := sampleValue(question, seed); raw != nil {
				out[question.Key] = raw
			}
			continue
		}
		raw, err := json.Marshal(v)
		if err == nil {
			if norm, problems := q.ValidateAnswer(question.Key, raw); len(problems) == 0 {
				out[question.Key] = norm
			}
		}
	}
	return out
}
