-- A small shop with the traps a copy must survive: identity and generated columns, a sequence far ahead of the
-- data, a trigger that rewrites rows on insert, mixed-case and quoted names, NULL vs empty text, a table
-- without a key holding duplicates, floats that print oddly, bytea, a large object, enum and domain types,
-- citext/hstore, a partitioned table, a materialized view.
CREATE EXTENSION citext;
CREATE EXTENSION hstore;
CREATE TYPE order_state AS ENUM ('new', 'paid', 'shipped');
CREATE DOMAIN positive_cents AS bigint CHECK (VALUE > 0);

CREATE TABLE customers (
    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email citext NOT NULL UNIQUE,
    "Display Name" text,
    nickname text,
    attributes hstore
);
INSERT INTO customers (email, "Display Name", nickname, attributes)
SELECT 'user' || g || '@example.com', 'User "' || g || '"', CASE g % 3 WHEN 0 THEN NULL WHEN 1 THEN '' ELSE 'n' || g END,
       hstore('tier', (g % 4)::text)
FROM generate_series(1, 2000) g;

CREATE TABLE "Order Items" (
    id bigserial PRIMARY KEY,
    customer_id int NOT NULL REFERENCES customers(id),
    state order_state NOT NULL DEFAULT 'new',
    price positive_cents NOT NULL,
    quantity int NOT NULL,
    total bigint GENERATED ALWAYS AS (price * quantity) STORED,
    weight double precision,
    receipt bytea
);
INSERT INTO "Order Items" (customer_id, state, price, quantity, weight, receipt)
SELECT 1 + g % 2000, (ARRAY['new','paid','shipped']::order_state[])[1 + g % 3], 100 + g, 1 + g % 5,
       CASE g % 50 WHEN 0 THEN 'NaN'::float8 WHEN 1 THEN '-0'::float8 WHEN 2 THEN 'Infinity'::float8 ELSE g / 7.0 END,
       decode(md5(g::text), 'hex')
FROM generate_series(1, 20000) g;
SELECT setval(pg_get_serial_sequence('"Order Items"', 'id'), 1000000);

CREATE SEQUENCE invoice_numbers START 90000;
SELECT setval('invoice_numbers', 90420);

CREATE TABLE audit_log (id int PRIMARY KEY, message text);
INSERT INTO audit_log SELECT g, 'entry ' || g FROM generate_series(1, 100) g;
CREATE FUNCTION stamp_audit() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN NEW.message := NEW.message || ' (rewritten by trigger)'; RETURN NEW; END $$;
CREATE TRIGGER stamp BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION stamp_audit();

CREATE TABLE page_views (tag text);
INSERT INTO page_views VALUES ('home'), ('home'), ('home'), ('cart');

CREATE TABLE events (id int, at date NOT NULL, payload text) PARTITION BY RANGE (at);
CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
INSERT INTO events SELECT g, DATE '2025-06-01' + g, repeat('x', 3000) FROM generate_series(1, 400) g;

CREATE MATERIALIZED VIEW revenue_by_state AS
SELECT state, sum(total) AS revenue FROM "Order Items" GROUP BY state;

SELECT lo_from_bytea(0, convert_to('a large object in the sandbox', 'UTF8'));
