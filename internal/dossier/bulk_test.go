package dossier_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/app/apptest"
	"github.com/adullact/tnl/internal/policy"

	"github.com/uptrace/bun"

	"github.com/adullact/tnl/internal/campaign"
	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/demo"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/questionnaire"
)

// The synthetic campaign of the benchmarks: the default questionnaire and
// one submitted, complete candidature per active collectivité, inserted
// with bulk inserts (the services would take hours for 36 359 of them).

const seedChunk = 500 // candidatures per transaction

// bulkMember is a row of candidature_members, whose store type is private.
type bulkMember struct {
	bun.BaseModel `bun:"table:candidature_members"`

	CandidatureID int64     `bun:"candidature_id"`
	UserID        int64     `bun:"user_id"`
	Role          string    `bun:"role"`
	CreatedAt     time.Time `bun:"created_at"`
}

type collectiviteKey struct {
	ID   int64                   `bun:"id"`
	Kind domain.CollectiviteKind `bun:"kind"`
	Code string                  `bun:"code"`
}

// seedCampaign creates the campaign of year with the default questionnaire
// and a submitted candidature per active collectivité of st: every question
// answered (yes to the yes/no questions, so that the conditional ones show,
// two rows per table), one evidence file per file question, the élu's
// attestation, and an accompagnateur for one candidature in four. It
// returns the campaign and the number of candidatures.
func seedCampaign(tb testing.TB, st *store.Store, year int) (*domain.Campaign, int) {
	tb.Helper()
	ctx := context.Background()
	opens := time.Date(year, 8, 31, 22, 0, 0, 0, time.UTC)
	cp, err := apptest.New(tb, st).Campaigns.Create(ctx, campaign.CreateRequest{Year: year, OpensAt: opens, ClosesAt: opens.AddDate(0, 2, 0)}, policy.Operator("test"))
	if err != nil {
		tb.Fatal(err)
	}
	q, err := questionnaire.Load(cp.Questionnaire, questionnaire.DefaultName)
	if err != nil {
		tb.Fatal(err)
	}
	var colls []collectiviteKey
	if err := st.DB().NewSelect().Model((*domain.Collectivite)(nil)).Column("id", "kind", "code").
		Where("active").Order("id").Scan(ctx, &colls); err != nil {
		tb.Fatal(err)
	}
	helper := &domain.User{Email: fmt.Sprintf("gull-%d@exemple.fr", year), Name: "Alex Libre", Role: domain.RoleMember}
	if err := st.CreateUser(ctx, helper); err != nil {
		tb.Fatal(err)
	}
	for start := 0; start < len(colls); start += seedChunk {
		chunk := colls[start:min(start+seedChunk, len(colls))]
		err := st.DB().RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			return seedChunkOf(ctx, tx, cp, q, chunk, start, helper.ID)
		})
		if err != nil {
			tb.Fatalf("seeding candidatures %d to %d: %v", start, start+len(chunk), err)
		}
	}
	// As after any bulk load (autovacuum would do it on PostgreSQL, later).
	if _, err := st.DB().ExecContext(ctx, "ANALYZE"); err != nil {
		tb.Fatal(err)
	}
	return cp, len(colls)
}

