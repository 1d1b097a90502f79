-- Mailing campaigns to the mairies of a département or of a list: the
-- letter written by staff or a partner, and each mairie with its personal
-- code (the short link of its letter), the address the partner gave, and
-- when its letter and its reminder went out. A request made through a
-- letter keeps its code.

CREATE TABLE courriers (
    id               integer PRIMARY KEY AUTOINCREMENT,
    title            text        NOT NULL,
    scope            text        NOT NULL CHECK (scope IN ('departement', 'liste')),
    departement_code text        NOT NULL DEFAULT '',
    channel          text        NOT NULL CHECK (channel IN ('courrier', 'courriel')),
    sender           text        NOT NULL,
    signature        text        NOT NULL DEFAULT '',
    email_subject    text        NOT NULL DEFAULT '',
    letter           text        NOT NULL,
    reminder         text        NOT NULL,
    remind_after     text,
    partner_id       integer REFERENCES users (id),
    state            text        NOT NULL,
    created_by       integer REFERENCES users (id),
    sent_at          text,
    reminded_at      text,
    created_at       text NOT NULL,
    updated_at       text NOT NULL,
    version          integer     NOT NULL DEFAULT 1
);

--bun:split

CREATE TABLE courrier_destinataires (
    courrier_id     integer      NOT NULL REFERENCES courriers (id) ON DELETE CASCADE,
    collectivite_id integer      NOT NULL REFERENCES collectivites (id),
    code            text        NOT NULL UNIQUE,
    email           text        NOT NULL DEFAULT '',
    maire           text        NOT NULL DEFAULT '',
    sent_at         text,
    reminded_at     text,
    PRIMARY KEY (courrier_id, collectivite_id)
);

--bun:split

CREATE INDEX courrier_destinataires_collectivite_idx ON courrier_destinataires (collectivite_id);

--bun:split

ALTER TABLE visites ADD COLUMN courrier_code text NOT NULL DEFAULT '';
