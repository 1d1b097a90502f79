-- The public palmarès: one row per collectivité and edition, the frozen,
-- published result. The publication of a campaign writes its rows from
-- the decided candidatures, in its transaction; the history since 2016 is
-- imported (tnl palmares import). Public pages, badges and open data read
-- only this table.

CREATE TABLE palmares (
    id              bigserial PRIMARY KEY,
    year            integer     NOT NULL CHECK (year BETWEEN 2016 AND 2100),
    campaign_id     bigint      REFERENCES campaigns (id),
    collectivite_id bigint      NOT NULL REFERENCES collectivites (id),
    candidature_id  bigint      UNIQUE REFERENCES candidatures (id),
    published_name  text        NOT NULL,
    awarded         boolean     NOT NULL,
    level           integer,
    level_label     text        NOT NULL,
    mentions        text        NOT NULL DEFAULT '[]',
    motivation      text        NOT NULL DEFAULT '',
    source          text        NOT NULL DEFAULT '',
    published_at    timestamptz NOT NULL,
    rectified_at    timestamptz,
    rectification   text        NOT NULL DEFAULT '',
    version         integer     NOT NULL DEFAULT 1,
    UNIQUE (year, collectivite_id)
);

--bun:split

CREATE INDEX palmares_collectivite_idx ON palmares (collectivite_id, year);

--bun:split

-- Imported rows that matched no collectivité (or several), waiting for
-- staff to pick one.
CREATE TABLE palmares_unmatched (
    id             bigserial PRIMARY KEY,
    year           integer     NOT NULL,
    level          text        NOT NULL,
    published_name text        NOT NULL,
    kind           text        NOT NULL,
    departement    text        NOT NULL,
    code           text        NOT NULL,
    mention        text        NOT NULL,
    source         text        NOT NULL,
    reason         text        NOT NULL,
    created_at     timestamptz NOT NULL,
    resolved_at    timestamptz,
    palmares_id    bigint      REFERENCES palmares (id),
    UNIQUE (year, published_name, kind, departement, code)
);
