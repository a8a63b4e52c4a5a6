-- pal-e-mail: a small, deterministic copy of the mail app's schema and data for the fleet sandbox.
-- 5 mailboxes, 6 labels, 250 messages (jsonb headers, some with a bytea attachment), 400 message labels,
-- in their own schema "mail". No random(): checksums are stable across runs.

CREATE SCHEMA mail;

CREATE TABLE mail.mailboxes (
    id       serial PRIMARY KEY,
    address  text NOT NULL UNIQUE,
    quota_mb integer NOT NULL DEFAULT 1024
);

CREATE TABLE mail.labels (
    id    serial PRIMARY KEY,
    name  text NOT NULL UNIQUE,
    color text NOT NULL
);

CREATE TABLE mail.messages (
    id          bigserial PRIMARY KEY,
    mailbox_id  integer NOT NULL REFERENCES mail.mailboxes (id),
    received_at timestamptz NOT NULL,
    subject     text NOT NULL,
    headers     jsonb NOT NULL,
    body        text NOT NULL,
    attachment  bytea,
    size_bytes  integer GENERATED ALWAYS AS (octet_length(body) + coalesce(octet_length(attachment), 0)) STORED
);

CREATE TABLE mail."Message Labels" (
    message_id bigint NOT NULL REFERENCES mail.messages (id) ON DELETE CASCADE,
    label_id   integer NOT NULL REFERENCES mail.labels (id),
    PRIMARY KEY (message_id, label_id)
);

CREATE INDEX messages_mailbox_idx ON mail.messages (mailbox_id, received_at DESC);

INSERT INTO mail.mailboxes (address) SELECT 'user' || g || '@pal-e.dev' FROM generate_series(1, 5) g;

INSERT INTO mail.labels (name, color)
SELECT n, c FROM (VALUES ('inbox', '#888'), ('work', '#06c'), ('family', '#c60'), ('receipts', '#090'),
                         ('spam', '#c00'), ('später', '#60c')) AS l(n, c);

INSERT INTO mail.messages (mailbox_id, received_at, subject, headers, body, attachment)
SELECT 1 + g % 5, timestamptz '2026-01-01 08:00:00+00' + g * interval '90 minutes',
       'Message ' || g || CASE WHEN g % 11 = 0 THEN ' — ünïcödé' ELSE '' END,
       jsonb_build_object('from', 'sender' || g % 17 || '@example.org', 'spf', g % 3 <> 0),
       repeat('Body line ' || g || E'\n', 1 + g % 9),
       CASE WHEN g % 10 = 0 THEN decode(md5(g::text), 'hex') END
FROM generate_series(1, 250) g;

INSERT INTO mail."Message Labels" (message_id, label_id)
SELECT m, 1 FROM generate_series(1, 250) m
UNION ALL
SELECT m, 2 + m % 5 FROM generate_series(1, 150) m;
