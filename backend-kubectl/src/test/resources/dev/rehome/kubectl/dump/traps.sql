CREATE EXTENSION citext;
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE "Mixed Case"("select" int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "na""me" citext,
    doubled int GENERATED ALWAYS AS ("select" * 2) STORED, m mood);
INSERT INTO "Mixed Case"("na""me", m) SELECT 'n' || g, 'ok' FROM generate_series(1, 500) g;
CREATE TABLE audited(id int PRIMARY KEY, note text);
CREATE FUNCTION shout() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.note := upper(NEW.note) || '!'; RETURN NEW; END $$;
INSERT INTO audited VALUES (1, 'quiet'), (2, NULL), (3, '');
CREATE TRIGGER shout BEFORE INSERT ON audited FOR EACH ROW EXECUTE FUNCTION shout();
CREATE SEQUENCE far_ahead START 1000000;
SELECT setval('far_ahead', 5000000);
CREATE TABLE nokey(v text);
INSERT INTO nokey VALUES ('dup'), ('dup'), ('dup');
SELECT lo_from_bytea(0, '\xdeadbeef'::bytea);
CREATE MATERIALIZED VIEW mv AS SELECT count(*) AS n FROM "Mixed Case";
CREATE TABLE events(id int, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
INSERT INTO events VALUES (1, '2025-03-01'), (2, '2025-04-01');