func seedChunkOf(ctx context.Context, tx bun.Tx, cp *domain.Campaign, q *questionnaire.Questionnaire, colls []collectiviteKey, offset int, helperID int64) error {
	created := time.Date(cp.Year, 9, 2, 7, 0, 0, 0, time.UTC)
	users := make([]domain.User, len(colls))
	for i := range colls {
		n := offset + i + 1
		users[i] = domain.User{Email: fmt.Sprintf("elu-%d-%05d@exemple.fr", cp.Year, n), Name: fmt.Sprintf("Élu n° %d", n),
			Role: domain.RoleMember, CreatedAt: created, Version: 1}
	}
	if _, err := tx.NewInsert().Model(&users).Returning("id").Exec(ctx); err != nil {
		return fmt.Errorf("users: %w", err)
	}
	cands := make([]domain.Candidature, len(colls))
	for i, c := range colls {
		n := offset + i + 1
		submitted := created.Add(time.Duration(n) * time.Minute)
		cands[i] = domain.Candidature{
			CampaignID: cp.ID, CollectiviteID: c.ID, Reference: candidature.Reference(cp.Year, &domain.Collectivite{Kind: c.Kind, Code: c.Code}),
			State: domain.Deposee, EluUserID: users[i].ID, EluName: fmt.Sprintf("Camille Dupont-%d", n), EluMandate: "Maire",
			AttestedAt: &submitted, SubmittedAt: &submitted, Mentions: []string{}, CreatedAt: created, UpdatedAt: submitted, Version: 2,
		}
	}
	if _, err := tx.NewInsert().Model(&cands).Returning("id").Exec(ctx); err != nil {
		return fmt.Errorf("candidatures: %w", err)
	}
	members := make([]bulkMember, 0, len(cands)+len(cands)/4)
	for i, c := range cands {
		members = append(members, bulkMember{CandidatureID: c.ID, UserID: c.EluUserID, Role: domain.MemberElu, CreatedAt: created})
		if (offset+i)%4 == 0 {
			members = append(members, bulkMember{CandidatureID: c.ID, UserID: helperID, Role: domain.MemberAccompagnateur, CreatedAt: created.Add(time.Minute)})
		}
	}
	if _, err := tx.NewInsert().Model(&members).Exec(ctx); err != nil {
		return fmt.Errorf("members: %w", err)
	}

	var fileQuestions []*questionnaire.Question
	for _, qu := range q.Questions() {
		if qu.Type == questionnaire.TypeFile {
			fileQuestions = append(fileQuestions, qu)
		}
	}
	data := demo.SamplePDF()
	sum := sha256.Sum256(data)
	evidence := make([]domain.Evidence, 0, len(cands)*len(fileQuestions))
	for _, c := range cands {
		for _, qu := range fileQuestions {
			evidence = append(evidence, domain.Evidence{CandidatureID: c.ID, QuestionKey: qu.Key, Name: "justificatif-" + qu.Key + ".pdf",
				Kind: "pdf", ContentType: "application/pdf", Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:]),
				Data: data, UploadedBy: c.EluUserID, CreatedAt: created})
		}
	}
	if len(evidence) > 0 {
		if _, err := tx.NewInsert().Model(&evidence).Returning("id").Exec(ctx); err != nil {
			return fmt.Errorf("evidence: %w", err)
		}
	}

	answers := make([]domain.Answer, 0, len(cands)*len(q.Questions()))
	for i, c := range cands {
		values := demo.SampleAnswers(q, offset+i)
		for j, qu := range fileQuestions {
			e := evidence[i*len(fileQuestions)+j]
			values[qu.Key], _ = json.Marshal([]questionnaire.FileRef{{ID: e.ID, Name: e.Name, Kind: e.Kind, Size: e.Size, SHA256: e.SHA256}})
		}
		for key, v := range map[string]string{"attestation.elu_nom": c.EluName, "attestation.elu_qualite": c.EluMandate} {
			if q.Question(key) != nil {
				values[key], _ = json.Marshal(v)
			}
		}
		for key, v := range values {
			answers = append(answers, domain.Answer{CandidatureID: c.ID, QuestionKey: key, Value: v, QuestionnaireVersion: q.Version,
				UpdatedBy: c.EluUserID, UpdatedAt: created.Add(time.Duration(len(key)) * time.Second), Version: 1})
		}
	}
	for start := 0; start < len(answers); start += 2000 {
		batch := answers[start:min(start+2000, len(answers))]
		if _, err := tx.NewInsert().Model(&batch).Exec(ctx); err != nil {
			return fmt.Errorf("answers: %w", err)
		}
	}
	return nil
}
