package domain

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// Account roles. Every other role is a relation to a subject (see
// internal/policy): the élu référent and the accompagnateurs of a
// candidature, the members of a campaign's jury…
const (
	RoleMember = "membre" // anyone with an account: élus, GULL members, agents, jurors
	RoleStaff  = "staff"
)

// Roles among a candidature's members.
const (
	MemberElu            = "elu"            // the élu référent, who owns and deposits it
	MemberAccompagnateur = "accompagnateur" // a person the élu invited to help fill it in
)

// Seats in a campaign's jury.
const (
	SeatMember    = "membre"
	SeatPresident = "president"
)

// User is an account.
type User struct {
	bun.BaseModel `bun:"table:users"`

	ID              int64      `bun:"id,pk,autoincrement"`
	Email           string     `bun:"email,notnull"`
	Name            string     `bun:"name,notnull"`
	PasswordHash    string     `bun:"password_hash,notnull"`
	Role            string     `bun:"role,notnull"`
	EmailVerifiedAt *time.Time `bun:"email_verified_at"`
	// TitleForm is how the person's title is written (FormFeminine,
	// FormMasculine or FormInclusive), as they chose.
	TitleForm string    `bun:"title_form,notnull"`
	CreatedAt time.Time `bun:"created_at,notnull"`
	Version   int       `bun:"version,notnull"`
	// LastSeenAt is the account's last sign-in or use (to the day), for
	// the retention of inactive accounts; nil before any.
	LastSeenAt *time.Time `bun:"last_seen_at"`
	// DeletedAt is set when the account was deleted: the row stays,
	// emptied of personal data, for what referred to it.
	DeletedAt *time.Time `bun:"deleted_at"`
	// EluLimit, when staff set it, is how many candidatures of a campaign
	// the person may be élu référent of, instead of the platform's limit.
	EluLimit *int `bun:"elu_limit"`
}

// Campaign is one yearly edition of the label.
type Campaign struct {
	bun.BaseModel `bun:"table:campaigns"`

	ID                   int64       `bun:"id,pk,autoincrement"`
	Year                 int         `bun:"year,notnull"`
	Title                string      `bun:"title,notnull"`
	State                string      `bun:"state,notnull"`
	OpensAt              time.Time   `bun:"opens_at,notnull"`  // UTC
	ClosesAt             time.Time   `bun:"closes_at,notnull"` // UTC, the deadline (exclusive)
	QuestionnaireVersion string      `bun:"questionnaire_version,notnull"`
	QuestionnaireHash    string      `bun:"questionnaire_hash,notnull"`
	Questionnaire        []byte      `bun:"questionnaire,notnull"` // pinned source
	AwardScheme          AwardScheme `bun:"award_scheme,type:text,notnull"`
	PublishedAt          *time.Time  `bun:"published_at"`
	// PublishAt is the scheduled instant of the palmarès' publication (the
	// ceremony), fired by the scheduler; nil when none is scheduled.
	PublishAt *time.Time `bun:"publish_at"`
	CreatedAt time.Time  `bun:"created_at,notnull"`
	UpdatedAt time.Time  `bun:"updated_at,notnull"`
	Version   int        `bun:"version,notnull"`
}

// Candidature is a collectivité's application to one campaign.
type Candidature struct {
	bun.BaseModel `bun:"table:candidatures"`

	ID             int64      `bun:"id,pk,autoincrement"`
	CampaignID     int64      `bun:"campaign_id,notnull"`
	CollectiviteID int64      `bun:"collectivite_id,notnull"`
	Reference      string     `bun:"reference,notnull"`
	State          string     `bun:"state,notnull"`
	EluUserID      int64      `bun:"elu_user_id,notnull"`
	EluName        string     `bun:"elu_name,notnull"`
	EluMandate     string     `bun:"elu_mandate,notnull"`
	AttestedAt     *time.Time `bun:"attested_at"`
	SubmittedAt    *time.Time `bun:"submitted_at"`
	// The answers as deposited, for the accusé de réception: their count,
	// their files' count and their SHA-256 (questionnaire.AnswersHash).
	SubmittedAnswers int      `bun:"submitted_answers,nullzero"`
	SubmittedFiles   int      `bun:"submitted_files,nullzero"`
	SubmittedHash    string   `bun:"submitted_hash,nullzero"`
	Level            *int     `bun:"level"`
	Motivation       string   `bun:"motivation,notnull"`
	Mentions         []string `bun:"mentions,type:text,notnull"`
	// PrivateNote is the jury's note on its decision, never published.
	PrivateNote string `bun:"private_note,notnull"`
	// Track is TrackLabel or, where the scheme has a Badge, TrackBadge.
	Track  string `bun:"track,notnull,default:'label'"`
	Reason string `bun:"reason,notnull"` // why irrecevable, or withdrawn
	// ComplementDueAt is the reply deadline of the jury's complement
	// request, while one is pending.
	ComplementDueAt *time.Time `bun:"complement_due_at"`
	CreatedAt       time.Time  `bun:"created_at,notnull"`
	UpdatedAt       time.Time  `bun:"updated_at,notnull"`
	Version         int        `bun:"version,notnull"`
}

