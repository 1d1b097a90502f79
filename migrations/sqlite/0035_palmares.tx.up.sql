-- The public palmarès: one row per collectivité and edition, the frozen,
-- published result. The publication of a campaign writes its rows from
-- the decided candidatures, in its transaction; the history since 2016 is
-- imported (tnl palmares import). Public pages, badges and open data read
-- only this table.

CREATE TABLE palmares (
    id              integer PRIMARY KEY AUTOINCREMENT,
    year            integer     NOT NULL CHECK (year BETWEEN 2016 AND 2100),
    campaign_id     integer     REFERENCES campaigns (id),
    collectivite_id integer     NOT NULL REFERENCES collectivites (id),
    candidature_id  integer     UNIQUE REFERENCES candidatures (id),
    published_name  text        NOT NULL,
    awarded         integer     NOT NULL,
    level           integer,
    level_label     text        NOT NULL,
    mentions        text        NOT NULL DEFAULT '[]',
    motivation      text        NOT NULL DEFAULT '',
    source          text        NOT NULL DEFAULT '',
    published_at    text        NOT NULL,
    rectified_at    text,
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
    id             integer PRIMARY KEY AUTOINCREMENT,
    year           integer     NOT NULL,
    level          text        NOT NULL,
    published_name text        NOT NULL,
    kind           text        NOT NULL,
    departement    text        NOT NULL,
    code           text        NOT NULL,
    mention        text        NOT NULL,
    source         text        NOT NULL,
    reason         text        NOT NULL,
    created_at     text        NOT NULL,
    resolved_at    text,
    palmares_id    integer     REFERENCES palmares (id),
    UNIQUE (year, published_name, kind, departement, code)
);
