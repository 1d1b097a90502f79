package notify

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"testing"
	"time"
)

// parsed is a message read back with net/mail and mime/multipart.
type parsed struct {
	header      mail.Header
	subject     string
	contentType string
	body        string // decoded text part
	attachments []Attachment
}

func parseMessage(t *testing.T, raw []byte) parsed {
	t.Helper()
	for i, line := range strings.Split(string(raw), "\r\n") {
		if len(line) > 998 {
			t.Errorf("line %d is %d bytes long", i, len(line))
		}
	}
	if bytes.Contains(bytes.ReplaceAll(raw, []byte("\r\n"), nil), []byte("\n")) {
		t.Error("bare LF in message")
	}
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	p := parsed{header: msg.Header}
	if p.subject, err = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject")); err != nil {
		t.Fatalf("subject: %v", err)
	}
	mediaType, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	p.contentType = mediaType
	if mediaType != "multipart/mixed" {
		p.body = readPart(t, msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), msg.Body)
		return p
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for i := 0; ; i++ {
		part, err := mr.NextRawPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			p.body = readPart(t, part.Header.Get("Content-Type"), part.Header.Get("Content-Transfer-Encoding"), part)
			continue
		}
		if cte := part.Header.Get("Content-Transfer-Encoding"); cte != "base64" {
			t.Errorf("attachment encoded as %q", cte)
		}
		disp, dparams, err := mime.ParseMediaType(part.Header.Get("Content-Disposition"))
		if err != nil || disp != "attachment" {
			t.Errorf("disposition %q: %v", part.Header.Get("Content-Disposition"), err)
		}
		ct, _, err := mime.ParseMediaType(part.Header.Get("Content-Type"))
		if err != nil {
			t.Fatal(err)
		}
		data := readPart(t, part.Header.Get("Content-Type"), "base64", part)
		p.attachments = append(p.attachments, Attachment{Name: dparams["filename"], ContentType: ct, Data: []byte(data)})
	}
	return p
}

// readPart checks a text part's charset and decodes it.
func readPart(t *testing.T, contentType, cte string, r io.Reader) string {
	t.Helper()
	raw, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	mediaType, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasPrefix(mediaType, "text/") && params["charset"] != "utf-8" {
		t.Errorf("text part in charset %q", params["charset"])
	}
	var dec io.Reader
	switch cte {
	case "quoted-printable":
		for _, line := range strings.Split(string(raw), "\r\n") {
			if len(line) > 76 {
				t.Errorf("quoted-printable line of %d characters", len(line))
			}
		}
		dec = quotedPrintableReader(raw)
	case "base64":
		for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\r\n") {
			if len(line) > 76 {
				t.Errorf("base64 line of %d characters", len(line))
			}
		}
		dec = base64Reader(raw)
	default:
		t.Fatalf("unexpected transfer encoding %q", cte)
	}
	out, err := io.ReadAll(dec)
	if err != nil {
		t.Fatalf("decoding %s: %v", cte, err)
	}
	return string(out)
}

