# Shared by packaging/build-* and packaging/test-*: paths, version, logging. Source it.
# shellcheck shell=bash
set -euo pipefail
PKG_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$PKG_DIR/.." && pwd)
# Downloads (runtime, wheels, build tools) are kept here between runs; gitignored.
CACHE=${PERFEVAL_PACKAGING_CACHE:-$ROOT/.cache/packaging}
DIST=$ROOT/dist
PYTHON=${PYTHON:-python3}
VERSION=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$ROOT/perfeval_gui/__init__.py")
[ -n "$VERSION" ] || { echo "cannot read __version__ from perfeval_gui/__init__.py" >&2; exit 1; }
mkdir -p "$CACHE" "$DIST"
# pip's download cache lives there too, so a rebuild fetches nothing.
export PIP_CACHE_DIR=$CACHE/pip PIP_ROOT_USER_ACTION=ignore

_t0=$(date +%s)
step() { printf '== [%4ss] %s\n' "$(( $(date +%s) - _t0 ))" "$*"; }
die() { echo "ERROR: $*" >&2; exit 1; }

# pip without the interactive noise; downloads are cached by pip itself as well.
pip_q() { "$@" -q --disable-pip-version-check 2> >(grep -v 'is ignored: it is neither a file' >&2); }

# Install Debian packages that are missing (root, or sudo).
apt_ensure() {
  local missing=() pkg
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  step "apt-get install ${missing[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

# Build the app's own wheel from the source tree into $1 (a folder); print its path.
build_app_wheel() {
  local out=$1 src
  src=$(mktemp -d)
  # A clean copy: no stale build/ or egg-info from an editable install gets into the wheel.
  git -C "$ROOT" ls-files -z --cached --others --exclude-standard \
    | (cd "$ROOT" && xargs -0 cp --parents -t "$src" 2>/dev/null || true)
  rm -f "$out"/perfeval-*.whl
  pip_q "$PYTHON" -m pip wheel --no-deps -w "$out" "$src" >/dev/null
  rm -rf "$src"
  ls "$out"/perfeval-"$VERSION"-*.whl
}
