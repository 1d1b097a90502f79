package dossier

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/notify"
)

// Attachment renders the attachment an outbox message refers to, for the
// outbox worker (notify.AttachmentFunc). "receipt:<id>" is the
// acknowledgement of receipt of candidature <id>, named
// « accuse-reception-<reference>.pdf ». A reference it does not know, or a
// document that does not exist (candidature gone, or taken back before
// the message left), is a permanent error: retrying cannot help.
func (s *Service) Attachment(ctx context.Context, ref string) (*notify.Attachment, error) {
	kind, arg, _ := strings.Cut(ref, ":")
	id, err := strconv.ParseInt(arg, 10, 64)
	if kind != "receipt" || err != nil || id <= 0 {
		return nil, notify.Permanent(domain.Errorf(domain.EInvalid, "Pièce jointe inconnue : « %s ».", ref))
	}
	sub, data, err := s.receipt(ctx, id)
	if domain.ErrorCode(err) == domain.ENotFound {
		return nil, notify.Permanent(err)
	} else if err != nil {
		return nil, err
	}
	return &notify.Attachment{
		Name:        fmt.Sprintf("accuse-reception-%s.pdf", fileName(sub.data.Candidature.Reference, id)),
		ContentType: "application/pdf",
		Data:        data,
	}, nil
}
