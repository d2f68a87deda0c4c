package dev.beton.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.beton.BetonApplication;
import dev.beton.testsupport.TestStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.NestedExceptionUtils;

/** Start-up refusals an operator must understand from one sentence. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTest {

    @Test
    void unreachableDatabaseIsOneSentenceNamingTheVariable(CapturedOutput output) {
        Throwable failure = start("--DATABASE_URL=postgresql://beton:pw@127.0.0.1:1/beton");
        assertThat(rootProblem(failure))
                .hasMessageStartingWith("DATABASE_URL points to jdbc:postgresql://127.0.0.1:1/beton");
        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("DATABASE_URL points to")
                .doesNotContain("pw@")
                .doesNotContain("\tat org.postgresql");
    }

    @Test
    void malformedDatabaseUrlIsRefused(CapturedOutput output) {
        Throwable failure = start("--DATABASE_URL=mysql://x@y/z");
        assertThat(rootProblem(failure)).hasMessageStartingWith("DATABASE_URL is malformed");
        assertThat(output.getAll()).contains("DATABASE_URL is malformed");
    }

    @Test
    void dataDirThatCannotBeWrittenIsRefused(CapturedOutput output) throws IOException {
        Path file = Files.createTempFile(TestStores.freshDataDir(), "not-a-dir", ".txt");
        Throwable failure = start("--beton.data-dir=" + file.resolve("data"));
        assertThat(rootProblem(failure)).hasMessageContaining("is not writable");
        assertThat(output.getAll()).contains("is not writable (BETON_DATA_DIR / --data-dir)");
    }

    @Test
    void aDataDirLockedByAnotherProcessIsInUse() throws Exception {
        Path dir = TestStores.freshDataDir();
        Process holder =
                new ProcessBuilder(javaCommand(dir)).redirectErrorStream(true).start();
        try {
            String ready = new String(holder.getInputStream().readNBytes(6));
            assertThat(ready).isEqualTo("locked");
            Throwable failure = start("--beton.data-dir=" + dir);
            assertThat(rootProblem(failure))
                    .hasMessage("The data directory " + dir.toAbsolutePath().normalize()
                            + " is in use by another Beton process.");
        } finally {
            holder.destroy();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static List<String> javaCommand(Path dir) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LockHolder.class.getName());
        command.add(dir.toString());
        return command;
    }

    private static Throwable start(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (all.stream().noneMatch(a -> a.startsWith("--beton.data-dir"))) {
            all.add("--beton.data-dir=" + TestStores.freshDataDir());
        }
        all.add("--server.port=0");
        all.add("--beton.admin.email=" + TestStores.ADMIN_EMAIL);
        all.add("--beton.admin.password=" + TestStores.ADMIN_PASSWORD);
        Throwable failure =
                catchThrowable(() -> SpringApplication.run(BetonApplication.class, all.toArray(String[]::new))
                        .close());
        assertThat(failure).as("start-up should have been refused").isNotNull();
        return failure;
    }

    private static StartupProblem rootProblem(Throwable failure) {
        Throwable current = failure;
        while (current != null && !(current instanceof StartupProblem)) {
            current = current.getCause();
        }
        assertThat(current)
                .as("a StartupProblem in %s", NestedExceptionUtils.getMostSpecificCause(failure))
                .isInstanceOf(StartupProblem.class);
        return (StartupProblem) current;
    }

    /** Holds a data dir's lock in a separate JVM, as a running Beton would. */
    public static final class LockHolder {
        public static void main(String[] args) throws InterruptedException {
            DataDirectory.claim(Path.of(args[0]));
            System.out.print("locked");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
