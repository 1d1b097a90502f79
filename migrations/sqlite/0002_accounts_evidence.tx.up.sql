-- Sessions, single-use links (email verification, password reset,
-- invitations), API tokens, login throttling and evidence files.

CREATE TABLE sessions (
    token_hash   text PRIMARY KEY,
    user_id      integer      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   text NOT NULL,
    expires_at   text NOT NULL,
    last_seen_at text NOT NULL
);

--bun:split

CREATE INDEX sessions_user_idx ON sessions (user_id);

--bun:split

CREATE TABLE auth_links (
    token_hash     text PRIMARY KEY,
    kind           text        NOT NULL CHECK (kind IN ('verification', 'reinitialisation', 'invitation')),
    email          text        NOT NULL,
    user_id        integer REFERENCES users (id) ON DELETE CASCADE,
    candidature_id integer REFERENCES candidatures (id) ON DELETE CASCADE,
    created_by     integer REFERENCES users (id),
    created_at     text NOT NULL,
    expires_at     text NOT NULL,
    used_at        text
);

--bun:split

CREATE INDEX auth_links_candidature_idx ON auth_links (candidature_id) WHERE candidature_id IS NOT NULL;

--bun:split

CREATE TABLE api_tokens (
    id           integer PRIMARY KEY AUTOINCREMENT,
    user_id      integer      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         text        NOT NULL,
    token_hash   text        NOT NULL UNIQUE,
    created_at   text NOT NULL,
    last_used_at text,
    revoked_at   text
);

--bun:split

CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

--bun:split

CREATE TABLE login_failures (
    id        integer PRIMARY KEY AUTOINCREMENT,
    key       text        NOT NULL,
    failed_at text NOT NULL
);

--bun:split

CREATE INDEX login_failures_key_idx ON login_failures (key, failed_at);

--bun:split

CREATE TABLE evidence (
    id             integer PRIMARY KEY AUTOINCREMENT,
    candidature_id integer      NOT NULL REFERENCES candidatures (id) ON DELETE CASCADE,
    question_key   text        NOT NULL,
    name           text        NOT NULL,
    kind           text        NOT NULL CHECK (kind IN ('pdf', 'odt', 'ods', 'png', 'jpeg')),
    content_type   text        NOT NULL,
    size           integer      NOT NULL CHECK (size > 0),
    sha256         text        NOT NULL,
    data           blob       NOT NULL,
    uploaded_by    integer      NOT NULL REFERENCES users (id),
    created_at     text NOT NULL
);

--bun:split

CREATE INDEX evidence_candidature_idx ON evidence (candidature_id, question_key);
