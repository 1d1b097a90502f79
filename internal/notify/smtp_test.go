package notify

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"io"
	"math/big"
	"net"
	"net/mail"
	"net/textproto"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeSMTP is a minimal SMTP server for tests: EHLO, optional STARTTLS or
// implicit TLS, optional AUTH PLAIN, MAIL, RCPT (refusing some recipients),
// DATA, RSET, NOOP, QUIT.
type fakeSMTP struct {
	ln          net.Listener
	tls         *tls.Config // nil: no TLS at all
	implicitTLS bool
	user, pass  string            // empty: no AUTH offered
	reject      map[string]string // recipient → reply
	hang        bool              // never answer after the greeting

	mu       sync.Mutex
	received []received
	wg       sync.WaitGroup
}

type received struct {
	from, to string
	data     []byte
	tls      bool
	authUser string
}

func startFakeSMTP(t *testing.T, f *fakeSMTP) *fakeSMTP {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if f.implicitTLS {
		ln = tls.NewListener(ln, f.tls)
	}
	f.ln = ln
	f.wg.Go(func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			f.wg.Go(func() { f.serve(conn) })
		}
	})
	t.Cleanup(func() { ln.Close(); f.wg.Wait() })
	return f
}

func (f *fakeSMTP) port() string {
	_, port, _ := net.SplitHostPort(f.ln.Addr().String())
	return port
}

func (f *fakeSMTP) messages() []received {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]received(nil), f.received...)
}

func (f *fakeSMTP) serve(conn net.Conn) {
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	tp := textproto.NewConn(conn)
	_, secure := conn.(*tls.Conn)
	reply := func(format string, args ...any) { tp.PrintfLine(format, args...) }
	reply("220 fake ESMTP")
	if f.hang {
		io.Copy(io.Discard, conn)
		return
	}
	var cur received
	authUser := ""
	for {
		line, err := tp.ReadLine()
		if err != nil {
			return
		}
		verb, arg, _ := strings.Cut(line, " ")
		switch strings.ToUpper(verb) {
		case "EHLO", "HELO":
			ext := []string{"fake", "8BITMIME"}
			if f.tls != nil && !secure {
				ext = append(ext, "STARTTLS")
			}
			if f.user != "" {
				ext = append(ext, "AUTH PLAIN")
			}
			for i, e := range ext {
				sep := "-"
				if i == len(ext)-1 {
					sep = " "
				}
				reply("250%s%s", sep, e)
			}
		case "STARTTLS":
			reply("220 go ahead")
			tc := tls.Server(conn, f.tls)
			if err := tc.Handshake(); err != nil {
				return
			}
			conn, secure = tc, true
			tp = textproto.NewConn(conn)
		case "AUTH":
			raw, _ := strings.CutPrefix(arg, "PLAIN ")
			b, err := base64.StdEncoding.DecodeString(raw)
			parts := strings.Split(string(b), "\x00")
			if err != nil || len(parts) != 3 || parts[1] != f.user || parts[2] != f.pass {
				reply("535 5.7.8 authentication failed")
				continue
			}
			authUser = parts[1]
			reply("235 2.7.0 ok")
		case "MAIL":
			if f.user != "" && authUser == "" {
				reply("530 5.7.0 authentication required")
				continue
			}
			cur = received{from: addrArg(arg), tls: secure, authUser: authUser}
			reply("250 ok")
		case "RCPT":
			to := addrArg(arg)
			if r, ok := f.reject[to]; ok {
				reply("%s", r)
				continue
			}
			cur.to = to
			reply("250 ok")
		case "DATA":
			reply("354 go on")
			data, err := tp.ReadDotBytes()
			if err != nil {
				return
			}
			// The dot reader turns CRLF into LF: restore the wire form.
			cur.data = bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))
			f.mu.Lock()
			f.received = append(f.received, cur)
			f.mu.Unlock()
			reply("250 queued")
		case "RSET", "NOOP":
			reply("250 ok")
		case "QUIT":
			reply("221 bye")
			return
		default:
			reply("502 unknown command")
		}
	}
}

// addrArg reads the address of "FROM:<a@b> BODY=8BITMIME".
func addrArg(arg string) string {
	_, rest, _ := strings.Cut(arg, "<")
	addr, _, _ := strings.Cut(rest, ">")
	return addr
}

