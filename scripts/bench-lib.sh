# Shared by the bench-* scripts: sourced, not run. Expects $out (a scratch folder) and $runs.

# Builds propice in release and makes the geopandas venv (with openpyxl) if it is missing.
bench_setup() {
  swift build -c release --product propice >/dev/null
  venv=${VENV:-.build/bench-venv}
  if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q geopandas pyogrio pyproj shapely openpyxl >/dev/null
  fi
  # openpyxl came with INSEE's workbook among the sources: a venv made before lacks it.
  "$venv/bin/python" -c "import openpyxl" 2>/dev/null || "$venv/bin/pip" install -q openpyxl >/dev/null
}

# measure NAME COMMAND...: prints "NAME best-wall-seconds peak-KiB" over $runs runs.
measure() {
  local name=$1; shift
  local best="" peak=0
  for _ in $(seq "$runs"); do
    time_once "$@"
    if [ -z "$best" ] || awk "BEGIN{exit !($wall < $best)}"; then best=$wall; fi
    [ "$kib" -gt "$peak" ] && peak=$kib
  done
  echo "$name $best $peak"
}

# measure_each NAME...: like measure, for the commands in the arrays NAME..., run in turn
# round after round, so that a slow spell of the machine falls on every tool alike.
measure_each() {
  local -A best=() peak=()
  local name
  for _ in $(seq "$runs"); do
    for name in "$@"; do
      local -n command=$name
      time_once "${command[@]}"
      if [ -z "${best[$name]:-}" ] || awk "BEGIN{exit !($wall < ${best[$name]})}"; then best[$name]=$wall; fi
      [ "$kib" -gt "${peak[$name]:-0}" ] && peak[$name]=$kib
      unset -n command
    done
  done
  for name in "$@"; do echo "$name ${best[$name]} ${peak[$name]}"; done
}

# time_once COMMAND...: runs it once on a clean output folder; sets wall (s) and kib (peak).
time_once() {
  rm -f "$out"/out.*
  /usr/bin/time -f "%e %M" -o "$out/time" "$@" >/dev/null 2>&1
  read -r wall kib < "$out/time"
}

# table RESULTS: the rows of measure (plus any extra columns, headed by $extra_header and
# ruled by $extra_rule) as a Markdown table with ratios to the first row.
table() {
  awk -v extra="${extra_header:-}" -v rule="${extra_rule:-}" 'NR==1 { t0=$2; m0=$3 }
     { rows[NR]=$0 }
     END {
       printf "| %-10s | %9s | %10s | %14s | %16s |%s\n", "tool", "wall (s)", "peak (MiB)", "time / propice", "memory / propice", extra
       printf "|%s|%s|%s|%s|%s|%s\n", "------------", "-----------", "------------", "----------------", "------------------", rule
       for (i = 1; i <= NR; i++) { n = split(rows[i], f, " ")
         rest = ""; for (k = 4; k <= n; k++) rest = rest " " f[k] " |"
         printf "| %-10s | %9.2f | %10.1f | %14.2f | %16.2f |%s\n", f[1], f[2], f[3]/1024, f[2]/t0, f[3]/m0, rest }
     }' "$1"
}
