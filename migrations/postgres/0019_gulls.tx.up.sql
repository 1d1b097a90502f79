-- GULLs (groupes d’utilisateurs de logiciels libres) that carry the label
-- to the mairies near them: their zone of action among the imported
-- territories, and their members, coordinators and ambassadeurs.

CREATE TABLE gulls (
    id                bigserial PRIMARY KEY,
    slug              text        NOT NULL UNIQUE,
    name              text        NOT NULL,
    website           text        NOT NULL DEFAULT '',
    email             text        NOT NULL,
    description       text        NOT NULL DEFAULT '',
    home_commune_code text        NOT NULL,
    state             text        NOT NULL,
    created_by        bigint      NOT NULL REFERENCES users (id),
    validated_at      timestamptz,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    version           integer     NOT NULL DEFAULT 1
);

--bun:split

CREATE INDEX gulls_state_idx ON gulls (state);

--bun:split

CREATE TABLE gull_zones (
    gull_id bigint NOT NULL REFERENCES gulls (id) ON DELETE CASCADE,
    kind    text   NOT NULL CHECK (kind IN ('commune', 'epci', 'departement')),
    code    text   NOT NULL,
    PRIMARY KEY (gull_id, kind, code)
);

--bun:split

CREATE INDEX gull_zones_area_idx ON gull_zones (kind, code);

--bun:split

CREATE TABLE gull_members (
    gull_id    bigint      NOT NULL REFERENCES gulls (id) ON DELETE CASCADE,
    user_id    bigint      NOT NULL REFERENCES users (id),
    role       text        NOT NULL CHECK (role IN ('coordinateur', 'ambassadeur')),
    created_at timestamptz NOT NULL,
    PRIMARY KEY (gull_id, user_id)
);

--bun:split

CREATE INDEX gull_members_user_idx ON gull_members (user_id);