// selfSigned returns a server certificate for 127.0.0.1 and a client TLS
// configuration trusting it.
func selfSigned(t *testing.T) (server, client *tls.Config) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "fake smtp"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, DNSNames: []string{"localhost"},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}},
		&tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
}

func TestSMTPSender(t *testing.T) {
	t.Parallel()
	serverTLS, clientTLS := selfSigned(t)
	msg := Message{
		To: "Maire@Example.FR", Subject: "Rappel : la candidature de L’Abergement-Clémenciat n’est pas encore déposée",
		Body:        "Bonjour,\n.\nLigne après un point seul.\n",
		Attachments: []Attachment{{Name: "accusé.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.7 é")}},
	}
	tests := []struct {
		name      string
		server    *fakeSMTP
		url       func(port string) string
		trust     bool // client trusts the test certificate
		remote    bool // treat 127.0.0.1 as a remote relay (STARTTLS applies)
		timeout   time.Duration
		wantErr   string // substring; "" for success
		permanent bool
		wantTLS   bool
		wantAuth  string
	}{
		{
			name:   "local relay without TLS or authentication",
			server: &fakeSMTP{},
			url:    func(p string) string { return "smtp://127.0.0.1:" + p + "?from=label@adullact.org" },
		},
		{
			name:   "STARTTLS offered and used, then AUTH PLAIN",
			server: &fakeSMTP{tls: serverTLS, user: "label", pass: "s3cr3t:é"},
			url: func(p string) string {
				return "smtp://label:s3cr3t%3A%C3%A9@127.0.0.1:" + p + "?from=label@adullact.org"
			},
			trust: true, remote: true, wantTLS: true, wantAuth: "label",
		},
		{
			name:    "local relay offering STARTTLS with a self-signed certificate",
			server:  &fakeSMTP{tls: serverTLS, user: "label", pass: "pw"},
			url:     func(p string) string { return "smtp://label:pw@127.0.0.1:" + p + "?from=label@adullact.org" },
			wantTLS: false, wantAuth: "label",
		},
		{
			name:   "implicit TLS",
			server: &fakeSMTP{tls: serverTLS, implicitTLS: true, user: "label", pass: "pw"},
			url:    func(p string) string { return "smtps://label:pw@127.0.0.1:" + p + "?from=label@adullact.org" },
			trust:  true, wantTLS: true, wantAuth: "label",
		},
		{
			name:    "untrusted certificate",
			server:  &fakeSMTP{tls: serverTLS},
			url:     func(p string) string { return "smtp://127.0.0.1:" + p + "?from=label@adullact.org" },
			remote:  true,
			wantErr: "STARTTLS",
		},
		{
			name:   "wrong password",
			server: &fakeSMTP{tls: serverTLS, user: "label", pass: "pw"},
			url:    func(p string) string { return "smtp://label:faux@127.0.0.1:" + p + "?from=label@adullact.org" },
			trust:  true, remote: true,
			wantErr: "535",
		},
		{
			name:    "recipient refused for good",
			server:  &fakeSMTP{reject: map[string]string{"Maire@Example.FR": "550 5.1.1 no such user"}},
			url:     func(p string) string { return "smtp://127.0.0.1:" + p + "?from=label@adullact.org" },
			wantErr: "550", permanent: true,
		},
		{
			name:    "recipient deferred",
			server:  &fakeSMTP{reject: map[string]string{"Maire@Example.FR": "451 4.3.0 try later"}},
			url:     func(p string) string { return "smtp://127.0.0.1:" + p + "?from=label@adullact.org" },
			wantErr: "451",
		},
		{
			name:    "server that never answers",
			server:  &fakeSMTP{hang: true},
			url:     func(p string) string { return "smtp://127.0.0.1:" + p + "?from=label@adullact.org" },
			timeout: 300 * time.Millisecond,
			wantErr: "timeout",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := startFakeSMTP(t, tt.server)
			s, err := NewSMTPSender(tt.url(srv.port()), "")
			if err != nil {
				t.Fatal(err)
			}
			if tt.trust {
				s.tlsConfig = clientTLS
			}
			if tt.remote {
				s.plainLocal = false
			}
			ctx := context.Background()
			if tt.timeout > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, tt.timeout)
				defer cancel()
			}
			start := time.Now()
			err = s.Send(ctx, msg)
			if tt.timeout > 0 && time.Since(start) > 5*tt.timeout {
				t.Errorf("Send took %v despite a %v deadline", time.Since(start), tt.timeout)
			}
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one mentioning %q", err, tt.wantErr)
				}
				if IsPermanent(err) != tt.permanent {
					t.Errorf("permanent = %v, want %v (%v)", IsPermanent(err), tt.permanent, err)
				}
				if got := srv.messages(); len(got) != 0 {
					t.Errorf("server received %d messages after an error", len(got))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := srv.messages()
			if len(got) != 1 {
				t.Fatalf("server received %d messages, want 1", len(got))
			}
			r := got[0]
			if r.from != "label@adullact.org" || r.to != "Maire@Example.FR" || r.tls != tt.wantTLS || r.authUser != tt.wantAuth {
				t.Errorf("envelope from %q to %q, tls %v, auth %q", r.from, r.to, r.tls, r.authUser)
			}
			p := parseMessage(t, r.data)
			if p.subject != msg.Subject || p.body != "Bonjour,\r\n.\r\nLigne après un point seul.\r\n" {
				t.Errorf("subject %q, body %q", p.subject, p.body)
			}
			if len(p.attachments) != 1 || p.attachments[0].Name != "accusé.pdf" || string(p.attachments[0].Data) != "%PDF-1.7 é" {
				t.Errorf("attachments = %+v", p.attachments)
			}
		})
	}

	t.Run("cancelled context", func(t *testing.T) {
		srv := startFakeSMTP(t, &fakeSMTP{hang: true})
		s, err := NewSMTPSender("smtp://127.0.0.1:"+srv.port()+"?from=label@adullact.org", "")
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(200*time.Millisecond, cancel)
		start := time.Now()
		if err := s.Send(ctx, msg); err == nil {
			t.Fatal("sent through a server that never answers")
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("cancellation took %v", d)
		}
	})
	t.Run("unreadable recipient", func(t *testing.T) {
		s, err := NewSMTPSender("smtp://127.0.0.1:1?from=label@adullact.org", "")
		if err != nil {
			t.Fatal(err)
		}
		for _, to := range []string{"", "pas une adresse", "a@b.fr\r\nRCPT TO:<x@y.fr>"} {
			if err := s.Send(context.Background(), Message{To: to, Subject: "s", Body: "b"}); !IsPermanent(err) {
				t.Errorf("To %q: err = %v, want a permanent error", to, err)
			}
		}
	})
	t.Run("password over clear text refused", func(t *testing.T) {
		// 127.0.0.2 is loopback on Linux but not one of the names net/smtp
		// trusts with a clear-text password.
		ln, err := net.Listen("tcp", "127.0.0.2:0")
		if err != nil {
			t.Skipf("no 127.0.0.2 here: %v", err)
		}
		ln.Close()
		srv := &fakeSMTP{user: "label", pass: "pw"}
		srv.ln, err = net.Listen("tcp", "127.0.0.2:0")
		if err != nil {
			t.Skip(err)
		}
		srv.wg.Go(func() {
			for {
				conn, err := srv.ln.Accept()
				if err != nil {
					return
				}
				srv.wg.Go(func() { srv.serve(conn) })
			}
		})
		t.Cleanup(func() { srv.ln.Close(); srv.wg.Wait() })
		s, err := NewSMTPSender("smtp://label:pw@127.0.0.2:"+srv.port()+"?from=label@adullact.org", "")
		if err != nil {
			t.Fatal(err)
		}
		err = s.Send(context.Background(), msg)
		if err == nil || !strings.Contains(err.Error(), "mot de passe en clair") {
			t.Errorf("err = %v", err)
		}
	})
}

