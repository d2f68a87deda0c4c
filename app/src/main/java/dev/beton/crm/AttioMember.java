package dev.beton.crm;

/**
 * A member of the Attio workspace (deal owners are members), as {@code GET /v2/workspace_members}
 * lists them.
 *
 * @param id the workspace member id, which record values such as a deal's {@code owner} refer to
 */
public record AttioMember(String id, String firstName, String lastName, String email) {

    /** "First Last", or the e-mail when Attio has no name for the member. */
    public String name() {
        String name = (firstName + " " + lastName).strip();
        return name.isEmpty() ? email : name;
    }
}
