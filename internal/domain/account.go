package domain

import (
	"time"

	"github.com/uptrace/bun"
)

// Session is a signed-in browser. Only the hash of its token is stored.
type Session struct {
	bun.BaseModel `bun:"table:sessions"`

	TokenHash  string    `bun:"token_hash,pk"`
	UserID     int64     `bun:"user_id,notnull"`
	CreatedAt  time.Time `bun:"created_at,notnull"`
	ExpiresAt  time.Time `bun:"expires_at,notnull"`
	LastSeenAt time.Time `bun:"last_seen_at,notnull"`
}

// Kinds of single-use links sent by email.
const (
	LinkVerification = "verification"
	LinkReset        = "reinitialisation"
	LinkInvitation   = "invitation"
)

// AuthLink is a single-use, expiring link sent by email. Only the hash of
// its token is stored.
type AuthLink struct {
	bun.BaseModel `bun:"table:auth_links"`

	TokenHash     string     `bun:"token_hash,pk"`
	Kind          string     `bun:"kind,notnull"`
	Email         string     `bun:"email,notnull"`
	UserID        *int64     `bun:"user_id"`
	CandidatureID *int64     `bun:"candidature_id"`
	CreatedBy     *int64     `bun:"created_by"`
	CreatedAt     time.Time  `bun:"created_at,notnull"`
	ExpiresAt     time.Time  `bun:"expires_at,notnull"`
	UsedAt        *time.Time `bun:"used_at"`
}

// APIToken lets a script call the JSON API as its owner.
type APIToken struct {
	bun.BaseModel `bun:"table:api_tokens"`

	ID         int64      `bun:"id,pk,autoincrement"`
	UserID     int64      `bun:"user_id,notnull"`
	Name       string     `bun:"name,notnull"`
	TokenHash  string     `bun:"token_hash,notnull"`
	CreatedAt  time.Time  `bun:"created_at,notnull"`
	LastUsedAt *time.Time `bun:"last_used_at"`
	RevokedAt  *time.Time `bun:"revoked_at"`
}

// Evidence is a file attached to a candidature as proof for a question.
type Evidence struct {
	bun.BaseModel `bun:"table:evidence"`

	ID            int64     `bun:"id,pk,autoincrement"`
	CandidatureID int64     `bun:"candidature_id,notnull"`
	QuestionKey   string    `bun:"question_key,notnull"`
	Name          string    `bun:"name,notnull"`
	Kind          string    `bun:"kind,notnull"` // pdf, odt, ods, png, jpeg
	ContentType   string    `bun:"content_type,notnull"`
	Size          int64     `bun:"size,notnull"`
	SHA256        string    `bun:"sha256,notnull"`
	Data          []byte    `bun:"data,notnull"`
	UploadedBy    int64     `bun:"uploaded_by,notnull"`
	CreatedAt     time.Time `bun:"created_at,notnull"`
}
