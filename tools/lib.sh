# shellcheck shell=bash
# Shared helpers for the scripts in tools/.
#
#   source "$(dirname "$0")/lib.sh"
#
# Variables: ROOT (repository root), VENV (default $ROOT/.venv, overridable),
# PY ($VENV/bin/python).
# Environment knobs:
#   VENV                    where the virtualenv lives
#   SS_PYTHON               interpreter used to create the venv (default python3)
#   ODOO_SRC                Odoo 18.0 source: a folder, or an archive
#                           (.tar.gz/.tgz/.tar.xz/.tar.bz2/.zip) unpacked into
#                           $ROOT/.odoo-src; without it the 18.0 branch is cloned
#   SS_IGNORE_SYSTEM_ODOO=1 never reuse an Odoo that the system python provides
#   EXTRA_ADDONS            extra addons folders (comma-separated) for ss_addons_path
# This file is sourced: it defines things and changes no shell option.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${VENV:-$ROOT/.venv}"
PY="$VENV/bin/python"
SS_PYTHON="${SS_PYTHON:-python3}"
SS_ODOO_GIT_URL="https://github.com/odoo/odoo.git"
SS_ODOO_BRANCH="18.0"
SS_ODOO_MAJOR=18
export ROOT VENV PY

ss_log() {
    printf '==> %s\n' "$*" >&2
}

ss_die() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

