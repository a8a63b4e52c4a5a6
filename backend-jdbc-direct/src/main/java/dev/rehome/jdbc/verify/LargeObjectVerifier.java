package dev.rehome.jdbc.verify;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.Finding;
import dev.rehome.core.VerificationReport;
import dev.rehome.core.Verifier;
import dev.rehome.jdbc.PgConnector;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.largeobject.LargeObject;
import org.postgresql.largeobject.LargeObjectManager;

/**
 * Compares large objects by OID (pg_dump and the COPY engine keep OIDs, and applications store them): their
 * number, and the SHA-256 of each one's content, read in chunks through the large-object API so a large object
 * of any size costs one buffer. Memory holds one OID and hash per large object.
 */
final class LargeObjectVerifier implements Verifier {
    static final String CHECK = "large-objects";
    /** Enough findings to act on; the count finding still says how many differ in all. */
    static final int MAX_DETAILED_FINDINGS = 50;
    private static final int CHUNK = 256 * 1024;
    private static final String LIST = "SELECT m.oid FROM pg_catalog.pg_largeobject_metadata m ORDER BY m.oid";

    private final PgConnector connector;

    LargeObjectVerifier(PgConnector connector) {
        this.connector = Objects.requireNonNull(connector, "connector");
    }

    @Override
    public VerificationReport verify(DatabaseEndpoint source, DatabaseEndpoint target) {
        try (PairedSessions sessions = PairedSessions.open(connector, source, target)) {
            Sides<Map<Long, String>> hashes = sessions.both("hashing large objects", LargeObjectVerifier::hashAll);
            List<Finding> findings = new ArrayList<>();
            int s = hashes.source().size();
            int t = hashes.target().size();
            if (s != t) {
                findings.add(new Finding(CHECK, "large object count", String.valueOf(s), String.valueOf(t)));
            }
            TreeSet<Long> oids = new TreeSet<>(hashes.source().keySet());
            oids.addAll(hashes.target().keySet());
            int differing = 0;
            for (Long oid : oids) {
                String sh = hashes.source().get(oid);
                String th = hashes.target().get(oid);
                if (!Objects.equals(sh, th) && ++differing <= MAX_DETAILED_FINDINGS) {
                    findings.add(new Finding(CHECK, "large object " + oid, shown(sh), shown(th)));
                }
            }
            if (differing > MAX_DETAILED_FINDINGS) {
                findings.add(new Finding(CHECK, "large objects not listed above", "",
                        (differing - MAX_DETAILED_FINDINGS) + " more differ"));
            }
            return VerificationReport.ofFindings(CHECK, findings);
        }
    }

    private static String shown(String hash) {
        return hash == null ? null : "sha256 " + hash;
    }

    private static Map<Long, String> hashAll(Handle session) throws SQLException {
        Map<Long, String> out = new TreeMap<>();
        LargeObjectManager api = session.getConnection().unwrap(PGConnection.class).getLargeObjectAPI();
        byte[] buffer = new byte[CHUNK];
        for (long oid : session.createQuery(LIST).mapTo(Long.class).list()) {
            out.put(oid, hash(api, oid, buffer));
        }
        return out;
    }

    private static String hash(LargeObjectManager api, long oid, byte[] buffer) throws SQLException {
        MessageDigest sha = sha256();
        LargeObject lo = api.open(oid, LargeObjectManager.READ);
        try {
            int n;
            while ((n = lo.read(buffer, 0, buffer.length)) > 0) {
                sha.update(buffer, 0, n);
            }
        } finally {
            lo.close();
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
