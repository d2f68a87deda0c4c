package dev.beton.emulator.attio;

import java.util.Locale;
import java.util.UUID;

/** A workspace member as {@code GET /v2/workspace_members} lists it. */
record AttioMember(UUID id, String email, String firstName, String lastName) {

    /**
     * A member known only by e-mail: the name is read off the address ({@code ann.rep@x} → Ann
     * Rep), as a test world rarely cares which name a rep has, only that it is not an id.
     */
    static AttioMember fromEmail(UUID id, String email, String firstName, String lastName) {
        if (firstName != null) {
            return new AttioMember(id, email, firstName, lastName == null ? "" : lastName);
        }
        String[] parts = email.substring(0, Math.max(0, email.indexOf('@'))).split("[._-]+", 2);
        return new AttioMember(id, email, capital(parts[0]), parts.length > 1 ? capital(parts[1]) : "");
    }

    private static String capital(String word) {
        return word.isEmpty() ? word : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }
}
