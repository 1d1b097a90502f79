-- Visit requests from mairies, the GULLs each is routed to, the
-- ambassadeurs who declined it, the visit reports, and the links sent by
-- email (only their hash is stored): the personal links through which a
-- mairie's contact, who has no account, confirms and follows its request
-- (each message carries a fresh one), the invitations to join a GULL, and
-- the links to update a mairie's public entry.

CREATE TABLE visites (
    id               integer PRIMARY KEY AUTOINCREMENT,
    collectivite_id  integer      NOT NULL REFERENCES collectivites (id),
    state            text        NOT NULL,
    contact_name     text        NOT NULL,
    contact_function text        NOT NULL CHECK (contact_function IN ('maire', 'adjoint', 'dgs', 'agent', 'elu')),
    contact_email    text        NOT NULL,
    contact_phone    text        NOT NULL DEFAULT '',
    topics           text        NOT NULL DEFAULT '[]',
    topic_other      text        NOT NULL DEFAULT '',
    availability     text        NOT NULL DEFAULT '',
    message          text        NOT NULL DEFAULT '',
    consent_public   integer     NOT NULL DEFAULT 0,
    confirmed_at     text,
    routed_at        text,
    routing_round    integer     NOT NULL DEFAULT 0,
    reminded_at      text,
    escalated_at     text,
    gull_id          integer REFERENCES gulls (id),
    ambassadeur_id   integer REFERENCES users (id),
    taken_at         text,
    rendezvous_at    text,
    visited_at       text,
    closed_at        text,
    reason           text        NOT NULL DEFAULT '',
    candidature_id   integer REFERENCES candidatures (id),
    created_at       text NOT NULL,
    updated_at       text NOT NULL,
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
    visite_id   integer           NOT NULL REFERENCES visites (id) ON DELETE CASCADE,
    gull_id     integer           NOT NULL REFERENCES gulls (id),
    routing_round integer          NOT NULL,
    distance_km real NOT NULL,
    hors_zone   integer          NOT NULL,
    created_at  text      NOT NULL,
    PRIMARY KEY (visite_id, gull_id)
);

--bun:split

CREATE INDEX visite_routes_gull_idx ON visite_routes (gull_id);

--bun:split

CREATE TABLE visite_declines (
    visite_id  integer      NOT NULL REFERENCES visites (id) ON DELETE CASCADE,
    user_id    integer      NOT NULL REFERENCES users (id),
    reason     text        NOT NULL,
    created_at text NOT NULL,
    PRIMARY KEY (visite_id, user_id)
);

--bun:split

CREATE TABLE visite_reports (
    visite_id      integer      PRIMARY KEY REFERENCES visites (id) ON DELETE CASCADE,
    author_id      integer      NOT NULL REFERENCES users (id),
    kit_version    text        NOT NULL,
    points         text        NOT NULL DEFAULT '[]',
    documents      text        NOT NULL DEFAULT '[]',
    logiciels      text        NOT NULL DEFAULT '[]',
    notes          text        NOT NULL DEFAULT '',
    next_step      text        NOT NULL DEFAULT '',
    public_summary text        NOT NULL DEFAULT '',
    created_at     text NOT NULL,
    updated_at     text NOT NULL
);

--bun:split

CREATE TABLE ambassadeur_links (
    token_hash text PRIMARY KEY,
    kind       text        NOT NULL CHECK (kind IN ('suivi', 'gull_invitation', 'fiche')),
    email      text        NOT NULL,
    gull_id    integer REFERENCES gulls (id) ON DELETE CASCADE,
    visite_id  integer REFERENCES visites (id) ON DELETE CASCADE,
    created_by integer REFERENCES users (id),
    created_at text NOT NULL,
    expires_at text NOT NULL,
    used_at    text
);

--bun:split

CREATE INDEX ambassadeur_links_email_idx ON ambassadeur_links (email, kind, created_at);

--bun:split

CREATE INDEX ambassadeur_links_visite_idx ON ambassadeur_links (visite_id) WHERE visite_id IS NOT NULL;