// Answer is one question's answer in a candidature.
type Answer struct {
	bun.BaseModel `bun:"table:answers"`

	CandidatureID        int64           `bun:"candidature_id,pk"`
	QuestionKey          string          `bun:"question_key,pk"`
	Value                json.RawMessage `bun:"value,type:text,notnull"`
	QuestionnaireVersion string          `bun:"questionnaire_version,notnull"`
	UpdatedBy            int64           `bun:"updated_by,notnull"`
	UpdatedAt            time.Time       `bun:"updated_at,notnull"`
	Version              int             `bun:"version,notnull"`
}

// AnswerConflict is the Current value of the conflict error of an answer
// save: the answer as the other person saved it (nil if they cleared it),
// and who they are.
type AnswerConflict struct {
	Answer    *Answer
	UpdatedBy *User
}

// AuditEntry records one fired transition (or another notable action) on a subject.
type AuditEntry struct {
	bun.BaseModel `bun:"table:audit_events"`

	ID          int64     `bun:"id,pk,autoincrement"`
	SubjectType string    `bun:"subject_type,notnull"`
	SubjectID   int64     `bun:"subject_id,notnull"`
	Event       string    `bun:"event,notnull"`
	FromState   string    `bun:"from_state,notnull"`
	ToState     string    `bun:"to_state,notnull"`
	ActorID     *int64    `bun:"actor_id"`
	ActorRole   string    `bun:"actor_role,notnull"`
	ActorLabel  string    `bun:"actor_label,notnull"` // email or "système"
	Comment     string    `bun:"comment,notnull"`
	CreatedAt   time.Time `bun:"created_at,notnull"`
	// The row's link in its subject's chain (see internal/store's
	// auditchain.go): its place from 1, the salted digest of the actor,
	// the previous row's hash and its own. The store fills them.
	Seq         int64  `bun:"seq,notnull"`
	ActorSalt   string `bun:"actor_salt,notnull"`
	ActorDigest string `bun:"actor_digest,notnull"`
	PrevHash    string `bun:"prev_hash,notnull"`
	Hash        string `bun:"hash,notnull"`
}

// AnonymousActor is the actor's label of the audit rows of a deleted account.
const AnonymousActor = "Compte supprimé"

// OutboxMessage is a notification written in the same transaction as the
// change it announces, and delivered later by the outbox worker.
type OutboxMessage struct {
	bun.BaseModel `bun:"table:outbox"`

	ID            int64      `bun:"id,pk,autoincrement"`
	Kind          string     `bun:"kind,notnull"`
	Recipient     string     `bun:"recipient,notnull"`
	Subject       string     `bun:"subject,notnull"`
	Body          string     `bun:"body,notnull"`
	Attachment    string     `bun:"attachment,notnull"` // e.g. "receipt:42", rendered at delivery
	DedupKey      *string    `bun:"dedup_key"`
	CreatedAt     time.Time  `bun:"created_at,notnull"`
	Attempts      int        `bun:"attempts,notnull"`
	NextAttemptAt time.Time  `bun:"next_attempt_at,notnull"`
	LockedUntil   *time.Time `bun:"locked_until"`
	SentAt        *time.Time `bun:"sent_at"`
	LastError     string     `bun:"last_error,notnull"`
}

// QuestionnaireName names the campaign's pinned questionnaire in messages.
func (c *Campaign) QuestionnaireName() string { return fmt.Sprintf("questionnaire-%d.yaml", c.Year) }

// Message kinds.
const (
	MessageText     = "message"  // anybody's message
	MessageQuestion = "question" // the jury's complement question
	MessageAnswer   = "reponse"  // the élu's answer to it
)

// Message is one message of a candidature's thread.
type Message struct {
	bun.BaseModel `bun:"table:messages"`

	ID            int64      `bun:"id,pk,autoincrement"`
	CandidatureID int64      `bun:"candidature_id,notnull"`
	AuthorID      *int64     `bun:"author_id"`
	AuthorRole    string     `bun:"author_role,notnull"`  // the relation the author wrote under (policy code)
	AuthorLabel   string     `bun:"author_label,notnull"` // name, or address, as written
	Kind          string     `bun:"kind,notnull"`
	Body          string     `bun:"body,notnull"`
	ReplyBefore   *time.Time `bun:"reply_before"` // for a question: the reply deadline
	CreatedAt     time.Time  `bun:"created_at,notnull"`

	Files []MessageFile `bun:"rel:has-many,join:id=message_id"`
}

// MessageFile is a file attached to a message.
type MessageFile struct {
	bun.BaseModel `bun:"table:message_files"`

	ID          int64  `bun:"id,pk,autoincrement"`
	MessageID   int64  `bun:"message_id,notnull"`
	Name        string `bun:"name,notnull"`
	Kind        string `bun:"kind,notnull"`
	ContentType string `bun:"content_type,notnull"`
	Size        int64  `bun:"size,notnull"`
	SHA256      string `bun:"sha256,notnull"`
	Data        []byte `bun:"data,notnull"`
}
