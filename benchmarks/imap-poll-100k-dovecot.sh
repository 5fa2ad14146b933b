#!/bin/sh
# pollOnce over an IMAP folder of 100,000 replies under -Xmx256m, on Dovecot (issue 12, item 4).
# GreenMail cannot serve a folder that size (its FETCH costs time in the square of the folder's
# size, see docs/benchmarks.md), so this runs ImapPollMemoryTest against a private Dovecot:
#
# - installs the Debian package dovecot-imapd with apt-get when `dovecot` is missing (needs root;
#   on a machine whose init starts services, the package's own system service starts too: this
#   script never uses, configures or stops it);
# - starts a private Dovecot in the foreground of a background process, with its own
#   configuration, base_dir, logs and mail in a temporary directory, listening on 127.0.0.1 at
#   a free high port, plain-text login without TLS, one passwd-file user, running as the current
#   user (as nobody when that is root, which Dovecot refuses); stopped, and the directory
#   removed, on exit;
# - fills the INBOX (nice -n 10) by writing Maildir files directly and importing them with
#   doveadm into the sdbox the server reads (see mail_location below): IMAP_MESSAGES replies
#   (100,000), mostly of 0.6 to 3.4 KiB, one in IMAP_BIG_EVERY (333) of 1 MiB, so that the whole
#   list needs more than the heap;
# - runs the test through Maven: the child JVM (-Xmx256m, -XX:+ExitOnOutOfMemoryError) runs one
#   pollOnce with max as large as the folder and must handle every reply and move it to Processed;
#   the test then moves them back to the INBOX and runs the same poll through a source with only
#   poll(max), which must run out of the same heap. The child prints its time, messages/s and peak
#   heap (sampled every 5 ms) in the test output.
#
# IMAP_WITH=harness runs the polls through benchmarks' ImapPollMemoryHarness on a JDBC store
# instead (see below). Run from the repository root, under the benchmark lock if other
# measurements may run. Further arguments go to Maven (later -D options override these).
set -eu

messages=${IMAP_MESSAGES:-100000}
big_every=${IMAP_BIG_EVERY:-333}
heap=${IMAP_HEAP:-256m}
user=replies
password=s3cret

if ! command -v dovecot >/dev/null 2>&1; then
  echo "dovecot not found: installing dovecot-imapd with apt-get"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends dovecot-imapd
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/dk-dovecot.XXXXXX")
conf="$dir/dovecot.conf"
dovecot_pid=
cleanup() {
  if [ -n "$dovecot_pid" ]; then
    kill "$dovecot_pid" 2>/dev/null || true
    wait "$dovecot_pid" 2>/dev/null || true
  fi
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A free high port: below the usual ephemeral range (32768 and up), and one no socket uses now
# (ss or netstat, whichever the machine has).
in_use() {
  { ss -tanH 2>/dev/null || netstat -tan 2>/dev/null; } | awk '{ print $4 }' | grep -q ":$1\$"
}
port=$((20000 + $$ % 12000))
while in_use "$port"; do
  port=$((port + 1))
done

# Dovecot refuses root for its login processes and for mail access: as root, everything runs as
# nobody, which then owns the Maildir.
if [ "$(id -u)" -eq 0 ]; then
  run_as=nobody
  chmod 755 "$dir"
else
  run_as=$(id -un)
fi
run_uid=$(id -u "$run_as")
run_gid=$(id -g "$run_as")
run_group=$(id -gn "$run_as")
mkdir -p "$dir/run" "$dir/state" "$dir/home" "$dir/mail" "$dir/fill/cur" "$dir/fill/new" "$dir/fill/tmp"
printf '%s:{PLAIN}%s::::::\n' "$user" "$password" >"$dir/passwd"
chmod 644 "$dir/passwd"
cat >"$conf" <<EOF
protocols = imap
listen = 127.0.0.1
base_dir = $dir/run
state_dir = $dir/state
instance_name = dk-bench-$port
log_path = $dir/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = $run_as
default_internal_group = $run_group
default_login_user = $run_as
first_valid_uid = $run_uid
first_valid_gid = $run_gid
mail_uid = $run_uid
mail_gid = $run_gid
# The replies are written as a Maildir and imported: served from a Maildir of 100,000, each
# message moved out costs Dovecot a read of the whole directory and of its 5 MB dovecot-uidlist
# (2 to 3 moves a second here), even with maildir_very_dirty_syncs. sdbox keeps one file per
# message too, but finds it by its index.
mail_location = sdbox:$dir/mail
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/passwd
}
userdb {
  driver = static
  args = uid=$run_uid gid=$run_gid home=$dir/home
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
  inet_listener imaps {
    port = 0
  }
}
service pop3-login {
  inet_listener pop3 {
    port = 0
  }
  inet_listener pop3s {
    port = 0
  }
}
EOF
echo "Dovecot $(dovecot --version) on 127.0.0.1:$port, settings (doveconf -n):"
doveconf -c "$conf" -n

