-- Core domain: territories, accounts, campaigns, candidatures, answers,
-- audit trail and notification outbox.

CREATE TABLE collectivites (
    id               bigserial PRIMARY KEY,
    kind             text        NOT NULL CHECK (kind IN ('commune', 'epci', 'departement', 'region', 'autre')),
    code             text        NOT NULL,
    name             text        NOT NULL,
    search_name      text        NOT NULL,
    siren            text        NOT NULL DEFAULT '',
    subtype          text        NOT NULL DEFAULT '',
    departement_code text        NOT NULL DEFAULT '',
    region_code      text        NOT NULL DEFAULT '',
    population       integer     NOT NULL DEFAULT 0 CHECK (population >= 0),
    postal_codes     text        NOT NULL DEFAULT '',
    active           boolean     NOT NULL DEFAULT true,
    merged_into      text        NOT NULL DEFAULT '',
    updated_at       timestamptz NOT NULL,
    UNIQUE (kind, code)
);

--bun:split

CREATE INDEX collectivites_search_name_idx ON collectivites (search_name text_pattern_ops);

--bun:split

CREATE TABLE epci_membres (
    epci_code    text NOT NULL,
    commune_code text NOT NULL,
    PRIMARY KEY (epci_code, commune_code)
);

--bun:split

CREATE INDEX epci_membres_commune_idx ON epci_membres (commune_code);

--bun:split

CREATE TABLE users (
    id                bigserial PRIMARY KEY,
    email             text        NOT NULL UNIQUE,
    name              text        NOT NULL DEFAULT '',
    password_hash     text        NOT NULL DEFAULT '',
    role              text        NOT NULL DEFAULT 'membre' CHECK (role IN ('membre', 'jury', 'staff')),
    email_verified_at timestamptz,
    created_at        timestamptz NOT NULL,
    version           integer     NOT NULL DEFAULT 1
);

--bun:split

CREATE TABLE campaigns (
    id                    bigserial PRIMARY KEY,
    year                  integer     NOT NULL UNIQUE,
    title                 text        NOT NULL,
    state                 text        NOT NULL,
    opens_at              timestamptz NOT NULL,
    closes_at             timestamptz NOT NULL,
    questionnaire_version text        NOT NULL,
    questionnaire_hash    text        NOT NULL,
    questionnaire         bytea       NOT NULL,
    award_scheme          text        NOT NULL,
    published_at          timestamptz,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    version               integer     NOT NULL DEFAULT 1,
    CHECK (closes_at > opens_at)
);

--bun:split

CREATE TABLE candidatures (
    id              bigserial PRIMARY KEY,
    campaign_id     bigint      NOT NULL REFERENCES campaigns (id),
    collectivite_id bigint      NOT NULL REFERENCES collectivites (id),
    reference       text        NOT NULL UNIQUE,
    state           text        NOT NULL,
    elu_user_id     bigint      NOT NULL REFERENCES users (id),
    elu_name        text        NOT NULL DEFAULT '',
    elu_mandate     text        NOT NULL DEFAULT '',
    attested_at     timestamptz,
    submitted_at    timestamptz,
    level           integer,
    motivation      text        NOT NULL DEFAULT '',
    mentions        text        NOT NULL DEFAULT '[]',
    reason          text        NOT NULL DEFAULT '',
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    version         integer     NOT NULL DEFAULT 1,
    UNIQUE (campaign_id, collectivite_id)
);

--bun:split

CREATE INDEX candidatures_campaign_state_idx ON candidatures (campaign_id, state);

--bun:split

CREATE INDEX candidatures_elu_idx ON candidatures (elu_user_id);

--bun:split

CREATE TABLE candidature_members (
    candidature_id bigint      NOT NULL REFERENCES candidatures (id) ON DELETE CASCADE,
    user_id        bigint      NOT NULL REFERENCES users (id),
    role           text        NOT NULL CHECK (role IN ('elu', 'accompagnateur')),
    created_at     timestamptz NOT NULL,
    PRIMARY KEY (candidature_id, user_id)
);

--bun:split

CREATE INDEX candidature_members_user_idx ON candidature_members (user_id);

--bun:split

CREATE TABLE answers (
    candidature_id        bigint      NOT NULL REFERENCES candidatures (id) ON DELETE CASCADE,
    question_key          text        NOT NULL,
    value                 text        NOT NULL,
    questionnaire_version text        NOT NULL,
    updated_by            bigint      NOT NULL REFERENCES users (id),
    updated_at            timestamptz NOT NULL,
    version               integer     NOT NULL DEFAULT 1,
    PRIMARY KEY (candidature_id, question_key)
);

--bun:split

CREATE TABLE audit_events (
    id           bigserial PRIMARY KEY,
    subject_type text        NOT NULL,
    subject_id   bigint      NOT NULL,
    event        text        NOT NULL,
    from_state   text        NOT NULL,
    to_state     text        NOT NULL,
    actor_id     bigint REFERENCES users (id),
    actor_role   text        NOT NULL,
    actor_label  text        NOT NULL,
    comment      text        NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL
);

--bun:split

CREATE INDEX audit_events_subject_idx ON audit_events (subject_type, subject_id, id);

--bun:split

CREATE TABLE outbox (
    id              bigserial PRIMARY KEY,
    kind            text        NOT NULL,
    recipient       text        NOT NULL,
    subject         text        NOT NULL,
    body            text        NOT NULL,
    attachment      text        NOT NULL DEFAULT '',
    dedup_key       text UNIQUE,
    created_at      timestamptz NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    locked_until    timestamptz,
    sent_at         timestamptz,
    last_error      text        NOT NULL DEFAULT ''
);

--bun:split

CREATE INDEX outbox_pending_idx ON outbox (next_attempt_at) WHERE sent_at IS NULL;
