-- Geography imported at run time by `tnl geo import`: the centre of each
-- current commune (to route a mairie's request to the nearest GULLs) and
-- the outlines of the départements and régions (for the maps).

CREATE TABLE commune_centres (
    code        text             PRIMARY KEY,
    longitude   real NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    latitude    real NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    approximate integer          NOT NULL DEFAULT 0,
    imported_at text      NOT NULL
);

--bun:split

CREATE TABLE geo_outlines (
    kind        text        NOT NULL CHECK (kind IN ('departement', 'region')),
    code        text        NOT NULL,
    name        text        NOT NULL,
    geometry    text        NOT NULL,
    imported_at text NOT NULL,
    PRIMARY KEY (kind, code)
);
