package dev.rehome.jdbc.copy;

/** The parts of a schema-only dump that the jdbc-direct engine applies before and after the data. */
public enum DumpSection {
    /** Types, tables, functions, views: everything the data needs to land in. */
    PRE_DATA("pre-data"),
    /** Indexes, constraints, triggers, rules, policies: built after the data, so they cost once and never fire. */
    POST_DATA("post-data");

    private final String pgDumpName;

    DumpSection(String pgDumpName) {
        this.pgDumpName = pgDumpName;
    }

    /** The value of pg_dump's {@code --section} option. */
    public String pgDumpName() {
        return pgDumpName;
    }
}
