package dev.beton.store;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * This installation's persistent random id ({@code beton_installation}), made once by the first
 * caller and the same for every instance on one database afterwards. It tells apart what two
 * Beton installs write into one shared system (Attio deals' {@code beton_key}), where workspace
 * ids alone collide: every install has a workspace 1.
 */
@Component
public class Installation {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile String id;

    Installation(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** 12 lower-case hex characters, e.g. {@code 3f9a1c0d2b7e}. */
    public String id() {
        String known = id;
        if (known == null) {
            known = stored().orElseGet(this::create);
            id = known;
        }
        return known;
    }

    private Optional<String> stored() {
        return jdbc.sql("SELECT install_id FROM beton_installation WHERE singleton = 1")
                .query(String.class)
                .optional();
    }

    private String create() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        try {
            jdbc.sql("INSERT INTO beton_installation (singleton, install_id, created_at) VALUES (1, ?, ?)")
                    .params(HexFormat.of().formatHex(bytes), Timestamps.of(clock.instant()))
                    .update();
        } catch (DuplicateKeyException anotherInstanceWasFirst) {
            // Its id is the installation's; ours is dropped.
        }
        return stored().orElseThrow();
    }
}
