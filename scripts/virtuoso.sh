#!/usr/bin/env bash
# Start a throwaway Virtuoso (Debian's virtuoso-opensource) for the remote-store tests, and print its HTTP base URL.
# Usage: scripts/virtuoso.sh DIR [HTTP_PORT [SQL_PORT]]   (DIR is created and holds the database and the log)
# It differs from Debian's defaults in: its own directory and ports (on loopback only), results up to 1,000,000 rows (Talkgraph's
# reads of a whole graph exceed the default 10,000), and the dba password set to TALKGRAPH_VIRTUOSO_PASSWORD.
set -euo pipefail
dir=$1; http=${2:-8891}; sql=${3:-1112}
password=${TALKGRAPH_VIRTUOSO_PASSWORD:-dba}
mkdir -p "$dir"
sed -e "s|/var/lib/virtuoso-opensource-7/db/|$dir/|g" \
    -e "s|^ServerPort\( *\)= 1111|ServerPort\1= 127.0.0.1:$sql|" \
    -e "s|^ServerPort\( *\)= 8890|ServerPort\1= 127.0.0.1:$http|" \
    -e "s|^ResultSetMaxRows\( *\)= .*|ResultSetMaxRows\1= 1000000|" \
    -e "s|^DirsAllowed\( *\)= .*|DirsAllowed\1= ., $dir, /usr/share/virtuoso-opensource-7/vad|" \
    /etc/virtuoso-opensource-7/virtuoso.ini >"$dir/virtuoso.ini"
virtuoso-t +foreground +configfile "$dir/virtuoso.ini" >"$dir/server.log" 2>&1 &
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$http/sparql?query=ASK%7B%7D" >/dev/null 2>&1 && break
  sleep 0.5
done
if [ "$password" != dba ]; then
  isql-vt "$sql" dba dba exec="user_set_password('dba', '$password');" >/dev/null
fi
echo "http://127.0.0.1:$http"
