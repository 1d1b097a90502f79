package notify

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/smtp"
	"net/textproto"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

// defaultSMTPTimeout bounds one delivery when the context has no deadline.
const defaultSMTPTimeout = 2 * time.Minute

// SMTPSender delivers messages through an SMTP relay with net/smtp, one
// connection per message.
type SMTPSender struct {
	host        string
	addr        string // host:port
	implicitTLS bool
	plainLocal  bool // relay on this machine: no STARTTLS, see NewSMTPSender
	user        string
	auth        smtp.Auth
	from        *mail.Address
	tlsConfig   *tls.Config // base TLS settings; ServerName is set per connection
	now         func() time.Time
}

// NewSMTPSender reads a relay URL, the value of TNL_SMTP_URL:
//
//	smtp://utilisateur:mot-de-passe@smtp.example.org:587?from=label@adullact.org
//	smtps://utilisateur:mot-de-passe@smtp.example.org?from=label@adullact.org
//	smtp://localhost:25?from=label@adullact.org
//
// smtp:// upgrades the connection with STARTTLS whenever the server offers
// it, and refuses to send a password in clear text to any host but the local
// machine; smtps:// speaks TLS from the start (port 465 by default, 25 for
// smtp://). The certificate is always verified. A relay on the local machine
// (localhost, 127.0.0.1, ::1) is spoken to in clear text over smtp://: the
// traffic does not leave the machine, and such relays often offer STARTTLS
// with a self-signed certificate (Debian's postfix does) that would fail
// verification. The sender address comes
// from the from parameter unless from is given; a bare address gets the
// display name « Label Territoire Numérique Libre ».
func NewSMTPSender(rawURL, from string) (*SMTPSender, error) {
	fail := func(format string, args ...any) error {
		return fmt.Errorf("TNL_SMTP_URL invalide : "+format, args...)
	}
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		// url.Error repeats the URL, password included: keep only its cause.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fail("%w (attendu : smtp://utilisateur:mot-de-passe@hôte:587?from=adresse)", err)
	}
	s := &SMTPSender{now: time.Now, tlsConfig: &tls.Config{MinVersion: tls.VersionTLS12}}
	port := "25"
	switch u.Scheme {
	case "smtp":
	case "smtps":
		s.implicitTLS, port = true, "465"
	default:
		return nil, fail("schéma « %s » non reconnu (attendu : smtp:// ou smtps://)", u.Scheme)
	}
	if u.Opaque != "" || (u.Path != "" && u.Path != "/") || u.Fragment != "" {
		return nil, fail("seuls l’hôte, le port, l’identifiant et le paramètre from sont attendus")
	}
	if s.host = u.Hostname(); s.host == "" {
		return nil, fail("nom d’hôte manquant")
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return nil, fail("port « %s » invalide", p)
		}
		port = p
	}
	s.addr = net.JoinHostPort(s.host, port)
	s.plainLocal = isLocalhost(s.host)
	if u.User != nil {
		s.user = u.User.Username()
		pass, _ := u.User.Password()
		if s.user == "" {
			return nil, fail("identifiant vide")
		}
		s.auth = smtp.PlainAuth("", s.user, pass, s.host)
	}
	q := u.Query()
	for name := range q {
		if name != "from" {
			return nil, fail("paramètre « %s » inconnu (seul from est reconnu)", name)
		}
	}
	if from == "" {
		from = q.Get("from")
	}
	if strings.TrimSpace(from) == "" {
		return nil, fail("adresse d’expéditeur manquante (ajoutez ?from=label@exemple.org)")
	}
	if s.from, err = mail.ParseAddress(from); err != nil {
		return nil, fail("adresse d’expéditeur « %s » illisible : %w", from, err)
	}
	if s.from.Name == "" {
		s.from.Name = fromName
	}
	return s, nil
}

// String describes the relay for logs, without the password.
func (s *SMTPSender) String() string {
	scheme := "smtp"
	if s.implicitTLS {
		scheme = "smtps"
	}
	user := ""
	if s.user != "" {
		user = s.user + "@"
	}
	return fmt.Sprintf("%s://%s%s (expéditeur %s)", scheme, user, s.addr, s.from.Address)
}