echo "load average at start: $(uptime | sed 's/.*load average: //')"
echo "filling the INBOX with $messages replies (one in $big_every of 1 MiB)"
fill_start=$(date +%s)
# One awk writes every file (no process per message): small RFC 5322 replies, each its own
# Message-ID, in cur/ so that Dovecot need not rename them on the first SELECT. Each name carries
# the file's size and its size with CRLF line ends (S= and W=): without them Dovecot computes the
# latter on the first FETCH and writes it into dovecot-uidlist, rewriting that whole file (3 MB
# at 100,000) for each message. And no ":2," info: Dovecot looks for a message without flags under
# its bare name, and a miss makes it read cur/ and dovecot-uidlist again (5 MB per message).
LC_ALL=C nice -n 10 awk -v n="$messages" -v big="$big_every" -v dir="$dir/fill/cur" -v stamp="$fill_start" '
BEGIN {
  line = "> Le technicien passera entre 8 h et 12 h, merci de confirmer.\n"
  len = length(line)
  big_lines = int(1048576 / len)
  quoted = line
  while (length(quoted) < big_lines * len) quoted = quoted quoted
  quoted = substr(quoted, 1, big_lines * len)
  small = ""
  for (k = 0; k < 48; k++) small = small line
  for (i = 1; i <= n; i++) {
    head = "Return-Path: <plombier@provider.example>\n" \
      "From: Plombier <plombier@provider.example>\n" \
      "To: replies@dispatchkit.example\n" \
      sprintf("Subject: RE: Intervention %d\n", i) \
      "Date: Mon, 02 Mar 2026 08:00:00 +0000\n" \
      sprintf("Message-ID: <%d.%d@provider.example>\n", stamp, i) \
      "MIME-Version: 1.0\n" \
      "Content-Type: text/plain; charset=UTF-8\n" \
      "Content-Transfer-Encoding: 8bit\n\n" \
      "OK, on passe demain.\n"
    copy = head
    head_lines = gsub(/\n/, "", copy)
    if (i % big == 0) {
      body = quoted
      body_lines = big_lines
    } else {
      body_lines = 4 + i % 45
      body = substr(small, 1, body_lines * len)
    }
    size = length(head) + length(body)
    file = sprintf("%s/%d.M%dP1.dkbench,S=%d,W=%d", dir, stamp, i, size, size + head_lines + body_lines)
    printf "%s%s", head, body > file
    close(file)
  }
}'
if [ "$(id -u)" -eq 0 ]; then
  chown -R "$run_uid:$run_gid" "$dir/mail" "$dir/home" "$dir/fill"
fi
echo "written in $(($(date +%s) - fill_start)) s: $(du -sh "$dir/fill" | cut -f1) on disk"

dovecot -c "$conf" -F &
dovecot_pid=$!
tries=0
until grep -q "starting up" "$dir/dovecot.log" 2>/dev/null && in_use "$port"; do
  tries=$((tries + 1))
  if [ "$tries" -gt 30 ] || ! kill -0 "$dovecot_pid" 2>/dev/null; then
    echo "Dovecot did not start:" >&2
    cat "$dir/dovecot.log" >&2 || true
    exit 1
  fi
  sleep 1
done

import_start=$(date +%s)
nice -n 10 doveadm -c "$conf" import -u "$user" "maildir:$dir/fill" "" all
rm -rf "$dir/fill"
echo "imported into the INBOX in $(($(date +%s) - import_start)) s"

status=0
if [ "${IMAP_WITH:-test}" = harness ]; then
  # The same polls through benchmarks' ImapPollMemoryHarness, on a JDBC store (H2 off the heap)
  # instead of the test's in-memory one, whose records of 100,000 replies fill 256 MB by
  # themselves. Needs benchmarks/target/benchmarks.jar (mvn -o -pl benchmarks -am package).
  jar=benchmarks/target/benchmarks.jar
  run() {
    java "-Xmx$heap" -XX:+ExitOnOutOfMemoryError -XX:MaxDirectMemorySize=2g -cp "$jar" \
      dev.dispatchkit.benchmarks.ImapPollMemoryHarness 127.0.0.1 "$port" "$user" "$password" \
      "$1" "$messages"
  }
  run streamed || status=$?
  java -cp "$jar" dev.dispatchkit.benchmarks.ImapPollMemoryHarness \
    127.0.0.1 "$port" "$user" "$password" restore "$messages"
  listed=0
  run listed || listed=$?
  echo "whole-list poll: exit $listed (3 is the expected OutOfMemoryError)"
  echo "load average at end: $(uptime | sed 's/.*load average: //')"
  exit "$status"
fi
mvn -o -pl core,testkit,mail-adapter -am test \
  -Dtest=ImapPollMemoryTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dimap.host=127.0.0.1 -Dimap.port="$port" -Dimap.user="$user" -Dimap.password="$password" \
  -Dimap.messages="$messages" -Dimap.heap="$heap" -Dimap.timeoutMinutes=120 \
  -Dsurefire.forkTimeoutSeconds=18000 "$@" || status=$?
echo "load average at end: $(uptime | sed 's/.*load average: //')"
if grep -q "Error\|Fatal\|Panic" "$dir/dovecot.log"; then
  echo "Dovecot logged errors:"
  grep "Error\|Fatal\|Panic" "$dir/dovecot.log" | tail -20
fi
exit "$status"
