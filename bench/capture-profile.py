#!/usr/bin/env python3
"""Where capture's CPU goes, from a JFR recording of the server (bench/capture.sh with
BETON_BENCH_CAPTURE_JFR=1): samples split into request threads (tomcat-handler, virtual) and the
workspace writer thread, each bucketed by the first matching frame of its stack. Native samples
count only inside DuckDB (other native samples are threads waiting in epoll/accept).
Usage: bench/capture-profile.py target/bench/capture.jfr"""
import collections, json, os, subprocess, sys

jfr = os.path.join(os.environ.get("JAVA_HOME", "/usr"), "bin", "jfr")
raw = subprocess.run([jfr, "print", "--json", "--stack-depth", "64", "--events",
                      "jdk.ExecutionSample,jdk.NativeMethodSample", sys.argv[1]],
                     check=True, capture_output=True, text=True).stdout
# first match wins: specific Beton frames before the frameworks that sit under every request
RULES = [("PersonDirectory", "persons (cache lookups)"), ("ProfileWriter", "person/group profiles"),
         ("GroupTypes", "group types"), ("registerGroupTypes", "group types"), ("groupSlots", "group slots"),
         ("appendEvents", "append events (DuckDB Appender)"),
         ("EventBatchWriter.execute", "BEGIN/COMMIT (index, WAL)"), ("EventBatchWriter.write", "dedupe within commit"),
         ("CaptureBody", "read body / gunzip"), ("propertiesJson", "re-serialise properties"),
         ("writeValueAsString", "re-serialise properties"), ("UtcInstants", "timestamp parsing"),
         ("EventTimestamps", "timestamp parsing"), ("OffsetDateTime.parse", "timestamp parsing"),
         ("EventParser", "EventParser (tree walk, validation)"), ("CaptureRequest", "CaptureRequest"),
         ("readTree", "JSON tree parse"), ("CaptureController", "controller, other"),
         ("EventIngestion", "submit/await"), ("springframework", "framework per request (Tomcat, Spring MVC/Security, Micrometer)"),
         ("coyote", "framework per request (Tomcat, Spring MVC/Security, Micrometer)"),
         ("catalina", "framework per request (Tomcat, Spring MVC/Security, Micrometer)")]
counts, totals = collections.Counter(), collections.Counter()
for event in json.loads(raw)["recording"]["events"]:
    values = event["values"]
    frames = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"]
              for f in (values.get("stackTrace") or {}).get("frames", [])]
    if event["type"] == "jdk.NativeMethodSample" and "duckdb" not in " ".join(frames[:2]).lower():
        continue
    thread = values["sampledThread"]["javaName"] or ""
    group = "writer" if "writer" in thread else "request" if "tomcat" in thread else "other"
    stack = " ".join(frames)
    bucket = next((label for key, label in RULES if key in stack), "other")
    totals[group] += 1
    counts[(group, bucket)] += 1
print("samples:", dict(totals))
for (group, bucket), n in counts.most_common():
    if group != "other":
        print(f"{group:8s} {100 * n / totals[group]:5.1f} %  {n:4d}  {bucket}")
