package candidature

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gabriel-vasile/mimetype"

	"github.com/adullact/tnl/internal/cleantext"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/questionnaire"
)

// MaxEvidenceSize is the largest file accepted, whatever the questionnaire says.
const MaxEvidenceSize = 10 << 20

// fileKinds maps detected MIME types to evidence kinds.
var fileKinds = map[string]string{
	"application/pdf":                                "pdf",
	"application/vnd.oasis.opendocument.text":        "odt",
	"application/vnd.oasis.opendocument.spreadsheet": "ods",
	"image/png":  "png",
	"image/jpeg": "jpeg",
}

var kindLabels = map[string]string{"pdf": "PDF", "odt": "ODT (texte)", "ods": "ODS (tableur)", "png": "PNG", "jpeg": "JPEG"}

// DetectKind returns the evidence kind of a file from its content (never
// from its name), or an error in French.
func DetectKind(data []byte) (kind, contentType string, err error) {
	m := mimetype.Detect(data)
	for ; m != nil; m = m.Parent() {
		if k, ok := fileKinds[m.String()]; ok {
			return k, m.String(), nil
		}
	}
	return "", "", domain.Errorf(domain.EInvalid, "Ce fichier n’est ni un PDF, ni un document OpenDocument (ODT, ODS), ni une image PNG ou JPEG : il ne peut pas être joint.")
}

// UploadRequest attaches a file to a file question.
type UploadRequest struct {
	CandidatureID int64
	QuestionKey   string
	Name          string
	Data          []byte
}

// Attach checks a file (size, type by content, kinds and count allowed by
// the question) and stores it with its name, size, checksum and uploader,
// adding it to the question's answer in the same transaction.
// req.CandidatureID is ignored.
func (s *Service) Attach(ctx context.Context, d *Draft, req UploadRequest) (*domain.Evidence, error) {
	es, err := s.AttachAll(ctx, d, []UploadRequest{req})
	if err != nil {
		return nil, err
	}
	return es[0], nil
}

// AttachAll attaches several files to one question, all or none: every
// file is checked first (the first problem is the error, naming the file
// when there are several), then all are stored in one transaction.
func (s *Service) AttachAll(ctx context.Context, d *Draft, reqs []UploadRequest) ([]*domain.Evidence, error) {
	if len(reqs) == 0 {
		return nil, nil
	}
	c, q := d.C, d.Q
	key := reqs[0].QuestionKey
	question, err := s.fileQuestion(d, key)
	if err != nil {
		return nil, err
	}
	var es []*domain.Evidence
	for _, req := range reqs {
		if req.QuestionKey != key {
			return nil, fieldError(req.QuestionKey, domain.EInvalid, "Les fichiers d’un envoi sont pour une seule question.")
		}
		e, err := checkUpload(question, req)
		if err != nil {
			if len(reqs) > 1 {
				if de := domain.AsError(err); de != nil {
					msg := fmt.Sprintf("« %s » : %s Aucun des %d fichiers n’est joint : retirez celui-ci et envoyez les autres de nouveau.", cleantext.StripBidi(filepath.Base(req.Name)), de.Message, len(reqs))
					return nil, fieldError(key, de.Code, msg)
				}
			}
			return nil, err
		}
		e.CandidatureID, e.UploadedBy = c.ID, d.Who.UserID
		es = append(es, e)
	}
	err = s.store.InTx(ctx, func(tx *store.Tx) error {
		cur, err := lockedAnswer(ctx, tx, c.ID, key)
		if err != nil {
			return err
		}
		refs := fileRefs(cur)
		maxFiles := question.MaxFiles
		if maxFiles > 0 && len(refs)+len(es) > maxFiles {
			if len(es) > 1 {
				return fieldError(key, domain.EUnprocessable, fmt.Sprintf("« %s » accepte %s au plus (%d déjà joints) : aucun des %d fichiers n’est joint.",
					question.Label, fr.Count(maxFiles, "fichier", "fichiers"), len(refs), len(es)))
			}
			return fieldError(key, domain.EUnprocessable, fmt.Sprintf("« %s » accepte %s au plus : retirez-en un avant d’en joindre un autre.", question.Label, fr.Count(maxFiles, "fichier", "fichiers")))
		}
		for _, e := range es {
			if err := tx.InsertEvidence(ctx, e); err != nil {
				return err
			}
			refs = append(refs, questionnaire.FileRef{ID: e.ID, Name: e.Name, Kind: e.Kind, Size: e.Size, SHA256: e.SHA256})
		}
		return putFileRefs(ctx, tx, c.ID, key, q.Version, d.Who.UserID, cur, refs)
	})
	if err != nil {
		return nil, err
	}
	return es, nil
}

// checkUpload checks one file for a question: not empty, within the size
// limit, of a kind detected from its content that the question accepts.
func checkUpload(question *questionnaire.Question, req UploadRequest) (*domain.Evidence, error) {
	limit := int64(MaxEvidenceSize)
	if question.MaxSize > 0 && question.MaxSize < limit {
		limit = question.MaxSize
	}
	if len(req.Data) == 0 {
		return nil, fieldError(req.QuestionKey, domain.EInvalid, "Le fichier est vide.")
	}
	if int64(len(req.Data)) > limit {
		return nil, fieldError(req.QuestionKey, domain.ETooLarge, SizeMessage(int64(len(req.Data)), limit))
	}
	kind, contentType, err := DetectKind(req.Data)
	if err != nil {
		return nil, fieldError(req.QuestionKey, domain.EInvalid, domain.ErrorMessage(err))
	}
	if len(question.Kinds) > 0 && !slices.Contains(question.Kinds, kind) {
		labels := make([]string, len(question.Kinds))
		for i, k := range question.Kinds {
			labels[i] = kindLabels[k]
		}
		return nil, fieldError(req.QuestionKey, domain.EInvalid, fmt.Sprintf("Pour « %s », joignez un fichier %s (celui-ci est un %s).",
			question.Label, strings.Join(labels, ", "), kindLabels[kind]))
	}
	sum := sha256.Sum256(req.Data)
	return &domain.Evidence{QuestionKey: req.QuestionKey, Name: cleanFileName(req.Name, kind),
		Kind: kind, ContentType: contentType, Size: int64(len(req.Data)), SHA256: hex.EncodeToString(sum[:]), Data: req.Data}, nil
}

