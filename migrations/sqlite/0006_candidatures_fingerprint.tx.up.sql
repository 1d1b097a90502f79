-- The answers as deposited, for the accusé de réception: answers completed
-- later at the jury's request must not change what the receipt attests.

ALTER TABLE candidatures ADD COLUMN submitted_answers integer;

--bun:split

ALTER TABLE candidatures ADD COLUMN submitted_files integer;

--bun:split

ALTER TABLE candidatures ADD COLUMN submitted_hash text;
