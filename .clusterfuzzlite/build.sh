#!/bin/bash -eu
# Builds every cargo-fuzz target of ztlint into $OUT with its dictionary,
# options file and zipped seed corpus, as OSS-Fuzz and ClusterFuzzLite expect.
cd "$SRC/ztlint"

# The base image's cargo wrapper passes the sanitizer flags; -O builds in
# release mode with debug assertions, as `cargo fuzz run` does by default.
cargo fuzz build -O --debug-assertions

built=fuzz/target/x86_64-unknown-linux-gnu/release
for target in $(cargo fuzz list); do
  cp "$built/$target" "$OUT/"
  cp "fuzz/$target.options" "$OUT/$target.options"
  # Each target gets the seeds of its own folder plus the minimised
  # regressions, so old crashers are replayed first.
  corpus=$(mktemp -d)
  cp fuzz/seeds/"$target"/* "$corpus/" 2>/dev/null || true
  cp fuzz/regressions/"$target"/* "$corpus/" 2>/dev/null || true
  (cd "$corpus" && zip -q -r "$OUT/${target}_seed_corpus.zip" .)
  rm -rf "$corpus"
done
cp fuzz/*.dict "$OUT/"
