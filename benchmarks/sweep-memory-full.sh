#!/bin/sh
# sweep() over 1,000,000 work orders, 100,000 of them reassignable, in a child JVM under -Xmx128m
# (issue 12, item 4). The build runs the same test at 20,000 / 2,000 under -Xmx32m.
# Run from the repository root; the child's figures are printed in the test output. The child may
# run for an hour or more on a loaded machine (see docs/benchmarks.md): it is given four, and the
# test's fork as long; later -D options override these.
# -Dsweep.database=postgresql runs it on DISPATCHKIT_TEST_POSTGRES_URL instead of H2.
exec mvn -o -pl core,testkit,jdbc-adapter -am test \
  -Dtest=SweepMemoryTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsweep.orders=1000000 -Dsweep.reassignable=100000 -Dsweep.heap=128m \
  -Dsweep.timeoutMinutes=240 -Dsurefire.forkTimeoutSeconds=15000 "$@"
