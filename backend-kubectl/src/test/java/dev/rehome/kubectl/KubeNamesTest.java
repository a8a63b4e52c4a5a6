package dev.rehome.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KubeNamesTest {
    private static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

    @Test
    void namesThatDifferOnlyInCharactersADnsLabelCannotHoldStayDistinct() {
        String underscore = KubeNames.derived("rehome-fence-", "a_b");
        String dash = KubeNames.derived("rehome-fence-", "a-b");
        String upper = KubeNames.derived("rehome-fence-", "A-B");

        assertThat(underscore).startsWith("rehome-fence-a-b-").matches(DNS_LABEL);
        assertThat(dash).startsWith("rehome-fence-a-b-").matches(DNS_LABEL);
        assertThat(underscore).isNotEqualTo(dash);
        assertThat(upper).isNotEqualTo(dash);
        assertThat(KubeNames.derived("rehome-fence-", "a_b")).as("stable across runs").isEqualTo(underscore);
    }

    @Test
    void aLongNameIsCutToADnsLabelAndKeepsItsHash() {
        String longName = "x".repeat(63) + "\"; DROP DATABASE x; --";
        String derived = KubeNames.derived("rehome-fence-", longName);

        assertThat(derived).hasSizeLessThanOrEqualTo(63).matches(DNS_LABEL);
        assertThat(derived).isNotEqualTo(KubeNames.derived("rehome-fence-", "x".repeat(63)));
    }
}
