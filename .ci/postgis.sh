# Sourced by .ci/run: start_postgis starts a throwaway PostgreSQL 15 + PostGIS cluster on a free
# loopback port and exports XIAOQU_POSTGIS_URL; stop_postgis stops it and removes its files.
# initdb refuses to run as root, so as root the cluster runs as the postgres user.

PGBIN=/usr/lib/postgresql/15/bin
pg_dir=""

pg_as() { # run a command as the cluster's owner
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_postgis() {
  pg_dir=$(mktemp -d)
  [ "$(id -u)" -eq 0 ] && chown postgres "$pg_dir"
  local port
  for port in 54329 54339 54349 54359 54369; do port_free "$port" && break; done
  pg_as "$PGBIN/initdb" -D "$pg_dir/data" -A trust -U postgres >"$pg_dir/initdb.log" 2>&1 ||
    { cat "$pg_dir/initdb.log"; return 1; }
  pg_as "$PGBIN/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
    -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null ||
    { cat "$pg_dir/server.log"; return 1; }
  "$PGBIN/psql" -h 127.0.0.1 -p "$port" -U postgres -qAt -c "CREATE DATABASE xiaoqu" >/dev/null
  "$PGBIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d xiaoqu -qAt -c "CREATE EXTENSION postgis" >/dev/null
  export XIAOQU_POSTGIS_URL="postgres://postgres@127.0.0.1:$port/xiaoqu?sslmode=disable"
  echo "PostGIS $("$PGBIN/psql" "$XIAOQU_POSTGIS_URL" -qAt -c 'SELECT postgis_lib_version()') on 127.0.0.1:$port"
}

stop_postgis() {
  [ -n "$pg_dir" ] || return 0
  pg_as "$PGBIN/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
  pg_dir=""
}
