# Sourced by ./mvnw and ./beton. Finds a JDK >= 21 and exports JAVA_HOME for it.
# Order: JAVA_HOME if suitable, the `java` on PATH if suitable, then the standard install
# locations, newest first. The compiler itself is still chosen by maven-toolchains-plugin
# (select-jdk-toolchain, [21,)); Maven must run on >= 21 too because the formatter parses
# Java 21 syntax with the running JDK's parser.

beton_java_major() {
  # $1: a JDK home. Prints its major version, or nothing.
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" | head -n 1
  elif [ -x "$1/bin/java" ]; then
    "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n 1
  fi
}

beton_select_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ "$(beton_java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
    return 0
  fi
  if command -v java >/dev/null 2>&1; then
    beton_path_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    if [ "$(beton_java_major "$beton_path_home")" -ge 21 ] 2>/dev/null; then
      JAVA_HOME=$beton_path_home; export JAVA_HOME; return 0
    fi
  fi
  beton_best=""; beton_best_major=0
  # ./mvnw runs with `set -f`; the install locations are globs.
  set +f
  for beton_dir in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home \
      "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* "$HOME"/.asdf/installs/java/*; do
    [ -x "$beton_dir/bin/javac" ] || continue
    beton_major=$(beton_java_major "$beton_dir")
    if [ -n "$beton_major" ] && [ "$beton_major" -ge 21 ] && [ "$beton_major" -gt "$beton_best_major" ]; then
      beton_best=$beton_dir; beton_best_major=$beton_major
    fi
  done
  if [ -n "$beton_best" ]; then
    JAVA_HOME=$beton_best; export JAVA_HOME; return 0
  fi
  echo "Beton needs a JDK 21 or newer and found none (looked at JAVA_HOME, PATH and /usr/lib/jvm)." >&2
  echo "Install one (e.g. 'apt-get install openjdk-21-jdk' or Temurin 21+) or set JAVA_HOME to it." >&2
  return 1
}
