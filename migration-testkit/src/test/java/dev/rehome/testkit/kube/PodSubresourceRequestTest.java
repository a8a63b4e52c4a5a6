package dev.rehome.testkit.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PodSubresourceRequestTest {

    @Test
    void parsesRepeatedEncodedCommandArgumentsInOrder() {
        PodSubresourceRequest r = PodSubresourceRequest.parse("/api/v1/namespaces/basketball-api/pods/postgres-0/exec"
                + "?command=sh&command=-c&command=echo%20%22%24PGPASSWORD%22&container=postgres&stdin=true&stdout=true").orElseThrow();
        assertThat(r.namespace()).isEqualTo("basketball-api");
        assertThat(r.pod()).isEqualTo("postgres-0");
        assertThat(r.subresource()).isEqualTo("exec");
        assertThat(r.all("command")).containsExactly("sh", "-c", "echo \"$PGPASSWORD\"");
        assertThat(r.flag("stdin")).isTrue();
        assertThat(r.flag("stderr")).isFalse();
    }

    @Test
    void recognisesPortForwardAndLogButNotOtherPaths() {
        assertThat(PodSubresourceRequest.parse("/api/v1/namespaces/p/pods/x/portforward?ports=5432").orElseThrow().all("ports"))
                .isEqualTo(List.of("5432"));
        assertThat(PodSubresourceRequest.parse("/api/v1/namespaces/p/pods/x/log?tailLines=40")).isPresent();
        assertThat(PodSubresourceRequest.parse("/api/v1/namespaces/p/pods/x")).isEmpty();
        assertThat(PodSubresourceRequest.parse("/api/v1/namespaces/p/pods/x/status")).isEmpty();
    }
}
