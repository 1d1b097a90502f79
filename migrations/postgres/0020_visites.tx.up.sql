-- Visit requests from mairies, the GULLs each is routed to, the
-- ambassadeurs who declined it, the visit reports, and the links sent by
-- email (only their hash is stored): the personal links through which a
-- mairie's contact, who has no account, confirms and follows its request
-- (each message carries a fresh one), the invitations to join a GULL, and
-- the links to update a mairie's public entry.

CREATE TABLE visites (
    id               bigserial PRIMARY KEY,
    collectivite_id  bigint      NOT NULL REFERENCES collectivites (id),
    state            text        NOT NULL,
    contact_name     text        NOT NULL,
    contact_function text        NOT NULL CHECK (contact_function IN ('maire', 'adjoint', 'dgs', 'agent', 'elu')),
    contact_email    text        NOT NULL,
    contact_phone    text        NOT NULL DEFAULT '',
    topics           text        NOT NULL DEFAULT '[]',
    topic_other      text        NOT NULL DEFAULT '',
    availability     text        NOT NULL DEFAULT '',
    message          text        NOT NULL DEFAULT '',
    consent_public   boolean     NOT NULL DEFAULT false,
    confirmed_at     timestamptz,
    routed_at        timestamptz,
    routing_round    integer     NOT NULL DEFAULT 0,
    reminded_at      timestamptz,
    escalated_at     timestamptz,
    gull_id          bigint REFERENCES gulls (id),
    ambassadeur_id   bigint REFERENCES users (id),
    taken_at         timestamptz,
    rendezvous_at    timestamptz,
    visited_at       timestamptz,
    closed_at        timestamptz,
    reason           text        NOT NULL DEFAULT '',
    candidature_id   bigint REFERENCES candidatures (id),
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    version          integer     NOT NULL DEFAULT 1
);

--bun:split

CREATE INDEX visites_collectivite_idx ON visites (collectivite_id, created_at);

--bun:split

CREATE INDEX visites_state_idx ON visites (state, routed_at);

--bun:split

CREATE INDEX visites_ambassadeur_idx ON visites (ambassadeur_id) WHERE ambassadeur_id IS NOT NULL;

--bun:split

CREATE TABLE visite_routes (
    visite_id   bigint           NOT NULL REFERENCES visites (id) ON DELETE CASCADE,
    gull_id     bigint           NOT NULL REFERENCES gulls (id),
    routing_round integer          NOT NULL,
    distance_km double precision NOT NULL,
    hors_zone   boolean          NOT NULL,
    created_at  timestamptz      NOT NULL,
    PRIMARY KEY (visite_id, gull_id)
);

--bun:split

CREATE INDEX visite_routes_gull_idx ON visite_routes (gull_id);

--bun:split

CREATE TABLE visite_declines (
    visite_id  bigint      NOT NULL REFERENCES visites (id) ON DELETE CASCADE,
    user_id    bigint      NOT NULL REFERENCES users (id),
    reason     text        NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (visite_id, user_id)
);

--bun:split

CREATE TABLE visite_reports (
    visite_id      bigint      PRIMARY KEY REFERENCES visites (id) ON DELETE CASCADE,
    author_id      bigint      NOT NULL REFERENCES users (id),
    kit_version    text        NOT NULL,
    points         text        NOT NULL DEFAULT '[]',
    documents      text        NOT NULL DEFAULT '[]',
    logiciels      text        NOT NULL DEFAULT '[]',
    notes          text        NOT NULL DEFAULT '',
    next_step      text        NOT NULL DEFAULT '',
    public_summary text        NOT NULL DEFAULT '',
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL
);

--bun:split

CREATE TABLE ambassadeur_links (
    token_hash text PRIMARY KEY,
    kind       text        NOT NULL CHECK (kind IN ('suivi', 'gull_invitation', 'fiche')),
    email      text        NOT NULL,
    gull_id    bigint REFERENCES gulls (id) ON DELETE CASCADE,
    visite_id  bigint REFERENCES visites (id) ON DELETE CASCADE,
    created_by bigint REFERENCES users (id),
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);

--bun:split

CREATE INDEX ambassadeur_links_email_idx ON ambassadeur_links (email, kind, created_at);

--bun:split

CREATE INDEX ambassadeur_links_visite_idx ON ambassadeur_links (visite_id) WHERE visite_id IS NOT NULL;
