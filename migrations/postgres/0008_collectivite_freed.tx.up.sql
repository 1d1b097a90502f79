-- A withdrawn candidature frees its collectivité: another one may be
-- created in the same campaign (the withdrawn one stays, with its
-- history). At most one candidature per collectivité and campaign that is
-- not withdrawn.
ALTER TABLE candidatures DROP CONSTRAINT candidatures_campaign_id_collectivite_id_key;

--bun:split

CREATE UNIQUE INDEX candidatures_active_collectivite ON candidatures (campaign_id, collectivite_id) WHERE state <> 'retiree';

--bun:split

-- How many candidatures of a campaign a person may be élu référent of,
-- when staff lifted the platform's limit for them (NULL: the limit).
ALTER TABLE users ADD COLUMN elu_limit integer;
