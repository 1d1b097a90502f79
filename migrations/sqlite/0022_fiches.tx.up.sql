-- The public entry of a mairie on the ambassadeurs' site, kept up to date
-- by the mairie itself through a link sent to its contact address.

CREATE TABLE mairie_fiches (
    collectivite_id integer      PRIMARY KEY REFERENCES collectivites (id),
    logiciels       text        NOT NULL DEFAULT '',
    contact         text        NOT NULL DEFAULT '',
    website         text        NOT NULL DEFAULT '',
    updated_at      text NOT NULL
);
