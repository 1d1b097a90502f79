package web

import (
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
)

// SendFile answers a download, never displayed inline.
func SendFile(w http.ResponseWriter, name, contentType string, data []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Header().Set("Cache-Control", "private, no-store")
	w.Write(data) //nolint:errcheck // the client went away
}

// Body limits: evidence uploads carry a file of up to 10 Mo; everything else
// is a form or a small JSON document.
const (
	UploadLimit = 11 << 20
	// MaxFileSize is the largest evidence file (candidature.MaxEvidenceSize).
	MaxFileSize = 10 << 20
	FormLimit   = 1 << 20
)

// ParseForm reads a browser form (multipart or not) within the body limit.
func ParseForm(r *http.Request) error {
	var err error
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		err = r.ParseMultipartForm(2 << 20)
	} else {
		err = r.ParseForm()
	}
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		if tooBig.Limit >= UploadLimit {
			// A file of an evidence upload (the body carries it and a
			// little more).
			if r.ContentLength > 0 {
				return domain.Errorf(domain.ETooLarge, "Le fichier fait %s : la limite est de %s.", fr.Size(r.ContentLength), fr.Size(MaxFileSize))
			}
			return domain.Errorf(domain.ETooLarge, "Envoi trop volumineux : un fichier ne doit pas dépasser %s.", fr.Size(MaxFileSize))
		}
		return domain.Errorf(domain.ETooLarge, "Envoi trop volumineux : la limite est de %s.", fr.Size(tooBig.Limit))
	}
	if err != nil {
		return domain.Errorf(domain.EInvalid, "Formulaire illisible : rechargez la page et recommencez.")
	}
	return checkFormText(r.PostForm)
}

// checkFormText refuses, for every form, a value that no text field may
// hold: not valid UTF-8 (it would be stored as U+FFFD), or a NUL (which
// the database refuses). The error names the field; the services check
// the finer rules (line breaks, lengths) with the field's label.
func checkFormText(form url.Values) error {
	for key, values := range form {
		for _, v := range values {
			if !utf8.ValidString(v) || strings.IndexByte(v, 0) >= 0 {
				msg := "Ce champ contient un caractère nul ou un texte mal encodé (UTF-8 attendu) : retirez-le."
				return &domain.Error{Code: domain.EUnprocessable, Message: fmt.Sprintf("Le champ « %s » contient un caractère nul ou un texte mal encodé (UTF-8 attendu).", key),
					Fields: map[string]string{key: msg}}
			}
		}
	}
	return nil
}

// SafeNext keeps a post-sign-in destination only if it is a path of this site.
func SafeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.Contains(next, `\`) {
		return ""
	}
	if u, err := url.Parse(next); err != nil || u.Host != "" || u.Scheme != "" {
		return ""
	}
	return next
}

// Redirect sends the browser elsewhere after a successful form
// (POST/redirect/GET), with a notice (?ok=…) kept before any #anchor.
func Redirect(w http.ResponseWriter, r *http.Request, to, notice string) {
	if notice != "" {
		path, fragment, hasFragment := strings.Cut(to, "#")
		sep := "?"
		if strings.Contains(path, "?") {
			sep = "&"
		}
		to = path + sep + "ok=" + url.QueryEscape(notice)
		if hasFragment {
			to += "#" + fragment
		}
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}
