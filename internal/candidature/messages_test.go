package candidature_test

import (
	"strings"
	"testing"

	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/demo"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/testdb"
)

// The thread: the collectivité's members and staff write to each other,
// each message mailed to the other side; the collectivité reads
// « Équipe ADULLACT », not which staff member wrote; strangers read
// nothing; bad messages are refused with a French message.
func TestMessageThread(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		staff := &domain.User{Email: "equipe@exemple.fr", Name: "Dominique Équipe", Role: domain.RoleStaff}
		if err := f.st.CreateUser(f.ctx, staff); err != nil {
			t.Fatal(err)
		}
		f.users["staff"] = staff
		cp := f.campaign(t, 2026)
		c, err := f.svc.Create(f.ctx, candidature.CreateRequest{CampaignID: cp.ID, CollectiviteID: f.commune(t, "01001").ID}, f.who("elu"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.PostMessage(f.ctx, f.draft(t, c.ID, "elu"), "Bonjour, une question sur la délibération.", []candidature.MessageFile{{Name: "d.pdf", Data: demo.SamplePDF()}}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.PostMessage(f.ctx, f.draft(t, c.ID, "staff"), "Joignez-la en PDF.", nil); err != nil {
			t.Fatal(err)
		}
		msgs, _, _ := f.st.OutboxMessages(f.ctx, store.OutboxFilter{})
		var toStaff, toElu string
		for _, m := range msgs {
			switch m.Recipient {
			case "equipe@exemple.fr":
				toStaff = m.Body
			case "elu@exemple.fr":
				toElu = m.Body
			}
		}
		if !strings.Contains(toStaff, "Personne elu a écrit") || !strings.Contains(toStaff, "(1\u00a0fichier joint)") || !strings.Contains(toStaff, "/messages") {
			t.Errorf("message to staff:\n%s", toStaff)
		}
		if !strings.Contains(toElu, "Équipe ADULLACT a écrit") || strings.Contains(toElu, "Dominique") {
			t.Errorf("message to the élu:\n%s", toElu)
		}
		thread, err := f.svc.Thread(f.ctx, f.draft(t, c.ID, "elu"))
		if err != nil || len(thread) != 2 || thread[1].AuthorLabel != "Équipe ADULLACT" || len(thread[0].Files) != 1 || thread[0].Files[0].Size == 0 {
			t.Fatalf("thread as the élu: %+v, %v", thread, err)
		}
		if staffThread, _ := f.svc.Thread(f.ctx, f.draft(t, c.ID, "staff")); staffThread[1].AuthorLabel != "Dominique Équipe" {
			t.Errorf("staff reads %q", staffThread[1].AuthorLabel)
		}
		file, err := f.svc.MessageFileOf(f.ctx, f.draft(t, c.ID, "staff"), thread[0].Files[0].ID)
		if err != nil || !strings.HasPrefix(string(file.Data), "%PDF") {
			t.Errorf("file: %v", err)
		}
		if _, err := f.svc.Thread(f.ctx, f.draft(t, c.ID, "autre")); code(err) != domain.EForbidden {
			t.Errorf("a stranger read the thread: %v", err)
		}
		for _, tc := range []struct{ body, want string }{
			{"   \u200b ", "Écrivez votre message."},
			{"bad \xff", "illisibles"},
			{strings.Repeat("a", candidature.MaxMessageLength+1), "la limite est de 10\u202f000\u00a0caractères"},
		} {
			_, err := f.svc.PostMessage(f.ctx, f.draft(t, c.ID, "elu"), tc.body, nil)
			if code(err) != domain.EInvalid || !strings.Contains(domain.ErrorMessage(err), tc.want) {
				t.Errorf("message %q: %v, want %q", tc.body[:min(10, len(tc.body))], err, tc.want)
			}
		}
		if _, err := f.svc.PostMessage(f.ctx, f.draft(t, c.ID, "elu"), "x", []candidature.MessageFile{{Name: "a.exe", Data: []byte("MZ\x90\x00")}}); code(err) != domain.EInvalid {
			t.Errorf("an executable was attached: %v", err)
		}
		if thread, _ := f.svc.Thread(f.ctx, f.draft(t, c.ID, "elu")); len(thread) != 2 {
			t.Errorf("refused messages were stored: %d", len(thread))
		}
	})
}
