package dev.rehome.testkit.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The object-name rules a real API server enforces and fabric8's CRUD mock does not: {@code metadata.name} of a
 * created or replaced object must be a DNS-1123 subdomain, and of a Namespace or Service a DNS label. Without this
 * the tests accepted {@code rehome-mcd_tracker-credentials}, a Secret no real cluster would have stored.
 */
final class ObjectNameRules {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern SUBDOMAIN = Pattern.compile(
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern LABEL_NAMED = Pattern.compile("/api/v1/namespaces(/[^/]+/services)?(/[^/]+)?");

    private ObjectNameRules() {
    }

    /** A 422 like the real server's for a create or replace whose name it would refuse; empty otherwise. */
    static Optional<MockResponse> violation(RecordedRequest request) {
        String method = request.getMethod();
        if (!"POST".equals(method) && !"PUT".equals(method)) {
            return Optional.empty();
        }
        String name = name(request);
        if (name == null) {
            return Optional.empty();
        }
        String path = request.getPath().replaceFirst("\\?.*", "");
        boolean label = LABEL_NAMED.matcher(path).matches();
        boolean valid = label ? LABEL.matcher(name).matches()
                : name.length() <= 253 && SUBDOMAIN.matcher(name).matches();
        if (valid) {
            return Optional.empty();
        }
        String rule = label ? "a lowercase RFC 1123 label" : "a lowercase RFC 1123 subdomain";
        return Optional.of(new MockResponse().setResponseCode(422).setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                + "\"metadata\":{},\"status\":\"Failure\",\"message\":\"metadata.name: Invalid value: "
                + name.replace("\\", "\\\\").replace("\"", "\\\"") + ": must be " + rule + "\",\"reason\":\"Invalid\","
                + "\"code\":422}"));
    }

    private static String name(RecordedRequest request) {
        byte[] body = request.getBody() == null ? new byte[0] : request.getBody().getBytes();
        if (body.length == 0) {
            return null;
        }
        try {
            GenericKubernetesResource object = Serialization.unmarshal(new String(body, StandardCharsets.UTF_8),
                    GenericKubernetesResource.class);
            return object == null || object.getMetadata() == null ? null : object.getMetadata().getName();
        } catch (RuntimeException e) {
            return null; // not JSON (a patch, a subresource): the CRUD mock answers as it does
        }
    }
}
