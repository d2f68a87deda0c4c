package dev.beton.workspace;

/**
 * A member's role in one workspace. Admins manage connections and members; the executive section
 * (business health, alerts) is for admins and executives; an executive otherwise sees what a
 * member sees.
 */
public enum Role {
    ADMIN,
    MEMBER,
    EXECUTIVE;

    String column() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Role fromColumn(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