func TestNewSMTPSender(t *testing.T) {
	t.Parallel()
	tests := []struct {
		url, from string
		wantErr   string // substring of the French message; "" for success
		wantDesc  string
		wantFrom  string
	}{
		{url: "smtp://user:pass@smtp.example.org:587?from=label@adullact.org",
			wantDesc: "smtp://user@smtp.example.org:587 (expéditeur label@adullact.org)", wantFrom: "Label Territoire Numérique Libre <label@adullact.org>"},
		{url: "smtps://user:pass@smtp.example.org?from=label@adullact.org", wantDesc: "smtps://user@smtp.example.org:465 (expéditeur label@adullact.org)"},
		{url: "smtp://localhost?from=label@adullact.org", wantDesc: "smtp://localhost:25 (expéditeur label@adullact.org)"},
		{url: "smtp://[::1]:2525/?from=label@adullact.org", wantDesc: "smtp://[::1]:2525 (expéditeur label@adullact.org)"},
		{url: "smtp://relay:25", from: "Label TNL <tnl@adullact.org>", wantFrom: "Label TNL <tnl@adullact.org>"},
		{url: "smtp://relay:25?from=ignored@example.org", from: "tnl@adullact.org", wantDesc: "smtp://relay:25 (expéditeur tnl@adullact.org)"},
		{url: "http://relay?from=a@b.fr", wantErr: "schéma « http » non reconnu"},
		{url: "relay.example.org:25", wantErr: "non reconnu"},
		{url: "smtp://?from=a@b.fr", wantErr: "nom d’hôte manquant"},
		{url: "smtp://relay:0?from=a@b.fr", wantErr: "port « 0 » invalide"},
		{url: "smtp://relay:99999?from=a@b.fr", wantErr: "port « 99999 » invalide"},
		{url: "smtp://relay", wantErr: "adresse d’expéditeur manquante"},
		{url: "smtp://relay?from=pas-une-adresse", wantErr: "adresse d’expéditeur « pas-une-adresse » illisible"},
		{url: "smtp://relay?from=a@b.fr&tls=off", wantErr: "paramètre « tls » inconnu"},
		{url: "smtp://relay/chemin?from=a@b.fr", wantErr: "seuls l’hôte"},
		{url: "smtp://:motdepasse@relay?from=a@b.fr", wantErr: "identifiant vide"},
		{url: "smtp://user:mot de%zzpasse@relay?from=a@b.fr", wantErr: "TNL_SMTP_URL invalide"},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			s, err := NewSMTPSender(tt.url, tt.from)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.HasPrefix(err.Error(), "TNL_SMTP_URL invalide") {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				for _, secret := range []string{"motdepasse", "zzpasse"} {
					if strings.Contains(err.Error(), secret) {
						t.Errorf("error %q leaks the password", err)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tt.wantDesc != "" && s.String() != tt.wantDesc {
				t.Errorf("String() = %q, want %q", s.String(), tt.wantDesc)
			}
			if tt.wantFrom != "" {
				// The header form, read back.
				got, err := mail.ParseAddress(s.from.String())
				if err != nil || got.Name+" <"+got.Address+">" != tt.wantFrom {
					t.Errorf("from = %v (%v), want %q", got, err, tt.wantFrom)
				}
			}
			if strings.Contains(s.String(), "pass") {
				t.Errorf("String() %q leaks the password", s.String())
			}
		})
	}
}

// TestNewWorkerConfig checks that a bad TNL_SMTP_URL stops the server at start.
func TestNewWorkerConfig(t *testing.T) {
	t.Parallel()
	if _, err := New(nil, Config{Mail: testMail()}, nil, nil); err == nil {
		t.Error("nil store accepted")
	}
	st := openStore(t)
	if _, err := New(st, Config{Mail: testMail(), SMTPURL: "smtp://relay"}, nil, nil); err == nil ||
		!strings.Contains(err.Error(), "TNL_SMTP_URL invalide : adresse d’expéditeur manquante") {
		t.Errorf("err = %v", err)
	}
	if _, err := New(st, Config{SMTPURL: "smtp://relay?from=a@b.fr"}, nil, nil); err == nil || !strings.Contains(err.Error(), "mailer") {
		t.Errorf("missing mailer: err = %v", err)
	}
	w, err := New(st, Config{Mail: testMail(), SMTPURL: "smtp://relay?from=a@b.fr"}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := w.sender.(*SMTPSender); !ok || w.mail.BaseURL() != "https://label.example.org" || w.interval != 2*time.Second || w.reminderInterval != 10*time.Minute {
		t.Errorf("worker = %+v", w)
	}
	w, err = New(st, Config{Mail: testMail()}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := w.sender.(LogSender); !ok {
		t.Errorf("sender without TNL_SMTP_URL = %T, want LogSender", w.sender)
	}
}
