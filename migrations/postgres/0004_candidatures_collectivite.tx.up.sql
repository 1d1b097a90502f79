-- A collectivité's previous candidature (pre-fill, the jury's diff, the
-- search page) is looked up by collectivité alone: the unique index on
-- (campaign_id, collectivite_id) cannot serve it.

CREATE INDEX candidatures_collectivite_idx ON candidatures (collectivite_id);
