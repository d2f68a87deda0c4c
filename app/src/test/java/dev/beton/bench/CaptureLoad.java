package dev.beton.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * A load client for {@code POST /batch}, run as its own process (docs/PERFORMANCE.md):
 *
 * <pre>java -cp target/test-classes dev.beton.bench.CaptureLoad URL TOKEN SECONDS CONNECTIONS BATCH [gzip]</pre>
 *
 * Each request carries BATCH new events (fresh uuids, 2,000 users, 200 companies). Prints
 * acknowledged events/s and request latency percentiles; every 200 counts only after the server
 * committed the events.
 */
public final class CaptureLoad {

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0].replaceAll("/$", "") + "/batch");
        String token = args[1];
        Duration duration = Duration.ofSeconds(Long.parseLong(args[2]));
        int connections = Integer.parseInt(args[3]);
        int batch = Integer.parseInt(args[4]);
        boolean gzip = args.length > 5 && args[5].equals("gzip");
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicLong events = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            long[] mine = new long[2_000_000];
            latencies.add(mine);
            threads.add(Thread.ofPlatform().start(() -> {
                int n = 0;
                while (System.nanoTime() < end && n < mine.length) {
                    byte[] body = body(token, batch, gzip);
                    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                    if (gzip) {
                        request.header("Content-Encoding", "gzip");
                    }
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<Void> response =
                                http.send(request.build(), HttpResponse.BodyHandlers.discarding());
                        mine[n++] = System.nanoTime() - t0;
                        if (response.statusCode() == 200) {
                            events.addAndGet(batch);
                        } else {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
                mine[mine.length - 1] = n;
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] all = latencies.stream()
                .flatMapToLong(l -> Arrays.stream(l, 0, (int) l[l.length - 1]))
                .sorted()
                .toArray();
        System.out.printf(
                "batch=%d connections=%d gzip=%s: %,d events acknowledged in %.1f s = %,.0f events/s, %,d requests,"
                        + " %d failed, latency p50 %.1f ms p99 %.1f ms max %.1f ms%n",
                batch,
                connections,
                gzip,
                events.get(),
                seconds,
                events.get() / seconds,
                all.length,
                failures.get(),
                percentile(all, 0.50),
                percentile(all, 0.99),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, sorted.length * p)] / 1e6;
    }

    static byte[] body(String token, int batch, boolean gzip) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder body = new StringBuilder(batch * 260)
                .append("{\"api_key\":\"")
                .append(token)
                .append("\",\"sent_at\":\"2026-01-01T00:00:00Z\",\"batch\":[");
        for (int i = 0; i < batch; i++) {
            int user = random.nextInt(2_000);
            body.append(i == 0 ? "" : ",")
                    .append("{\"event\":\"feature_used\",\"distinct_id\":\"user-")
                    .append(user)
                    .append("\",\"uuid\":\"")
                    .append(UUID.randomUUID())
                    .append("\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"properties\":{\"feature\":\"reports\",")
                    .append("\"$current_url\":\"https://app.example.com/reports\",\"$lib\":\"bench\",")
                    .append("\"$groups\":{\"company\":\"company-")
                    .append(user % 200)
                    .append("\"}}}");
        }
        byte[] json = body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        if (!gzip) {
            return json;
        }
        try {
            var out = new java.io.ByteArrayOutputStream();
            try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
                zip.write(json);
            }
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private CaptureLoad() {}
}
