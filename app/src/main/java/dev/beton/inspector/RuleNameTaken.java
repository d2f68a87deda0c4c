package dev.beton.inspector;

/** Another rule of the workspace has this name; names identify rules on the command line. */
public final class RuleNameTaken extends RuntimeException {

    RuleNameTaken(String name) {
        super("The workspace already has a rule named \"" + name + "\".");
    }
}
