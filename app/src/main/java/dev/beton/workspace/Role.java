package dev.beton.workspace;

/** A member's role in one workspace. Admins manage connections and members. */
public enum Role {
    ADMIN,
    MEMBER;

    String column() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Role fromColumn(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
