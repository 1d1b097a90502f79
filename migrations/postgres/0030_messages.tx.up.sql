-- A message thread per candidature: its members, staff and the jury write
-- to each other; the jury's complement question and the élu's answer are
-- messages of it. Messages may carry files.

CREATE TABLE messages (
    id             bigserial PRIMARY KEY,
    candidature_id bigint      NOT NULL REFERENCES candidatures (id) ON DELETE CASCADE,
    author_id      bigint      REFERENCES users (id),
    author_role    text        NOT NULL,
    author_label   text        NOT NULL,
    kind           text        NOT NULL DEFAULT 'message' CHECK (kind IN ('message', 'question', 'reponse')),
    body           text        NOT NULL,
    reply_before   timestamptz,
    created_at     timestamptz NOT NULL
);

--bun:split

CREATE INDEX messages_candidature_idx ON messages (candidature_id, id);

--bun:split

CREATE TABLE message_files (
    id           bigserial PRIMARY KEY,
    message_id   bigint      NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    name         text        NOT NULL,
    kind         text        NOT NULL,
    content_type text        NOT NULL,
    size         bigint      NOT NULL CHECK (size > 0),
    sha256       text        NOT NULL,
    data         bytea       NOT NULL
);

--bun:split

CREATE INDEX message_files_message_idx ON message_files (message_id);