# Run a command as root: directly when we are root, else through sudo.
_ss_as_root() {
    if [[ $(id -u) -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        ss_die "need root (or sudo) to run: $*"
    fi
}

# Run a command as the postgres OS user.
_ss_as_postgres() {
    if [[ $(id -un) == postgres ]]; then
        (cd / && "$@")
    elif [[ $(id -u) -eq 0 ]] && command -v runuser >/dev/null 2>&1; then
        (cd / && runuser -u postgres -- "$@")
    elif [[ $(id -u) -eq 0 ]]; then
        local q
        printf -v q '%q ' "$@"
        (cd / && su -s /bin/sh postgres -c "$q")
    else
        (cd / && sudo -u postgres "$@")
    fi
}

_SS_APT_UPDATED=0

# ss_apt PKG...: install the Debian packages that are not installed yet.
ss_apt() {
    local pkg missing=()
    for pkg in "$@"; do
        if ! dpkg -s "$pkg" >/dev/null 2>&1; then
            missing+=("$pkg")
        fi
    done
    [[ ${#missing[@]} -eq 0 ]] && return 0
    if ! command -v apt-get >/dev/null 2>&1; then
        ss_die "missing system packages (${missing[*]}) and no apt-get here: install them by hand"
    fi
    if [[ $_SS_APT_UPDATED -eq 0 ]]; then
        ss_log "apt-get update"
        _ss_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        _SS_APT_UPDATED=1
    fi
    ss_log "installing system packages: ${missing[*]}"
    _ss_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        --no-install-recommends "${missing[@]}"
}

# Prints the major version of the Odoo that interpreter $1 imports, or nothing.
_ss_odoo_major() {
    "$1" -c 'import odoo.release as r; print(r.version_info[0])' 2>/dev/null || true
}

_ss_system_odoo_ok() {
    [[ ${SS_IGNORE_SYSTEM_ODOO:-0} != 1 ]] &&
        [[ $(_ss_odoo_major "$SS_PYTHON") == "$SS_ODOO_MAJOR" ]]
}

ss_ensure_system_deps() {
    local pkgs=(postgresql wkhtmltopdf chromium fonts-dejavu poppler-utils git)
    if ! command -v dpkg >/dev/null 2>&1; then
        ss_log "not a Debian-like system: make sure PostgreSQL, wkhtmltopdf, chromium and git are installed"
        return 0
    fi
    # Build dependencies of Odoo's Python requirements (psycopg2, python-ldap, lxml...)
    pkgs+=(libpq-dev libldap2-dev libsasl2-dev libxml2-dev libxslt1-dev libjpeg-dev zlib1g-dev)
    if ! "$SS_PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
        pkgs+=(python3-venv)
    fi
    if ! command -v npm >/dev/null 2>&1; then
        pkgs+=(nodejs npm)
    fi
    ss_apt "${pkgs[@]}"
}

ss_ensure_postgres() {
    local line ver name status i user
    if command -v pg_lsclusters >/dev/null 2>&1; then
        while read -r ver name _ status _; do
            [[ $ver =~ ^[0-9]+$ ]] || continue
            # tools/load starts and stops its own clusters (ss_load*).
            [[ $name == ss_load* ]] && continue
            if [[ $status != online* ]]; then
                ss_log "starting PostgreSQL cluster $ver/$name"
                _ss_as_root pg_ctlcluster "$ver" "$name" start
            fi
        done < <(pg_lsclusters --no-header 2>/dev/null || pg_lsclusters | tail -n +2)
    fi
    command -v pg_isready >/dev/null 2>&1 || ss_die "pg_isready not found: is PostgreSQL installed?"
    for ((i = 0; i < 30; i++)); do
        pg_isready -q && break
        sleep 1
    done
    pg_isready -q || ss_die "PostgreSQL is not accepting connections"
    user="$(id -un)"
    [[ $user == postgres ]] && return 0
    line="$(_ss_as_postgres psql -d postgres -tAc \
        "SELECT 1 FROM pg_roles WHERE rolname = '${user//\'/\'\'}'")"
    if [[ $line != 1 ]]; then
        ss_log "creating PostgreSQL superuser role $user"
        _ss_as_postgres createuser --superuser "$user"
    fi
}

ss_ensure_venv() {
    local major opts=()
    if [[ ! -x $PY ]]; then
        if _ss_system_odoo_ok; then
            opts+=(--system-site-packages)
            ss_log "creating $VENV (sees the Odoo $SS_ODOO_MAJOR that $SS_PYTHON already imports)"
        else
            ss_log "creating $VENV"
        fi
        "$SS_PYTHON" -m venv "${opts[@]}" "$VENV"
        "$PY" -m pip install -q --upgrade pip
    fi
    major="$("$PY" -c 'import sys; print(sys.version_info >= (3, 10))')"
    [[ $major == True ]] || ss_die "$PY is older than Python 3.10, which Odoo $SS_ODOO_MAJOR needs"
}

# Sets SS_ODOO_SRC to the folder of an Odoo source tree, getting one when needed:
# the folder ODOO_SRC, else $ROOT/.odoo-src (kept from an earlier run, unpacked
# from the archive ODOO_SRC, or cloned from the official repository).
_ss_odoo_source() {
    local dest="$ROOT/.odoo-src" tmp e top=()
    if [[ -n ${ODOO_SRC:-} && -d $ODOO_SRC ]]; then
        SS_ODOO_SRC="$(cd "$ODOO_SRC" && pwd)"
        return 0
    fi
    SS_ODOO_SRC="$dest"
    if [[ -f $dest/odoo/release.py ]]; then
        ss_log "reusing the Odoo source in $dest"
        return 0
    fi
    [[ ! -e $dest ]] || ss_die "$dest exists but holds no Odoo source: remove it"
    if [[ -n ${ODOO_SRC:-} ]]; then
        [[ -f $ODOO_SRC ]] || ss_die "ODOO_SRC=$ODOO_SRC is neither a folder nor a file"
        case "$ODOO_SRC" in
            *.tar.gz | *.tgz | *.tar.xz | *.txz | *.tar.bz2 | *.tbz2 | *.tar | *.zip) ;;
            *) ss_die "ODOO_SRC=$ODOO_SRC: not a .tar.gz/.tgz/.tar.xz/.tar.bz2/.zip archive" ;;
        esac
        ss_log "unpacking $ODOO_SRC into $dest"
        tmp="$(mktemp -d "$ROOT/.odoo-src.tmp.XXXXXX")"
        if [[ $ODOO_SRC == *.zip ]]; then
            "$SS_PYTHON" -m zipfile -e "$ODOO_SRC" "$tmp" ||
                { rm -rf "$tmp"; ss_die "could not unpack $ODOO_SRC"; }
        else
            tar -xf "$ODOO_SRC" -C "$tmp" ||
                { rm -rf "$tmp"; ss_die "could not unpack $ODOO_SRC"; }
        fi
        # An archive usually holds one top-level folder: use its content.
        for e in "$tmp"/* "$tmp"/.[!.]*; do
            [[ -e $e ]] && top+=("$e")
        done
        if [[ ! -e $tmp/odoo/release.py && ${#top[@]} -eq 1 && -d ${top[0]} ]]; then
            mv "${top[0]}" "$dest" && rm -rf "$tmp"
        else
            mv "$tmp" "$dest"
        fi
    else
        ss_log "cloning Odoo $SS_ODOO_BRANCH from $SS_ODOO_GIT_URL into $dest"
        command -v git >/dev/null 2>&1 || ss_apt git
        tmp="$(mktemp -d "$ROOT/.odoo-src.tmp.XXXXXX")"
        git clone --quiet --depth 1 --branch "$SS_ODOO_BRANCH" "$SS_ODOO_GIT_URL" "$tmp" ||
            { rm -rf "$tmp"; ss_die "could not clone $SS_ODOO_GIT_URL (or set ODOO_SRC)"; }
        mv "$tmp" "$dest"
    fi
    [[ -f $dest/odoo/release.py ]] || ss_die "$dest does not look like an Odoo source tree"
}

ss_ensure_odoo() {
    local src req site major
    [[ -x $PY ]] || ss_die "no venv at $VENV: call ss_ensure_venv first"
    if [[ $(_ss_odoo_major "$PY") == "$SS_ODOO_MAJOR" ]]; then
        return 0
    fi
    _ss_odoo_source
    src="$SS_ODOO_SRC"
    [[ -f $src/requirements.txt && -d $src/odoo && -d $src/addons ]] ||
        ss_die "$src is not an Odoo source tree (odoo/, addons/, requirements.txt)"
    ss_log "installing Odoo's Python requirements into $VENV"
    req="$(mktemp)"
    # cbor2 5.4.2 does not build on Python 3.11; 5.6.2 is the release Odoo pins for 3.12.
    sed -e 's/^cbor2==5\.4\.2/cbor2==5.6.2/' "$src/requirements.txt" >"$req"
    "$PY" -m pip install -q "setuptools<70" wheel zope.interface cython
    "$PY" -m pip install -q --no-build-isolation -r "$req"
    rm -f "$req"
    "$PY" -m pip install -q phonenumbers websocket-client
    site="$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
    printf '%s\n' "$src" >"$site/sales-standard-odoo-src.pth"
    major="$(_ss_odoo_major "$PY")"
    [[ $major == "$SS_ODOO_MAJOR" ]] ||
        ss_die "Odoo is still not importable from $PY (got '${major}')"
    ss_log "Odoo $SS_ODOO_MAJOR is importable from $PY ($src)"
}

# Prints the path of odoo-bin beside the imported odoo package, or nothing.
ss_odoo_bin() {
    "$PY" -c 'import odoo, os
p = os.path.join(os.path.dirname(odoo.__path__[0]), "odoo-bin")
print(p if os.path.isfile(p) else "")'
}

# Sets the array SS_ODOO_CMD to the command that starts the Odoo CLI.
ss_odoo_cmd() {
    local bin
    bin="$(ss_odoo_bin)"
    if [[ -n $bin ]]; then
        SS_ODOO_CMD=("$PY" "$bin")
    else
        # odoo-bin sets TZ before importing odoo; do the same for `python -m odoo`.
        SS_ODOO_CMD=(env TZ=UTC "$PY" -m odoo)
    fi
}

# ss_odoo ARGS...: run the Odoo CLI with the venv python.
ss_odoo() {
    local SS_ODOO_CMD
    ss_odoo_cmd
    "${SS_ODOO_CMD[@]}" "$@"
}

# Prints the comma-separated addons path: Odoo's addons, then this repository.
ss_addons_path() {
    local odoo_pkg odoo_root paths=() extra
    odoo_pkg="$("$PY" -c 'import odoo; print(odoo.__path__[0])')" || return 1
    odoo_root="$(dirname "$odoo_pkg")"
    [[ -d $odoo_root/addons ]] && paths+=("$odoo_root/addons")
    paths+=("$odoo_pkg/addons" "$ROOT")
    if [[ -n ${EXTRA_ADDONS:-} ]]; then
        IFS=',' read -r -a extra <<<"$EXTRA_ADDONS"
        paths+=("${extra[@]}")
    fi
    local IFS=,
    printf '%s\n' "${paths[*]}"
}

# Installs the development tools of requirements-dev.txt into the venv
# (again only when that file changed or a tool is missing).
ss_ensure_py_tools() {
    local req="$ROOT/requirements-dev.txt" stamp="$VENV/.sales-standard-dev-tools"
    local sum tool ok=1
    [[ -x $PY ]] || ss_die "no venv at $VENV: call ss_ensure_venv first"
    sum="$(sha256sum "$req" | cut -d' ' -f1)"
    [[ -f $stamp && $(cat "$stamp") == "$sum" ]] || ok=0
    for tool in pre-commit ruff pylint oca-checks-odoo-module oca-checks-po \
        trailing-whitespace-fixer; do
        [[ -x $VENV/bin/$tool ]] || ok=0
    done
    [[ $ok -eq 1 ]] && return 0
    ss_log "installing development tools into $VENV"
    "$PY" -m pip install -q -r "$req"
    printf '%s\n' "$sum" >"$stamp"
}

# Installs prettier and its XML plugin (package.json) into $ROOT/node_modules.
ss_ensure_node_tools() {
    local stamp="$ROOT/node_modules/.sales-standard-lock" sum
    if ! command -v npm >/dev/null 2>&1; then
        ss_apt nodejs npm
    fi
    sum="$(cat "$ROOT/package.json" "$ROOT/package-lock.json" 2>/dev/null | sha256sum | cut -d' ' -f1)"
    if [[ -x $ROOT/node_modules/.bin/prettier && -f $stamp && $(cat "$stamp") == "$sum" ]]; then
        return 0
    fi
    ss_log "installing node tools into $ROOT/node_modules"
    if [[ -f $ROOT/package-lock.json ]]; then
        (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
    else
        (cd "$ROOT" && npm install --no-audit --no-fund --loglevel=error)
    fi
    sum="$(cat "$ROOT/package.json" "$ROOT/package-lock.json" 2>/dev/null | sha256sum | cut -d' ' -f1)"
    printf '%s\n' "$sum" >"$stamp"
}
