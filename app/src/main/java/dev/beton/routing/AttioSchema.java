package dev.beton.routing;

import dev.beton.crm.AttioAttribute;
import dev.beton.crm.AttioException;
import dev.beton.workspace.credentials.Secret;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Makes sure the Attio workspace's deals have the attributes Beton writes, creating the missing
 * ones on first apply with the right types: {@code beton_key} (text, unique — what makes creating
 * a deal idempotent), {@code lead_source} (select with the option {@code pql}; a text attribute of
 * that name is used as it is), {@code pql_score} and {@code beton_health_score} (number),
 * {@code pql_signals} and {@code beton_url} (text). Once done for a token, it is not asked again
 * in this process.
 */
@Component
class AttioSchema {

    /** Attio cannot take Beton's values: a missing scope or a conflicting attribute, in words. */
    static final class Unfit extends RuntimeException {
        Unfit(String message) {
            super(message);
        }
    }

    private record Needed(String slug, String title, String type, boolean unique, String description) {}

    private static final List<Needed> NEEDED = List.of(
            new Needed(DealValues.BETON_KEY, "Beton key", "text", true, "Beton's routing key; keeps deals unique"),
            new Needed(DealValues.LEAD_SOURCE, "Lead source", "select", false, "Where the deal came from"),
            new Needed(DealValues.PQL_SCORE, "PQL score", "number", false, "Beton PQL score, 0-100"),
            new Needed(DealValues.PQL_SIGNALS, "PQL signals", "text", false, "Beton signal types behind the score"),
            new Needed(DealValues.HEALTH, "Beton health score", "number", false, "Beton account health, 0-100"),
            new Needed(DealValues.LINK, "Beton account", "text", false, "The account's page in Beton"));

    private final AttioCalls attio;
    private final Set<String> ready = ConcurrentHashMap.newKeySet();

    AttioSchema(AttioCalls attio) {
        this.attio = attio;
    }

    void ensure(Secret token, AttioCalls.Context context) {
        String key = context.workspaceId() + "|" + AttioCalls.keyOf(token);
        if (ready.contains(key)) {
            return;
        }
        Map<String, AttioAttribute> present = attio.read(token, c -> c.attributes(token, "deals")).stream()
                .collect(Collectors.toMap(AttioAttribute::apiSlug, a -> a, (a, b) -> a));
        List<Needed> missing =
                NEEDED.stream().filter(n -> !present.containsKey(n.slug())).toList();
        AttioAttribute betonKey = present.get(DealValues.BETON_KEY);
        if (betonKey != null && !betonKey.unique()) {
            throw new Unfit("The deals attribute beton_key exists in Attio but is not unique, so Beton could not"
                    + " prevent duplicate deals: delete it in Attio (Beton re-creates it as unique) and apply again.");
        }
        for (Needed needed : missing) {
            try {
                attio.write(token, context, "POST /v2/objects/deals/attributes " + needed.slug(), c -> {
                    c.createAttribute(
                            token,
                            "deals",
                            needed.slug(),
                            needed.title(),
                            needed.type(),
                            needed.unique(),
                            needed.description());
                    return needed.slug();
                });
            } catch (AttioException.Forbidden f) {
                throw new Unfit("Beton cannot create the deal attributes "
                        + missing.stream().map(Needed::slug).collect(Collectors.joining(", "))
                        + ": the Attio token lacks the scope object_configuration:read-write. Grant it in Attio"
                        + " (Workspace settings → Developers → your integration), or create these attributes by"
                        + " hand, then apply again.");
            } catch (AttioException.ApiError e) {
                if (e.status() != 409) {
                    throw e;
                }
                // slug_conflict: another instance created it a moment ago.
            }
        }
        String leadSourceType = present.containsKey(DealValues.LEAD_SOURCE)
                ? present.get(DealValues.LEAD_SOURCE).type()
                : "select";
        if (leadSourceType.equals("select")
                && !attio.read(token, c -> c.options(token, "deals", DealValues.LEAD_SOURCE))
                        .contains(DealValues.PQL)) {
            try {
                attio.write(token, context, "POST /v2/objects/deals/attributes/lead_source/options pql", c -> {
                    c.createOption(token, "deals", DealValues.LEAD_SOURCE, DealValues.PQL);
                    return DealValues.PQL;
                });
            } catch (AttioException.Forbidden f) {
                throw new Unfit("Beton cannot add the option 'pql' to the deals attribute lead_source: the Attio token"
                        + " lacks the scope object_configuration:read-write. Grant it, or add the option by hand.");
            } catch (AttioException.ApiError e) {
                if (e.status() != 409) {
                    throw e;
                }
            }
        }
        ready.add(key);
    }

    /** Forget what is known, e.g. after a token change. */
    void forget() {
        ready.clear();
    }
}
