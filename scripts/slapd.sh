#!/usr/bin/env bash
# Starts a throwaway, seeded OpenLDAP slapd on 127.0.0.1:PORT (default 3890) for the directory scenarios.
# Installs Debian's slapd + ldap-utils first if they are missing. Data lives in a temp dir that is removed
# when this script gets SIGINT/SIGTERM. Prints SLAPD_URL, SLAPD_BIND_DN, SLAPD_PASSWORD, SLAPD_BASE_DN and
# then READY, one per line, for a test or a person to read.
#   usage: scripts/slapd.sh [PORT] [BASE_DN]
set -euo pipefail

PORT="${1:-3890}"
PARENT=$PPID
BASE_DN="${2:-dc=example,dc=test}"
ROOT_DN="cn=admin,${BASE_DN}"
PASSWORD="${SLAPD_PASSWORD:-admin}"
SLAPD="$(command -v slapd || echo /usr/sbin/slapd)"
SLAPADD="$(command -v slapadd || echo /usr/sbin/slapadd)"

if [[ ! -x "$SLAPD" ]]; then
  echo "slapd not found; installing slapd and ldap-utils" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  apt-get install -y -q slapd ldap-utils >&2
  SLAPD=/usr/sbin/slapd
  SLAPADD=/usr/sbin/slapadd
fi

WORK="$(mktemp -d -t scim-harness-slapd.XXXXXX)"
mkdir -p "$WORK/db"
MODULES=/usr/lib/ldap
SCHEMAS=/etc/ldap/schema
DC="$(echo "$BASE_DN" | sed -E 's/^dc=([^,]+).*/\1/')"

# memberOf and refint make the server maintain memberOf and drop deleted users from groups, as AD does.
OVERLAYS=""
MODULE_LOADS="moduleload back_mdb"
for overlay in memberof refint; do
  if [[ -e "$MODULES/$overlay.la" || -e "$MODULES/$overlay.so" ]]; then
    MODULE_LOADS+=$'\n'"moduleload $overlay"
    OVERLAYS+=" $overlay"
  fi
done

{
  echo "include $SCHEMAS/core.schema"
  echo "include $SCHEMAS/cosine.schema"
  echo "include $SCHEMAS/inetorgperson.schema"
  echo "include $SCHEMAS/nis.schema"
  echo "modulepath $MODULES"
  echo "$MODULE_LOADS"
  echo "pidfile $WORK/slapd.pid"
  echo "database mdb"
  echo "maxsize 104857600"
  echo "suffix \"$BASE_DN\""
  echo "rootdn \"$ROOT_DN\""
  echo "rootpw $PASSWORD"
  echo "directory $WORK/db"
  echo "index objectClass eq"
  if [[ "$OVERLAYS" == *memberof* ]]; then
    echo "overlay memberof"
    echo "memberof-group-oc groupOfNames"
    echo "memberof-member-ad member"
    echo "memberof-memberof-ad memberOf"
    echo "memberof-refint TRUE"
  fi
  if [[ "$OVERLAYS" == *refint* ]]; then
    echo "overlay refint"
    echo "refint_attributes member"
  fi
} > "$WORK/slapd.conf"

cat > "$WORK/seed.ldif" <<LDIF
dn: $BASE_DN
objectClass: dcObject
objectClass: organization
dc: $DC
o: scim-harness

dn: ou=people,$BASE_DN
objectClass: organizationalUnit
ou: people

dn: ou=groups,$BASE_DN
objectClass: organizationalUnit
ou: groups
LDIF

"$SLAPADD" -q -f "$WORK/slapd.conf" -l "$WORK/seed.ldif" >&2

cleanup() {
  if [[ -n "${SLAPD_PID:-}" ]]; then kill "$SLAPD_PID" 2>/dev/null || true; wait "$SLAPD_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 0' INT TERM

# -d 0 keeps slapd in the foreground (no daemonising) so this script owns it and can stop it.
"$SLAPD" -f "$WORK/slapd.conf" -h "ldap://127.0.0.1:$PORT/" -d 0 2>"$WORK/slapd.log" &
SLAPD_PID=$!

for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then break; fi
  if ! kill -0 "$SLAPD_PID" 2>/dev/null; then cat "$WORK/slapd.log" >&2; exit 1; fi
  sleep 0.05
done

echo "SLAPD_URL=ldap://127.0.0.1:$PORT"
echo "SLAPD_BIND_DN=$ROOT_DN"
echo "SLAPD_PASSWORD=$PASSWORD"
echo "SLAPD_BASE_DN=$BASE_DN"
echo "READY"
# Runs until signalled, until slapd ends, or until the starting process is gone (a test runner killed with SIGKILL
# leaves no slapd behind); the EXIT trap stops slapd.
while kill -0 "$SLAPD_PID" 2>/dev/null && kill -0 "$PARENT" 2>/dev/null; do
  sleep 2 </dev/null >/dev/null 2>&1 &
  wait $! || true
done
kill -0 "$SLAPD_PID" 2>/dev/null || exit 1
