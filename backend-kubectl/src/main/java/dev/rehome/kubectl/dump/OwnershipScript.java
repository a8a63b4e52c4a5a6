package dev.rehome.kubectl.dump;

import dev.rehome.core.Identifiers;

/**
 * SQL that makes one role the owner of every user object in the current database: schemas, tables, partitions,
 * views, materialized views, sequences, foreign tables, functions, procedures, aggregates, types, domains and
 * large objects. Objects that belong to an extension keep their owner (the extension owns them), and identity
 * sequences follow their table (only sequences: a partitioned table has an internal dependency on its own key
 * columns and must not be skipped for it). The role name reaches the DO block through a session setting, so no name can
 * break out of the dollar quoting.
 */
final class OwnershipScript {
    private OwnershipScript() {
    }

    static String forOwner(String role) {
        return "SELECT pg_catalog.set_config('rehome.owner', " + Identifiers.literal(role) + ", false);\n" + BODY;
    }

    private static final String BODY = """
            DO $rehome$
            DECLARE
              owner text := pg_catalog.quote_ident(pg_catalog.current_setting('rehome.owner'));
              r record;
            BEGIN
              FOR r IN
                SELECT n.oid, n.nspname FROM pg_catalog.pg_namespace n
                WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
                  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                                  WHERE d.classid = 'pg_catalog.pg_namespace'::regclass AND d.objid = n.oid
                                    AND d.deptype = 'e')
              LOOP
                EXECUTE pg_catalog.format('ALTER SCHEMA %I OWNER TO %s', r.nspname, owner);
              END LOOP;
              FOR r IN
                SELECT c.oid, c.relkind FROM pg_catalog.pg_class c
                JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                  AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
                  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                                  WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid
                                    AND (d.deptype = 'e' OR (c.relkind = 'S' AND d.deptype = 'i')))
              LOOP
                EXECUTE pg_catalog.format('ALTER %s %s OWNER TO %s',
                  CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
                                 WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
                  r.oid::pg_catalog.regclass, owner);
              END LOOP;
              FOR r IN
                SELECT p.oid, p.prokind FROM pg_catalog.pg_proc p
                JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
                  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                                  WHERE d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = p.oid
                                    AND d.deptype = 'e')
              LOOP
                EXECUTE pg_catalog.format('ALTER %s %s OWNER TO %s',
                  CASE r.prokind WHEN 'a' THEN 'AGGREGATE' WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END,
                  r.oid::pg_catalog.regprocedure, owner);
              END LOOP;
              FOR r IN
                SELECT t.oid, t.typtype FROM pg_catalog.pg_type t
                JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
                WHERE t.typtype IN ('e', 'd', 'r', 'b', 'c')
                  AND (t.typrelid = 0 OR (SELECT c.relkind FROM pg_catalog.pg_class c WHERE c.oid = t.typrelid) = 'c')
                  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type e WHERE e.typarray = t.oid)
                  AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
                  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                                  WHERE d.classid = 'pg_catalog.pg_type'::regclass AND d.objid = t.oid
                                    AND d.deptype = 'e')
              LOOP
                EXECUTE pg_catalog.format('ALTER %s %s OWNER TO %s',
                  CASE r.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, r.oid::pg_catalog.regtype, owner);
              END LOOP;
              FOR r IN SELECT m.oid FROM pg_catalog.pg_largeobject_metadata m
              LOOP
                EXECUTE pg_catalog.format('ALTER LARGE OBJECT %s OWNER TO %s', r.oid, owner);
              END LOOP;
            END
            $rehome$;
            """;
}
