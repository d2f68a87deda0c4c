package dev.beton.cdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.TransactionSystemException;

class StopSentencesTest {

    @Test
    void aCommitOfBetonsOwnDatabaseThatFailsSaysWhatFailedThatNothingIsLostAndThatARerunFinishes() {
        // The shape seen once in the benchmark: H2 failing inside COMMIT.
        TransactionSystemException failed = new TransactionSystemException(
                "JDBC commit failed",
                new SQLException(
                        "GeneralError; SQL statement:\nCOMMIT", new AssertionError("map with id 12686 is missing")));

        assertThat(StopSentences.of(failed))
                .isEqualTo("The sync stopped: Beton could not save its progress in its own database (JDBC commit"
                        + " failed: map with id 12686 is missing). What was synced stays; the next run finishes the"
                        + " rest.");
    }

    @Test
    void aDatabaseThatCannotBeReachedIsNamedWithItsOwnWords() {
        assertThat(StopSentences.of(new DataAccessResourceFailureException("Connection refused.")))
                .startsWith("The sync stopped: Beton could not save its progress in its own database (Connection"
                        + " refused).")
                .endsWith("the next run finishes the rest.");
    }

    @Test
    void anyOtherFailureKeepsItsMessageAndPromisesNoRerun() {
        assertThat(StopSentences.of(new IllegalStateException("the page had no data\nat line 2")))
                .isEqualTo("The sync stopped: the page had no data. What was synced stays.");
        assertThat(StopSentences.of(new IllegalStateException()))
                .isEqualTo("The sync stopped: no reason given. What was synced stays.");
    }
}
