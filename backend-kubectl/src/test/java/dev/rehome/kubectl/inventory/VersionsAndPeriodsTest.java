package dev.rehome.kubectl.inventory;

import dev.rehome.core.audit.EngineVersion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VersionsAndPeriodsTest {
    @Test
    void officialImagesTagsAreServerVersions() {
        assertThat(ImageVersions.fromImage(DataEngine.POSTGRESQL, "postgres:16-alpine"))
                .isEqualTo(new EngineVersion("16", EngineVersion.Source.IMAGE, "tag of official image postgres:16-alpine"));
        assertThat(ImageVersions.fromImage(DataEngine.POSTGRESQL, "docker.io/library/postgres:17.2").value()).isEqualTo("17.2");
        assertThat(ImageVersions.fromImage(DataEngine.POSTGRESQL, "mirror.local:5000/postgres:15").value()).isEqualTo("15");
        assertThat(ImageVersions.fromImage(DataEngine.POSTGRESQL, "pgvector/pgvector:pg16").value()).isEqualTo("16");
        assertThat(ImageVersions.fromImage(DataEngine.MYSQL, "mysql:8.0.39").value()).isEqualTo("8.0.39");
    }

    @Test
    void aCustomImageOrAVersionlessTagIsUnknownWithTheReason() {
        EngineVersion ledger = ImageVersions.fromImage(DataEngine.POSTGRESQL, "ledger-db:3.1");
        assertThat(ledger.known()).isFalse();
        assertThat(ledger.detail()).isEqualTo("image ledger-db:3.1 is not an official postgresql image, so its tag is "
                + "not a server version");
        // timescale/timescaledb's tags lead with TimescaleDB's own version (2.14.2-pg16), not PostgreSQL's.
        assertThat(ImageVersions.fromImage(DataEngine.POSTGRESQL, "timescale/timescaledb:2.14.2-pg16").known()).isFalse();
        assertThat(ImageVersions.fromImage(DataEngine.POSTGRESQL, "postgres:latest").detail())
                .isEqualTo("image postgres:latest has tag 'latest', which names no version");
        assertThat(ImageVersions.fromImage(DataEngine.POSTGRESQL, "postgres@sha256:abc").detail()).contains("has no tag");
    }
}
