# Sourced by .ci/run: start a throwaway PostgreSQL on 127.0.0.1 for the store tests and export
# TUTOR_TEST_POSTGRES_URL. Installs the server from Debian's packages when it is missing.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGDATA=$(mktemp -d /tmp/tutor-pg.XXXXXX)
PGPORT=${PGPORT:-54329}
chown postgres "$PGDATA"
su postgres -s /bin/sh -c "$PGBIN/initdb -D $PGDATA -A trust -U postgres >/dev/null"
su postgres -s /bin/sh -c "$PGBIN/pg_ctl -D $PGDATA -l $PGDATA/server.log -w \
    -o '-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off' start >/dev/null"
export TUTOR_TEST_POSTGRES_URL="postgresql+psycopg://postgres@127.0.0.1:$PGPORT/postgres"
trap 'su postgres -s /bin/sh -c "$PGBIN/pg_ctl -D $PGDATA -m fast stop >/dev/null"; rm -rf "$PGDATA"' EXIT
