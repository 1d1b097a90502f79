package dossier

import (
	"bytes"
	"context"
	"fmt"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/notify"
)

// Attachment renders the attachment an outbox message refers to, for the
// outbox worker (notify.AttachmentFunc). "receipt:<id>:<snapshot>" is the
// acknowledgement of receipt of one deposit of candidature <id>, rendered
// from the snapshot taken at the deposit (domain.ReceiptSnapshot): it does
// not depend on the candidature's state and can always be sent. The older
// "receipt:<id>" renders the candidature's current deposit; when there is
// none (taken back before the message left) the error is retried, the
// élu may deposit again. Only a reference it cannot read is permanent.
func (s *Service) Attachment(ctx context.Context, ref string) (*notify.Attachment, error) {
	id, snap, ok := domain.ParseReceiptRef(ref)
	if !ok {
		return nil, notify.Permanent(domain.Errorf(domain.EInvalid, "Pièce jointe inconnue : « %s ».", ref))
	}
	var data []byte
	var err error
	reference := ""
	if snap != nil {
		reference = snap.Reference
		data, err = render(func(buf *bytes.Buffer) error { return s.renderer.Receipt(buf, receiptOf(snap)) })
	} else {
		var sub *subject
		sub, data, err = s.receipt(ctx, id)
		if err == nil {
			reference = sub.data.Candidature.Reference
		}
	}
	if err != nil {
		return nil, err
	}
	return &notify.Attachment{
		Name:        fmt.Sprintf("accuse-reception-%s.pdf", fileName(reference, id)),
		ContentType: "application/pdf",
		Data:        data,
	}, nil
}
