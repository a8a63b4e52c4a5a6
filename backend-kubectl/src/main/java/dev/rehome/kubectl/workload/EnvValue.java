package dev.rehome.kubectl.workload;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.util.Objects;

/** The value to give an env var: a literal (never a password) or a key of a Secret. */
public sealed interface EnvValue {
    EnvVar toEnvVar(String name);

    /** A plain value; use {@link FromSecret} for anything with a password in it. */
    record Literal(String value) implements EnvValue {
        public Literal {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public EnvVar toEnvVar(String name) {
            return new EnvVarBuilder().withName(name).withValue(value).build();
        }
    }

    /** {@code valueFrom.secretKeyRef}: the value stays in the Secret, the Deployment only names it. */
    record FromSecret(String secret, String key) implements EnvValue {
        public FromSecret {
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(key, "key");
        }

        @Override
        public EnvVar toEnvVar(String name) {
            return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef()
                    .withName(secret).withKey(key).endSecretKeyRef().endValueFrom().build();
        }
    }
}
