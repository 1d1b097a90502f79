package domain

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ReceiptSnapshot is what the accusé de réception of one deposit says,
// taken in the deposit's transaction and carried by the outbox message
// (its Attachment reference): the receipt is rendered from it at delivery
// time, so it can always be sent, even once the élu has taken the
// candidature back to correct it.
type ReceiptSnapshot struct {
	CandidatureID int64     `json:"id"`
	Reference     string    `json:"reference"`
	Collectivite  string    `json:"collectivite"`
	Year          int       `json:"year"`
	EluName       string    `json:"elu"`
	EluMandate    string    `json:"mandate,omitempty"`
	EluEmail      string    `json:"email,omitempty"`
	EluTitleForm  string    `json:"title_form,omitempty"`
	SubmittedAt   time.Time `json:"submitted_at"`
	Answers       int       `json:"answers"`
	Files         int       `json:"files"`
	SHA256        string    `json:"sha256"`
}

// Ref is the outbox attachment reference of the snapshot:
// "receipt:<id>:<JSON>".
func (r ReceiptSnapshot) Ref() string {
	b, _ := json.Marshal(r) // plain fields: cannot fail
	return fmt.Sprintf("receipt:%d:%s", r.CandidatureID, b)
}

// ParseReceiptRef reads a receipt reference: "receipt:<id>:<JSON>", or the
// older "receipt:<id>" (no snapshot: nil). ok is false for anything else.
func ParseReceiptRef(ref string) (id int64, snap *ReceiptSnapshot, ok bool) {
	kind, rest, _ := strings.Cut(ref, ":")
	if kind != "receipt" {
		return 0, nil, false
	}
	arg, js, hasSnap := strings.Cut(rest, ":")
	id, err := strconv.ParseInt(arg, 10, 64)
	if err != nil || id <= 0 {
		return 0, nil, false
	}
	if !hasSnap {
		return id, nil, true
	}
	snap = new(ReceiptSnapshot)
	if err := json.Unmarshal([]byte(js), snap); err != nil || snap.CandidatureID != id || snap.SHA256 == "" {
		return 0, nil, false
	}
	return id, snap, true
}
