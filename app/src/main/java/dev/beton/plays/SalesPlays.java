package dev.beton.plays;

import dev.beton.crm.DealNotes;
import dev.beton.web.ProblemException;
import dev.beton.workspace.credentials.Secret;
import dev.beton.workspace.credentials.SecretVault;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/** Writes an account's sales play (template or LLM), as Markdown too, and attaches it to the Attio deal. */
@Service
class SalesPlays {

    static final String VAULT_INTEGRATION = "llm";
    static final String VAULT_NAME = "api_key";

    /** Who writes the play. */
    enum Writer {
        TEMPLATE,
        LLM;

        static Writer of(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "", "template" -> TEMPLATE;
                case "llm" -> LLM;
                default -> throw ProblemException.badRequest("'writer' is template or llm, not '" + value + "'.");
            };
        }
    }

    private final PlayFactsReader facts;
    private final LlmProperties llmProperties;
    private final LlmPlay llm;
    private final SecretVault vault;
    private final ObjectProvider<DealNotes> notes;
    private final Clock clock;

    SalesPlays(
            PlayFactsReader facts,
            LlmProperties llmProperties,
            SecretVault vault,
            ObjectProvider<DealNotes> notes,
            JsonMapper json,
            Clock clock) {
        this.facts = facts;
        this.llmProperties = llmProperties;
        this.vault = vault;
        this.notes = notes;
        this.clock = clock;
        this.llm = new LlmPlay(
                llmProperties,
                HttpClient.newBuilder()
                        .connectTimeout(java.time.Duration.ofSeconds(10))
                        .build(),
                json);
    }

    SalesPlay play(long workspaceId, String accountKey, Writer writer) {
        PlayFacts known = facts.read(workspaceId, accountKey, clock.instant());
        return switch (writer) {
            case TEMPLATE -> TemplatePlay.write(known);
            case LLM -> llm.write(known, vault.open(workspaceId, VAULT_INTEGRATION, VAULT_NAME));
        };
    }

    String markdown(SalesPlay play) {
        return PlayMarkdown.of(play);
    }

    boolean llmConfigured() {
        return llmProperties.configured();
    }

    /** Seals the workspace's LLM API key (replacing the previous one); answers it masked. */
    String sealKey(long workspaceId, String key) {
        if (key == null || key.isBlank() || key.strip().length() > 500) {
            throw ProblemException.badRequest("The API key must be 1 to 500 characters.");
        }
        Secret secret = Secret.of(key.strip());
        vault.seal(workspaceId, VAULT_INTEGRATION, VAULT_NAME, secret);
        return secret.masked();
    }

    Optional<String> maskedKey(long workspaceId) {
        return vault.open(workspaceId, VAULT_INTEGRATION, VAULT_NAME).map(Secret::masked);
    }

    /** Writes the play and puts it on the account's Attio deal as a note; answers what happened, in a sentence. */
    String attachToDeal(long workspaceId, String accountKey, String actor, Writer writer) {
        DealNotes dealNotes = notes.getIfAvailable();
        if (dealNotes == null) {
            throw ProblemException.conflict("Deal notes are not available in this Beton.");
        }
        SalesPlay play = play(workspaceId, accountKey, writer);
        DealNotes.Outcome outcome = dealNotes.noteOnDeal(
                workspaceId, accountKey, actor, "Beton sales play (" + play.asOf() + ")", markdown(play));
        return switch (outcome) {
            case DealNotes.Outcome.Attached a -> "The sales play is a note on the Attio deal " + a.dealRecordId() + ".";
            case DealNotes.Outcome.NoDeal n ->
                throw ProblemException.conflict("Beton has made no deal for '" + accountKey
                        + "' yet, so there is no deal to attach the play to.");
            case DealNotes.Outcome.NotConnected n ->
                throw ProblemException.conflict("Attio is not connected: connect it under Settings → Connections.");
        };
    }
}
