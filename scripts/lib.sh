# Shared helpers for ./livepeer and ./test.sh (sourced, not run).

# Fails with a clear message when the .NET SDK is missing: it is the one thing we expect to be there.
require_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "error: the .NET 10 SDK is required (https://dot.net); 'dotnet' is not on PATH." >&2
    exit 1
  fi
}

apt_updated=0
# ensure_apt_packages PKG... : installs the Debian packages that are missing (as root), retrying once,
# because a mirror hiccup mid-install has been seen here.
ensure_apt_packages() {
  local missing=()
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "warning: missing Debian packages (${missing[*]}); run as root to install them." >&2
    return 0
  fi
  echo "==> Installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if [ $apt_updated -eq 0 ]; then apt-get update -qq || true; apt_updated=1; fi
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
    { sleep 2; apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }
}

# ensure_npm_dependencies DIR... : node and npm (Debian's nodejs and npm packages, only when the commands
# are missing, so a NodeSource install is left alone), then `npm ci` in each DIR that has no node_modules.
ensure_npm_dependencies() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    ensure_apt_packages nodejs npm
  fi
  local dir
  for dir in "$@"; do
    [ -d "$dir/node_modules" ] && continue
    echo "==> npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) ||
      { sleep 2; (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error); }
  done
}

# Debian packages the test suite needs (real peers; grows with the plugins).
test_apt_packages() {
  local pkgs=()
  [ -f scripts/test-packages.txt ] && mapfile -t pkgs < <(grep -v '^\s*#' scripts/test-packages.txt | grep -v '^\s*$')
  echo "${pkgs[@]:-}"
}

# summarize_trx DIR STATUS : adds up the TRX counters and prints the closing line CI reads.
summarize_trx() {
  local dir=$1 status=$2 passed=0 failed=0 skipped=0 total=0 f p fl t e
  for f in "$dir"/*.trx; do
    [ -e "$f" ] || continue
    t=$(grep -o '<Counters [^>]*' "$f" | head -n1)
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$t")
    fl=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$t")
    e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$t")
    total=$(( total + $(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$t") ))
    passed=$(( passed + ${p:-0} ))
    failed=$(( failed + ${fl:-0} ))
    skipped=$(( skipped + $(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$t") - ${e:-0} ))
  done
  if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    # dotnet test failed without a failing test (a crashed or timed-out test host): count it.
    failed=1
    echo "error: dotnet test exited with $status without reporting a failed test (crash or timeout)." >&2
  fi
  echo
  echo "${passed} passed, ${failed} failed, ${skipped} skipped"
  [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
}
