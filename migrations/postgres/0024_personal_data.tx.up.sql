-- Personal data (RGPD): when an account was last used, for the retention of
-- inactive accounts; when it was deleted (the row stays, emptied, for what
-- refers to it); the notices sent before a retention rule deletes
-- something, one per rule and subject (see internal/privacy).

ALTER TABLE users ADD COLUMN last_seen_at timestamptz;

--bun:split

ALTER TABLE users ADD COLUMN deleted_at timestamptz;

--bun:split

CREATE TABLE retention_notices (
    rule        text NOT NULL,
    subject_id  bigint NOT NULL,
    notified_at timestamptz NOT NULL,
    deletes_at  timestamptz NOT NULL,
    PRIMARY KEY (rule, subject_id)
);

--bun:split

CREATE INDEX outbox_recipient_idx ON outbox (recipient);
