-- mcd-tracker: a small, deterministic copy of the tracker's schema and data for the fleet sandbox.
-- 12 restaurants, 40 menu items, 300 visits, 610 visit items. No random(): checksums are stable across runs.

CREATE TABLE public.restaurants (
    id         integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text NOT NULL UNIQUE,
    city       text NOT NULL,
    opened_on  date NOT NULL
);

CREATE TABLE public.menu_items (
    id          serial PRIMARY KEY,
    name        text NOT NULL UNIQUE,
    price_cents integer NOT NULL CHECK (price_cents > 0),
    calories    integer
);

CREATE TABLE public.visits (
    id             bigserial PRIMARY KEY,
    restaurant_id  integer NOT NULL REFERENCES public.restaurants (id),
    visited_at     timestamptz NOT NULL,
    rating         smallint CHECK (rating BETWEEN 1 AND 5),
    note           text
);

CREATE TABLE public.visit_items (
    visit_id      bigint NOT NULL REFERENCES public.visits (id) ON DELETE CASCADE,
    menu_item_id  integer NOT NULL REFERENCES public.menu_items (id),
    quantity      integer NOT NULL DEFAULT 1,
    PRIMARY KEY (visit_id, menu_item_id)
);

CREATE INDEX visits_restaurant_idx ON public.visits (restaurant_id, visited_at);

CREATE VIEW public.restaurant_ratings AS
    SELECT r.name, count(v.id) AS visits, avg(v.rating)::numeric(3,2) AS rating
    FROM public.restaurants r LEFT JOIN public.visits v ON v.restaurant_id = r.id GROUP BY r.name;

INSERT INTO public.restaurants (name, city, opened_on)
SELECT 'Store #' || lpad(g::text, 4, '0'), (ARRAY['Portland', 'Salem', 'Eugene', 'Bend'])[1 + g % 4],
       date '1990-01-01' + g * 400
FROM generate_series(1, 12) g;

INSERT INTO public.menu_items (name, price_cents, calories)
SELECT 'Item ' || g, 199 + g * 37, CASE WHEN g % 5 = 0 THEN NULL ELSE 150 + g * 20 END
FROM generate_series(1, 40) g;

INSERT INTO public.visits (restaurant_id, visited_at, rating, note)
SELECT 1 + g % 12, timestamptz '2025-01-01 12:00:00+00' + g * interval '7 hours', 1 + g % 5,
       CASE WHEN g % 7 = 0 THEN 'fries were ' || (ARRAY['cold', 'perfect', 'salty'])[1 + g % 3] END
FROM generate_series(1, 300) g;

INSERT INTO public.visit_items (visit_id, menu_item_id, quantity)
SELECT v, 1 + (v + k * 7) % 40, 1 + k % 3
FROM generate_series(1, 300) v, generate_series(1, 2) k
UNION ALL
SELECT v, 40 - v % 7, 2 FROM generate_series(1, 10) v;
