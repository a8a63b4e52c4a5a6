package dev.rehome.kubectl.inventory;

/** Splits container image references: {@code registry:5000/bitnami/postgresql:16.4.0@sha256:...}. */
final class ImageName {
    private ImageName() {
    }

    /** The last path segment without tag or digest: {@code postgresql}. */
    static String repository(String image) {
        String withoutDigest = stripDigest(image);
        String last = withoutDigest.substring(withoutDigest.lastIndexOf('/') + 1);
        int colon = last.indexOf(':');
        return colon < 0 ? last : last.substring(0, colon);
    }

    /** The leading version of the tag ({@code 16} of {@code 16-alpine}, {@code 8.0.39} of {@code 8.0.39}), or "". */
    static String version(String image) {
        String withoutDigest = stripDigest(image);
        String last = withoutDigest.substring(withoutDigest.lastIndexOf('/') + 1);
        int colon = last.indexOf(':');
        if (colon < 0) {
            return "";
        }
        // pgvector tags "pg16", some images "v2.7.1".
        String tag = last.substring(colon + 1).replaceFirst("^(pg|v)(?=\\d)", "");
        int end = 0;
        while (end < tag.length() && (Character.isDigit(tag.charAt(end)) || tag.charAt(end) == '.')) {
            end++;
        }
        String version = tag.substring(0, end);
        return version.endsWith(".") ? version.substring(0, version.length() - 1) : version;
    }

    private static String stripDigest(String image) {
        int at = image.indexOf('@');
        return at < 0 ? image : image.substring(0, at);
    }

    /**
     * The repository path without registry, tag or digest, and without Docker Hub's {@code library/}:
     * {@code bitnami/postgresql} of {@code docker.io/bitnami/postgresql:16}, {@code postgres} of
     * {@code docker.io/library/postgres:16}.
     */
    static String path(String image) {
        String withoutDigest = stripDigest(image);
        int lastSlash = withoutDigest.lastIndexOf('/');
        int colon = withoutDigest.indexOf(':', lastSlash + 1);
        String repository = colon < 0 ? withoutDigest : withoutDigest.substring(0, colon);
        int slash = repository.indexOf('/');
        if (slash > 0) {
            String first = repository.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                repository = repository.substring(slash + 1);
            }
        }
        return repository.startsWith("library/") ? repository.substring("library/".length()) : repository;
    }

    /** The tag, or "" when the image has none (then it runs whatever {@code latest} or a digest is). */
    static String tag(String image) {
        String withoutDigest = stripDigest(image);
        String last = withoutDigest.substring(withoutDigest.lastIndexOf('/') + 1);
        int colon = last.indexOf(':');
        return colon < 0 ? "" : last.substring(colon + 1);
    }
}
