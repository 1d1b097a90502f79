-- How a person's title is written: "feminin" (élue référente), "masculin"
-- (élu référent) or '' (élu·e référent·e), as they chose on their account.
ALTER TABLE users ADD COLUMN title_form TEXT NOT NULL DEFAULT '';