// Send delivers one message. Errors that retrying cannot cure (an unreadable
// recipient address, a recipient refused with a 5xx reply) are permanent, see
// IsPermanent.
func (s *SMTPSender) Send(ctx context.Context, m Message) error {
	to, err := mail.ParseAddress(m.To)
	if err != nil {
		return Permanent(fmt.Errorf("adresse du destinataire « %s » illisible : %w", m.To, err))
	}
	data, err := buildMessage(s.from, to, m, s.now())
	if err != nil {
		return Permanent(err)
	}
	if err := s.send(ctx, to.Address, data); err != nil {
		return fmt.Errorf("envoi à %s par %s : %w", to.Address, s.addr, err)
	}
	return nil
}

func (s *SMTPSender) send(ctx context.Context, rcpt string, data []byte) error {
	deadline, ok := ctx.Deadline()
	if !ok {
		deadline = time.Now().Add(defaultSMTPTimeout)
	}
	tlsConfig := s.tlsConfig.Clone()
	tlsConfig.ServerName = s.host
	var conn net.Conn
	var err error
	dialer := &net.Dialer{Deadline: deadline}
	if s.implicitTLS {
		conn, err = (&tls.Dialer{NetDialer: dialer, Config: tlsConfig}).DialContext(ctx, "tcp", s.addr)
	} else {
		conn, err = dialer.DialContext(ctx, "tcp", s.addr)
	}
	if err != nil {
		return err
	}
	defer conn.Close()
	if err := conn.SetDeadline(deadline); err != nil {
		return err
	}
	// net/smtp knows no context: a cancelled context unblocks it by expiring
	// the connection's deadline.
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Unix(1, 0)) })
	defer stop()

	c, err := smtp.NewClient(conn, s.host)
	if err != nil {
		return err
	}
	defer c.Close()
	if err := c.Hello(helloName()); err != nil {
		return err
	}
	if !s.implicitTLS && !s.plainLocal {
		if ok, _ := c.Extension("STARTTLS"); ok {
			if err := c.StartTLS(tlsConfig); err != nil {
				return fmt.Errorf("STARTTLS : %w", err)
			}
		}
	}
	if s.auth != nil {
		if _, secure := c.TLSConnectionState(); !secure && !isLocalhost(s.host) {
			return errors.New("le serveur n’offre pas STARTTLS : refus d’envoyer le mot de passe en clair (utilisez smtps:// ou un relais local)")
		}
		if ok, _ := c.Extension("AUTH"); !ok {
			return errors.New("le serveur n’accepte pas l’authentification : retirez l’identifiant de TNL_SMTP_URL")
		}
		if err := c.Auth(s.auth); err != nil {
			return fmt.Errorf("authentification : %w", err)
		}
	}
	if err := c.Mail(s.from.Address); err != nil {
		return fmt.Errorf("MAIL FROM : %w", err)
	}
	if err := c.Rcpt(rcpt); err != nil {
		var te *textproto.Error
		if errors.As(err, &te) && te.Code >= 500 {
			return Permanent(fmt.Errorf("destinataire refusé : %w", err))
		}
		return fmt.Errorf("RCPT TO : %w", err)
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("DATA : %w", err)
	}
	if _, err := w.Write(data); err != nil {
		return fmt.Errorf("DATA : %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("message refusé : %w", err)
	}
	// The message is accepted: a failing QUIT changes nothing.
	_ = c.Quit()
	return nil
}

// isLocalhost mirrors net/smtp's own rule for PLAIN authentication without TLS.
func isLocalhost(host string) bool {
	return host == "localhost" || host == "127.0.0.1" || host == "::1"
}

// helloName is the name given in EHLO: the machine's name when it is fully
// qualified, "localhost" otherwise.
func helloName() string {
	if h, err := os.Hostname(); err == nil && strings.Contains(h, ".") && !strings.ContainsAny(h, " \r\n") {
		return h
	}
	return "localhost"
}

// PermanentError marks a delivery error that retrying cannot cure: the
// worker gives the message up at once instead of retrying it.
type PermanentError struct{ Err error }

func (e *PermanentError) Error() string { return e.Err.Error() }
func (e *PermanentError) Unwrap() error { return e.Err }

// Permanent wraps err as a PermanentError (nil stays nil).
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return &PermanentError{Err: err}
}

// IsPermanent reports whether err, or an error it wraps, is permanent.
func IsPermanent(err error) bool {
	var pe *PermanentError
	return errors.As(err, &pe)
}
