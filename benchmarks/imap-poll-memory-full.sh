#!/bin/sh
# pollOnce with a maximum as large as the folder, in a child JVM under -Xmx256m (issue 12, item 4):
# 600 replies of 1 MiB, over twice the heap, polled once through the facade, then the same poll
# through a source that returns its whole list, which must run out of that heap. The build runs
# 150 replies of 1 MiB under -Xmx64m. Run from the repository root; the child's figures are
# printed in the test output.
exec mvn -o -pl core,testkit,mail-adapter -am test \
  -Dtest=ImapPollMemoryTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dimap.messages=600 -Dimap.bodyKb=1024 -Dimap.heap=256m "$@"
