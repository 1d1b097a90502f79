-- Sessions, single-use links (email verification, password reset,
-- invitations), API tokens, login throttling and evidence files.

CREATE TABLE sessions (
    token_hash   text PRIMARY KEY,
    user_id      bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL
);

--bun:split

CREATE INDEX sessions_user_idx ON sessions (user_id);

--bun:split

CREATE TABLE auth_links (
    token_hash     text PRIMARY KEY,
    kind           text        NOT NULL CHECK (kind IN ('verification', 'reinitialisation', 'invitation')),
    email          text        NOT NULL,
    user_id        bigint REFERENCES users (id) ON DELETE CASCADE,
    candidature_id bigint REFERENCES candidatures (id) ON DELETE CASCADE,
    created_by     bigint REFERENCES users (id),
    created_at     timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    used_at        timestamptz
);

--bun:split

CREATE INDEX auth_links_candidature_idx ON auth_links (candidature_id) WHERE candidature_id IS NOT NULL;

--bun:split

CREATE TABLE api_tokens (
    id           bigserial PRIMARY KEY,
    user_id      bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         text        NOT NULL,
    token_hash   text        NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz
);

--bun:split

CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

--bun:split

CREATE TABLE login_failures (
    id        bigserial PRIMARY KEY,
    key       text        NOT NULL,
    failed_at timestamptz NOT NULL
);

--bun:split

CREATE INDEX login_failures_key_idx ON login_failures (key, failed_at);

--bun:split

CREATE TABLE evidence (
    id             bigserial PRIMARY KEY,
    candidature_id bigint      NOT NULL REFERENCES candidatures (id) ON DELETE CASCADE,
    question_key   text        NOT NULL,
    name           text        NOT NULL,
    kind           text        NOT NULL CHECK (kind IN ('pdf', 'odt', 'ods', 'png', 'jpeg')),
    content_type   text        NOT NULL,
    size           bigint      NOT NULL CHECK (size > 0),
    sha256         text        NOT NULL,
    data           bytea       NOT NULL,
    uploaded_by    bigint      NOT NULL REFERENCES users (id),
    created_at     timestamptz NOT NULL
);

--bun:split

CREATE INDEX evidence_candidature_idx ON evidence (candidature_id, question_key);
