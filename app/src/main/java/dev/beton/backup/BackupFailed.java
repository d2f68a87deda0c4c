package dev.beton.backup;

/** A backup or restore that cannot be done, with the sentence to show. */
public final class BackupFailed extends RuntimeException {

    public BackupFailed(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}
