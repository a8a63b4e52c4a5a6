package dev.rehome.core;

/**
 * A copy given up because it stopped moving: no bytes for the stall limit, or past its deadline. The engine has
 * closed its connections and stopped its programs by the time this is thrown; the target is incomplete.
 */
public class CopyStalledException extends OperationFailedException {
    public CopyStalledException(String message) {
        super(message);
    }
}