// SizeMessage says that a file is too big: « Le fichier fait 10,5 Mo : la
// limite est de 10 Mo. »
func SizeMessage(size, limit int64) string {
	return fmt.Sprintf("Le fichier fait %s : la limite est de %s.", fr.Size(size), fr.Size(limit))
}

// DeleteEvidence removes a file and its reference in the answer.
func (s *Service) DeleteEvidence(ctx context.Context, d *Draft, evidenceID int64) error {
	e, err := s.store.Evidence(ctx, evidenceID)
	if err != nil || e.CandidatureID != d.C.ID {
		return domain.Errorf(domain.ENotFound, "Pièce justificative introuvable.")
	}
	if _, err := s.fileQuestion(d, e.QuestionKey); err != nil {
		return err
	}
	c, q := d.C, d.Q
	return s.store.InTx(ctx, func(tx *store.Tx) error {
		cur, err := lockedAnswer(ctx, tx, c.ID, e.QuestionKey)
		if err != nil {
			return err
		}
		if err := tx.DeleteEvidence(ctx, e.ID); err != nil {
			return err
		}
		refs := slices.DeleteFunc(fileRefs(cur), func(r questionnaire.FileRef) bool { return r.ID == e.ID })
		return putFileRefs(ctx, tx, c.ID, e.QuestionKey, q.Version, d.Who.UserID, cur, refs)
	})
}

// EvidenceFile returns a file of the draft for download, if the person may
// read the candidature.
func (s *Service) EvidenceFile(ctx context.Context, d *Draft, evidenceID int64) (*domain.Evidence, error) {
	if err := d.may(s.policy, policy.CandidatureRead); err != nil {
		return nil, err
	}
	e, err := s.store.Evidence(ctx, evidenceID)
	if err != nil || e.CandidatureID != d.C.ID {
		return nil, domain.Errorf(domain.ENotFound, "Pièce justificative introuvable.")
	}
	return e, nil
}

// fileQuestion returns the question key of the draft, which must ask for a
// file, if the person may edit the draft.
func (s *Service) fileQuestion(d *Draft, key string) (*questionnaire.Question, error) {
	if err := d.may(s.policy, policy.CandidatureEdit); err != nil {
		return nil, err
	}
	question := d.Q.Question(key)
	if question == nil || question.Type != questionnaire.TypeFile {
		return nil, fieldError(key, domain.EInvalid, fmt.Sprintf("« %s » n’est pas une question qui attend un fichier.", key))
	}
	return question, nil
}

// lockedAnswer locks the candidature against transitions, checks that its
// answers may still change and returns the current answer to the question
// (nil when there is none).
func lockedAnswer(ctx context.Context, tx *store.Tx, id int64, key string) (*domain.Answer, error) {
	state, cur, err := tx.LockAnswer(ctx, id, key)
	if err != nil {
		return nil, err
	}
	if !domain.Editable(state) {
		return nil, domain.Errorf(domain.EUnprocessable, "La candidature est « %s » : ses réponses ne sont plus modifiables. Pour corriger une candidature déposée, l’élu référent doit d’abord la reprendre.",
			candlc.StateLabel(state))
	}
	return cur, nil
}

func fileRefs(a *domain.Answer) []questionnaire.FileRef {
	if a == nil {
		return nil
	}
	var refs []questionnaire.FileRef
	if err := json.Unmarshal(a.Value, &refs); err != nil {
		return nil
	}
	return refs
}

// putFileRefs rewrites a file question's answer, bumping its version so that
// a concurrent edit of the same answer sees a conflict.
func putFileRefs(ctx context.Context, tx *store.Tx, candidatureID int64, key, qv string, by int64, cur *domain.Answer, refs []questionnaire.FileRef) error {
	version := 0
	if cur != nil {
		version = cur.Version
	}
	if len(refs) == 0 {
		if version == 0 {
			return nil
		}
		return tx.DeleteAnswer(ctx, candidatureID, key, version)
	}
	value, err := json.Marshal(refs)
	if err != nil {
		return err
	}
	return tx.PutAnswer(ctx, &domain.Answer{CandidatureID: candidatureID, QuestionKey: key, Value: value, QuestionnaireVersion: qv, UpdatedBy: by}, version)
}

// cleanFileName keeps a safe base name (no path, no control characters nor
// bidirectional controls, which could show « fdp.exe » as « exe.pdf »,
// 120 characters at most) with an extension matching the detected kind.
func cleanFileName(name, kind string) string {
	name = filepath.Base(strings.ReplaceAll(name, `\`, "/"))
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '/' || r == '"' || cleantext.Bidi(r) {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	ext := "." + map[string]string{"jpeg": "jpg"}[kind]
	if ext == "." {
		ext = "." + kind
	}
	base := strings.TrimSuffix(name, filepath.Ext(name))
	if base == "" || base == "." {
		base = "piece-justificative"
	}
	for utf8.RuneCountInString(base) > 120 {
		_, size := utf8.DecodeLastRuneInString(base)
		base = base[:len(base)-size]
	}
	return base + ext
}

func fieldError(key, code, msg string) error {
	return &domain.Error{Code: code, Message: msg, Fields: map[string]string{key: msg}}
}
