package notify

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
	"time"
)

// fromName is the display name of the platform's messages.
const fromName = "Label Territoire Numérique Libre"

// buildMessage renders m as an RFC 5322 message in UTF-8: encoded-word
// subject, quoted-printable text body and, with attachments, a
// multipart/mixed body whose parts after the first are base64.
func buildMessage(from, to *mail.Address, m Message, date time.Time) ([]byte, error) {
	msgID, err := messageID(from.Address)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	header := func(name, value string) { fmt.Fprintf(&b, "%s: %s\r\n", name, value) }
	header("From", from.String())
	header("To", to.String())
	header("Subject", encodeHeader(m.Subject))
	header("Date", date.Format(time.RFC1123Z))
	header("Message-ID", msgID)
	header("MIME-Version", "1.0")
	// RFC 3834: tells auto-responders not to answer.
	header("Auto-Submitted", "auto-generated")

	if len(m.Attachments) == 0 {
		header("Content-Type", "text/plain; charset=utf-8")
		header("Content-Transfer-Encoding", "quoted-printable")
		b.WriteString("\r\n")
		if err := writeQP(&b, m.Body); err != nil {
			return nil, err
		}
		return b.Bytes(), nil
	}

	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	header("Content-Type", mime.FormatMediaType("multipart/mixed", map[string]string{"boundary": mw.Boundary()}))
	b.WriteString("\r\n")
	text, err := mw.CreatePart(textproto.MIMEHeader{
		"Content-Type":              {"text/plain; charset=utf-8"},
		"Content-Transfer-Encoding": {"quoted-printable"},
	})
	if err != nil {
		return nil, err
	}
	if err := writeQP(text, m.Body); err != nil {
		return nil, err
	}
	for _, a := range m.Attachments {
		h, err := attachmentHeader(a)
		if err != nil {
			return nil, err
		}
		part, err := mw.CreatePart(h)
		if err != nil {
			return nil, err
		}
		if err := writeBase64(part, a.Data); err != nil {
			return nil, err
		}
	}
	if err := mw.Close(); err != nil {
		return nil, err
	}
	b.Write(body.Bytes())
	return b.Bytes(), nil
}

// encodeHeader encodes a free-text header value as RFC 2047 encoded-words
// when needed, folded between words. Line breaks in the value become spaces,
// so that no value can add a header.
func encodeHeader(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.ReplaceAll(mime.QEncoding.Encode("utf-8", s), "?= =?", "?=\r\n =?")
}

func attachmentHeader(a Attachment) (textproto.MIMEHeader, error) {
	name := cleanFilename(a.Name)
	ct := a.ContentType
	if ct == "" {
		ct = "application/octet-stream"
	}
	mediaType, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return nil, fmt.Errorf("pièce jointe « %s » : type de contenu « %s » invalide : %w", name, ct, err)
	}
	params["name"] = name
	return textproto.MIMEHeader{
		"Content-Type":              {mime.FormatMediaType(mediaType, params)},
		"Content-Disposition":       {mime.FormatMediaType("attachment", map[string]string{"filename": name})},
		"Content-Transfer-Encoding": {"base64"},
	}, nil
}

// cleanFilename keeps the last path element of name, without control
// characters, or "piece-jointe" when nothing is left.
func cleanFilename(name string) string {
	name = strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return -1
		}
		return r
	}, name)
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	if name = strings.TrimSpace(name); name == "" || name == "." || name == ".." {
		return "piece-jointe"
	}
	return name
}

// writeQP writes text as quoted-printable with CRLF line breaks.
func writeQP(w io.Writer, text string) error {
	qp := quotedprintable.NewWriter(w)
	if _, err := io.WriteString(qp, strings.ReplaceAll(text, "\r\n", "\n")); err != nil {
		return err
	}
	return qp.Close()
}

// writeBase64 writes data in base64 lines of 76 characters.
func writeBase64(w io.Writer, data []byte) error {
	enc := base64.StdEncoding.EncodeToString(data)
	for len(enc) > 0 {
		n := min(76, len(enc))
		if _, err := io.WriteString(w, enc[:n]+"\r\n"); err != nil {
			return err
		}
		enc = enc[n:]
	}
	return nil
}

// messageID returns a unique Message-ID in the sender's domain.
func messageID(from string) (string, error) {
	domain := "localhost"
	if i := strings.LastIndexByte(from, '@'); i >= 0 && i < len(from)-1 {
		domain = from[i+1:]
	}
	var r [16]byte
	if _, err := rand.Read(r[:]); err != nil {
		return "", fmt.Errorf("message-id: %w", err)
	}
	return fmt.Sprintf("<%s@%s>", hex.EncodeToString(r[:]), domain), nil
}
