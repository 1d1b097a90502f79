package main

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
)

const formType = "application/x-www-form-urlencoded"

// counters are the progress of the submissions, read by the progress line.
type counters struct {
	signins, saves, uploads, submissions, failed atomic.Int64
}

// apply is one applicant's journey, as the pages and their autosave script
// do it: sign in, create the candidature, save every answer one by one,
// attach the signed deliberation, submit. It returns the candidature's id.
func apply(ctx context.Context, b *browser, p *plan, i int, app applicant, n *counters) (int64, error) {
	if _, err := b.do(ctx, request{Op: "signin_page", Method: http.MethodGet, Path: "/connexion", Want: http.StatusOK}); err != nil {
		return 0, err
	}
	form := url.Values{"email": {app.Email}, "password": {benchPassword}}
	if _, err := b.do(ctx, request{Op: "signin", Method: http.MethodPost, Path: "/connexion", Body: []byte(form.Encode()),
		ContentType: formType, CSRF: true, Want: http.StatusSeeOther}); err != nil {
		return 0, err
	}
	n.signins.Add(1)
	form = url.Values{"collectivite": {strconv.FormatInt(app.CollectiviteID, 10)}}
	resp, err := b.do(ctx, request{Op: "create", Method: http.MethodPost, Path: "/candidatures", Body: []byte(form.Encode()),
		ContentType: formType, CSRF: true, Want: http.StatusSeeOther})
	if err != nil {
		return 0, err
	}
	id, err := candidatureID(resp.Location)
	if err != nil {
		return 0, err
	}
	prefix := "/candidatures/" + strconv.FormatInt(id, 10)
	for _, s := range p.saves(i) {
		if _, err := b.do(ctx, request{Op: "save", Method: http.MethodPost, Path: prefix + s.Path, Body: []byte(s.Body),
			ContentType: formType, CSRF: true, Want: http.StatusOK}); err != nil {
			return id, err
		}
		n.saves.Add(1)
	}
	body, contentType, err := evidenceForm(p.PDF)
	if err != nil {
		return id, err
	}
	if _, err := b.do(ctx, request{Op: "upload", Method: http.MethodPost, Path: prefix + "/pieces", Body: body,
		ContentType: contentType, CSRF: true, Want: http.StatusSeeOther}); err != nil {
		return id, err
	}
	n.uploads.Add(1)
	form = url.Values{"elu_name": {"Camille Dupont"}, "elu_mandate": {"Maire"}, "attest": {"oui"}, "version": {"1"}}
	resp, err = b.do(ctx, request{Op: "submit", Method: http.MethodPost, Path: prefix + "/depot", Body: []byte(form.Encode()),
		ContentType: formType, CSRF: true, Want: http.StatusSeeOther})
	if err != nil {
		return id, err
	}
	if !strings.Contains(resp.Location, "ok=candidature.deposer") {
		b.errs.add(request{Op: "submit", Method: http.MethodPost, Path: prefix + "/depot"}, resp.Status, "redirigé vers "+resp.Location)
		return id, fmt.Errorf("dépôt de %s : redirigé vers %s", prefix, resp.Location)
	}
	n.submissions.Add(1)
	return id, nil
}

// candidatureID reads the id in /candidatures/{id}?ok=creee.
func candidatureID(location string) (int64, error) {
	rest, ok := strings.CutPrefix(location, "/candidatures/")
	if ok {
		rest, _, _ = strings.Cut(rest, "?")
		if id, err := strconv.ParseInt(rest, 10, 64); err == nil {
			return id, nil
		}
	}
	return 0, fmt.Errorf("création : redirection inattendue %q", location)
}

// evidenceForm is the upload form of the section page: the question and
// the file.
func evidenceForm(pdf []byte) ([]byte, string, error) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	if err := w.WriteField("question", evidenceKey); err != nil {
		return nil, "", err
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="fichier"; filename="deliberation-conseil.pdf"`)
	h.Set("Content-Type", "application/pdf")
	part, err := w.CreatePart(h)
	if err != nil {
		return nil, "", err
	}
	if _, err := part.Write(pdf); err != nil {
		return nil, "", err
	}
	if err := w.Close(); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), w.FormDataContentType(), nil
}