func TestBuildMessage(t *testing.T) {
	t.Parallel()
	from := &mail.Address{Name: fromName, Address: "label@adullact.org"}
	to := &mail.Address{Address: "maire@example.fr"}
	date := time.Date(2026, 10, 8, 22, 0, 0, 0, time.UTC)
	pdf := []byte("%PDF-1.7\n" + strings.Repeat("\x00\xff binaire ", 200))
	longBody := "Bonjour Camille,\n\nLa candidature de L’Abergement-Clémenciat n’est pas encore déposée. " +
		strings.Repeat("Une très longue ligne de texte accentué à couper proprement. ", 6) +
		"\n.\nUne ligne seule avec un point au-dessus.\r\nFin — merci !"

	tests := []struct {
		name            string
		msg             Message
		wantContentType string
		wantSubject     string
		wantBody        string
		wantAttachments []Attachment
	}{
		{
			name:            "French text only",
			msg:             Message{Subject: "Accusé de réception — candidature de L’Abergement-Clémenciat au label 2026 (référence TNL-2026-COM-01001)", Body: longBody},
			wantContentType: "text/plain",
			wantSubject:     "Accusé de réception — candidature de L’Abergement-Clémenciat au label 2026 (référence TNL-2026-COM-01001)",
			wantBody:        strings.ReplaceAll(strings.ReplaceAll(longBody, "\r\n", "\n"), "\n", "\r\n"),
		},
		{
			name: "with attachments",
			msg: Message{Subject: "Accusé de réception", Body: "Voir la pièce jointe.\n", Attachments: []Attachment{
				{Name: "accusé-réception-TNL-2026.pdf", ContentType: "application/pdf", Data: pdf},
				{Name: "../../etc/notes.txt", ContentType: "", Data: []byte("é")},
			}},
			wantContentType: "multipart/mixed",
			wantSubject:     "Accusé de réception",
			wantBody:        "Voir la pièce jointe.\r\n",
			wantAttachments: []Attachment{
				{Name: "accusé-réception-TNL-2026.pdf", ContentType: "application/pdf", Data: pdf},
				{Name: "notes.txt", ContentType: "application/octet-stream", Data: []byte("é")},
			},
		},
		{
			name:            "header injection in the subject",
			msg:             Message{Subject: "Rappel\r\nBcc: espion@example.com\nX-Evil: 1", Body: "x"},
			wantContentType: "text/plain",
			wantSubject:     "Rappel Bcc: espion@example.com X-Evil: 1",
			wantBody:        "x",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw, err := buildMessage(from, to, tt.msg, date)
			if err != nil {
				t.Fatal(err)
			}
			p := parseMessage(t, raw)
			if p.contentType != tt.wantContentType {
				t.Errorf("content type %q, want %q", p.contentType, tt.wantContentType)
			}
			if p.subject != tt.wantSubject {
				t.Errorf("subject %q, want %q", p.subject, tt.wantSubject)
			}
			if p.body != tt.wantBody {
				t.Errorf("body %q, want %q", p.body, tt.wantBody)
			}
			if len(p.attachments) != len(tt.wantAttachments) {
				t.Fatalf("%d attachments, want %d", len(p.attachments), len(tt.wantAttachments))
			}
			for i, want := range tt.wantAttachments {
				got := p.attachments[i]
				if got.Name != want.Name || got.ContentType != want.ContentType || !bytes.Equal(got.Data, want.Data) {
					t.Errorf("attachment %d: %q %q %d bytes, want %q %q %d bytes", i, got.Name, got.ContentType, len(got.Data), want.Name, want.ContentType, len(want.Data))
				}
			}
			for _, h := range []string{"Bcc", "X-Evil"} {
				if v := p.header.Get(h); v != "" {
					t.Errorf("injected header %s: %q", h, v)
				}
			}
			fromAddr, err := p.header.AddressList("From")
			if err != nil || len(fromAddr) != 1 || fromAddr[0].Name != "Label Territoire Numérique Libre" || fromAddr[0].Address != "label@adullact.org" {
				t.Errorf("From = %v, %v", fromAddr, err)
			}
			toAddr, err := p.header.AddressList("To")
			if err != nil || len(toAddr) != 1 || toAddr[0].Address != "maire@example.fr" {
				t.Errorf("To = %v, %v", toAddr, err)
			}
			if d, err := p.header.Date(); err != nil || !d.Equal(date) {
				t.Errorf("Date = %v, %v", d, err)
			}
			if id := p.header.Get("Message-ID"); !strings.HasPrefix(id, "<") || !strings.HasSuffix(id, "@adullact.org>") {
				t.Errorf("Message-ID = %q", id)
			}
			if p.header.Get("MIME-Version") != "1.0" || p.header.Get("Auto-Submitted") != "auto-generated" {
				t.Errorf("MIME-Version %q, Auto-Submitted %q", p.header.Get("MIME-Version"), p.header.Get("Auto-Submitted"))
			}
		})
	}

	t.Run("unique Message-ID", func(t *testing.T) {
		a, _ := buildMessage(from, to, Message{Subject: "a", Body: "a"}, date)
		b, _ := buildMessage(from, to, Message{Subject: "a", Body: "a"}, date)
		ma, _ := mail.ReadMessage(bytes.NewReader(a))
		mb, _ := mail.ReadMessage(bytes.NewReader(b))
		if ma.Header.Get("Message-ID") == mb.Header.Get("Message-ID") {
			t.Error("two messages share a Message-ID")
		}
	})
	t.Run("invalid content type", func(t *testing.T) {
		_, err := buildMessage(from, to, Message{Attachments: []Attachment{{Name: "x", ContentType: "pas un type"}}}, date)
		if err == nil || !strings.Contains(err.Error(), "type de contenu") {
			t.Errorf("err = %v", err)
		}
	})
}

func quotedPrintableReader(raw []byte) io.Reader {
	return quotedprintable.NewReader(bytes.NewReader(raw))
}

// base64Reader decodes base64 split in lines (the decoder skips CR and LF).
func base64Reader(raw []byte) io.Reader {
	return base64.NewDecoder(base64.StdEncoding, bytes.NewReader(raw))
}
