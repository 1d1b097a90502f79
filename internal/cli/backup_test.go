package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/testdb"
)

// tnl backup runs while writes go on; tnl restore puts it into a fresh
// database, where every row committed before the backup began is found,
// whole, with the evidence files and an intact audit trail.
func TestBackupUnderWritesAndRestore(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		if dialect == store.Postgres {
			if _, err := exec.LookPath("pg_dump"); err != nil {
				t.Skip("pg_dump not installed (Debian: apt install postgresql-client)")
			}
		}
		ctx := context.Background()
		src := testdb.URL(t, dialect)
		env := map[string]string{"TNL_DATABASE_URL": src}
		if code, _, stderr := run(t, env, "migrate"); code != 0 {
			t.Fatal(stderr)
		}
		st, err := store.Open(ctx, src)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		cand := backupFixture(t, st)

		// One writer adds evidence files (with an audit row each), one
		// transaction at a time, before, during and after the backup.
		var committed atomic.Int64
		stop := make(chan struct{})
		var wg sync.WaitGroup
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				if err := addEvidence(ctx, st, cand, i); err != nil {
					t.Error(err)
					return
				}
				committed.Store(int64(i + 1))
			}
		})
		for committed.Load() < 20 {
			time.Sleep(5 * time.Millisecond)
		}
		before := committed.Load()
		file := filepath.Join(t.TempDir(), "sauvegarde.tnl")
		code, stdout, stderr := run(t, env, "backup", file)
		after := committed.Load()
		close(stop)
		wg.Wait()
		if code != 0 || !strings.Contains(stdout, "Sauvegarde de") {
			t.Fatalf("backup: %d %q %q", code, stdout, stderr)
		}
		if code, _, stderr := run(t, env, "backup", file); code != 1 || !strings.Contains(stderr, "existe déjà") {
			t.Errorf("second backup to the same file: %d %q", code, stderr)
		}

		dst := testdb.URL(t, dialect)
		denv := map[string]string{"TNL_DATABASE_URL": dst}
		code, stdout, stderr = run(t, denv, "restore", file)
		if code != 0 || !strings.Contains(stdout, "restaurée") || !strings.Contains(stdout, "Intègre") {
			t.Fatalf("restore: %d %q %q", code, stdout, stderr)
		}
		if code, _, stderr := run(t, denv, "restore", file); code != 1 || !strings.Contains(stderr, "vide") && !strings.Contains(stderr, "existe déjà") {
			t.Errorf("restore over a database in use: %d %q", code, stderr)
		}
		rst, err := store.Open(ctx, dst)
		if err != nil {
			t.Fatal(err)
		}
		defer rst.Close()
		var files []domain.Evidence
		if err := rst.DB().NewSelect().Model(&files).Order("id").Scan(ctx); err != nil {
			t.Fatal(err)
		}
		n := int64(len(files))
		if n < before || n > after {
			t.Fatalf("%d files restored, want between %d (committed before the backup) and %d (after)", n, before, after)
		}
		for i, f := range files {
			sum := sha256.Sum256(f.Data)
			if f.Name != fmt.Sprintf("piece-%d.pdf", i) || hex.EncodeToString(sum[:]) != f.SHA256 || int64(len(f.Data)) != f.Size {
				t.Fatalf("file %d restored wrong: %s %d bytes", i, f.Name, len(f.Data))
			}
		}
		trail, err := rst.AuditTrail(ctx, "candidature", cand.ID)
		if err != nil {
			t.Fatal(err)
		}
		if int64(len(trail)) != n {
			t.Errorf("%d audit rows for %d files: the copy is not one snapshot", len(trail), n)
		}
		if _, err := rst.User(ctx, cand.EluUserID); err != nil {
			t.Errorf("the élu's account was not restored: %v", err)
		}
	})
}

// backupFixture writes a candidature with its collectivité, élu and campaign.
func backupFixture(t *testing.T, st *store.Store) *domain.Candidature {
	t.Helper()
	ctx := context.Background()
	err := st.ApplyTerritoryChanges(ctx, &store.TerritoryChanges{Upsert: []domain.Collectivite{{
		Kind: domain.KindCommune, Code: "01001", Name: "L'Abergement-Clémenciat", SearchName: "l abergement clemenciat",
		DepartementCode: "01", RegionCode: "84", Population: 860, PostalCodes: "01400", Active: true, UpdatedAt: st.Now(),
	}}})
	if err != nil {
		t.Fatal(err)
	}
	coll, err := st.CollectiviteByCode(ctx, domain.KindCommune, "01001")
	if err != nil {
		t.Fatal(err)
	}
	elu := &domain.User{Email: "maire@exemple.fr", Name: "Camille Maire"}
	if err := st.CreateUser(ctx, elu); err != nil {
		t.Fatal(err)
	}
	camp := &domain.Campaign{Year: 2026, Title: "Label 2026", State: "ouverte",
		OpensAt: time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC), ClosesAt: time.Date(2026, 10, 15, 22, 0, 0, 0, time.UTC),
		QuestionnaireVersion: "2026.1", QuestionnaireHash: "abc", Questionnaire: []byte("title: x"), AwardScheme: domain.DefaultAwardScheme()}
	if err := st.CreateCampaign(ctx, camp); err != nil {
		t.Fatal(err)
	}
	c := &domain.Candidature{CampaignID: camp.ID, CollectiviteID: coll.ID, Reference: "TNL-2026-COM-01001", State: domain.Brouillon,
		EluUserID: elu.ID, Mentions: []string{}, CreatedAt: st.Now(), UpdatedAt: st.Now(), Version: 1}
	if _, err := st.DB().NewInsert().Model(c).Returning("id").Exec(ctx); err != nil {
		t.Fatal(err)
	}
	return c
}

// addEvidence stores the i-th file and its audit row in one transaction.
func addEvidence(ctx context.Context, st *store.Store, c *domain.Candidature, i int) error {
	data := []byte(fmt.Sprintf("%%PDF-1.4\n%% pièce %d\n%s", i, strings.Repeat("x", 16<<10)))
	sum := sha256.Sum256(data)
	return st.InTx(ctx, func(tx *store.Tx) error {
		e := &domain.Evidence{CandidatureID: c.ID, QuestionKey: "q", Name: fmt.Sprintf("piece-%d.pdf", i), Kind: "pdf", ContentType: "application/pdf",
			Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:]), Data: data, UploadedBy: c.EluUserID, CreatedAt: st.Now()}
		if err := tx.Raw(ctx, e, "INSERT INTO evidence (candidature_id, question_key, name, kind, content_type, size, sha256, data, uploaded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
			e.CandidatureID, e.QuestionKey, e.Name, e.Kind, e.ContentType, e.Size, e.SHA256, e.Data, e.UploadedBy, e.CreatedAt); err != nil {
			return err
		}
		return tx.AddAudit(ctx, &domain.AuditEntry{SubjectType: "candidature", SubjectID: c.ID, Event: "piece", FromState: domain.Brouillon,
			ToState: domain.Brouillon, ActorID: &c.EluUserID, ActorRole: "elu", ActorLabel: "maire@exemple.fr"})
	})
}
