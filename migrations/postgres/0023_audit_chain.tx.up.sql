-- A tamper-evident audit trail (see internal/store/auditchain.go): each row
-- holds its place in its subject's chain (seq, from 1), the hash of the
-- previous row of the same subject and its own hash over its content. The
-- actor is committed to by a salted digest, so that an account's deletion
-- can blank the actor's name without breaking the chain. audit_heads keeps
-- each subject's last link (locked to append), audit_digests one digest a
-- day over every row of that day. Rows written before this migration are
-- sealed in place by the store when it migrates.

ALTER TABLE audit_events ADD COLUMN seq bigint NOT NULL DEFAULT 0;

--bun:split

ALTER TABLE audit_events ADD COLUMN actor_salt text NOT NULL DEFAULT '';

--bun:split

ALTER TABLE audit_events ADD COLUMN actor_digest text NOT NULL DEFAULT '';

--bun:split

ALTER TABLE audit_events ADD COLUMN prev_hash text NOT NULL DEFAULT '';

--bun:split

ALTER TABLE audit_events ADD COLUMN hash text NOT NULL DEFAULT '';

--bun:split

CREATE INDEX audit_events_created_idx ON audit_events (created_at, id);

--bun:split

CREATE INDEX audit_events_actor_idx ON audit_events (actor_id) WHERE actor_id IS NOT NULL;

--bun:split

CREATE TABLE audit_heads (
    subject_type text NOT NULL,
    subject_id   bigint NOT NULL,
    seq          bigint NOT NULL,
    hash         text NOT NULL,
    PRIMARY KEY (subject_type, subject_id)
);

--bun:split

CREATE TABLE audit_digests (
    day         text NOT NULL PRIMARY KEY,
    row_count   bigint NOT NULL,
    last_id     bigint NOT NULL,
    prev_digest text NOT NULL,
    digest      text NOT NULL,
    created_at  timestamptz NOT NULL
);
