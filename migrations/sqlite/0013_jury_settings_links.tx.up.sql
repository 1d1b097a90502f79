-- The jury of a campaign (issue 12): its settings, the invitations sent to
-- future members, each member's declared links to collectivités, the zone
-- of collectivités those links put in conflict of interest (computed by the
-- platform from the links and the territories), a maximum load and
-- assignment preferences per member.

CREATE TABLE jury_settings (
    campaign_id     integer     PRIMARY KEY REFERENCES campaigns (id),
    per_candidature integer     NOT NULL DEFAULT 3 CHECK (per_candidature BETWEEN 1 AND 20),
    visibility      text        NOT NULL DEFAULT 'apres' CHECK (visibility IN ('jamais', 'apres', 'toujours')),
    deadline        text,
    updated_at      text NOT NULL
);

--bun:split

ALTER TABLE jury_members ADD COLUMN max_load integer NOT NULL DEFAULT 0 CHECK (max_load >= 0);

--bun:split

ALTER TABLE jury_members ADD COLUMN preferences text NOT NULL DEFAULT '{}';

--bun:split

CREATE TABLE jury_invitations (
    token_hash    text        PRIMARY KEY,
    campaign_id   integer      NOT NULL REFERENCES campaigns (id),
    email         text        NOT NULL,
    seat          text        NOT NULL CHECK (seat IN ('membre', 'president')),
    organisation  text        NOT NULL DEFAULT '',
    collectivites text        NOT NULL DEFAULT '[]',
    created_by    integer REFERENCES users (id),
    created_at    text NOT NULL,
    expires_at    text NOT NULL,
    used_at       text
);

--bun:split

CREATE INDEX jury_invitations_campaign ON jury_invitations (campaign_id, email);

--bun:split

CREATE TABLE jury_links (
    campaign_id     integer NOT NULL REFERENCES campaigns (id),
    user_id         integer NOT NULL REFERENCES users (id),
    collectivite_id integer NOT NULL REFERENCES collectivites (id),
    PRIMARY KEY (campaign_id, user_id, collectivite_id)
);

--bun:split

CREATE TABLE jury_zone (
    campaign_id     integer NOT NULL REFERENCES campaigns (id),
    user_id         integer NOT NULL REFERENCES users (id),
    collectivite_id integer NOT NULL REFERENCES collectivites (id),
    PRIMARY KEY (campaign_id, user_id, collectivite_id)
);

--bun:split

CREATE INDEX jury_zone_collectivite ON jury_zone (collectivite_id);
