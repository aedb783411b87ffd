#!/usr/bin/env bash
# Fetches the sources that /work/shared/DATA.md RESERVES for independent evaluation, at pinned
# versions, and unpacks them under models/corpus/target/reserved/root. Nothing is installed on
# the system: the training corpus (build-corpus.sh, which reads only `dpkg -L` of the allowed
# packages) cannot see these files, and festival, FreeTTS, SPTK and codec2 run from the unpacked
# tree. Idempotent: a package whose pinned .deb is already unpacked is skipped.
# Usage: models/corpus/fetch-reserved.sh [TARGET_DIR]   (default models/corpus/target/reserved)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
target="${1:-$here/target/reserved}"
mkdir -p "$target/debs" "$target/root"

PINNED=(
  # genuine speech (reserved)
  fillets-ng-data=1.0.1-1.1
  fillets-ng-data-cs=1.0.1-1.1
  fillets-ng-data-nl=1.0.1-1.1
  codec2-examples=1.0.5-1
  asterisk-prompt-es-co=0.20070403-2.1
  asterisk-prompt-fr-armelle=20070613-2.2
  asterisk-prompt-it-menardi-wav=1:1.4.22+mm20110907-3.1
  # synthetic speech (reserved): festival HTS voice, FreeTTS, SPTK, codec2
  festvox-us-slt-hts=0.2010.10.25-4
  freetts=1.2.2-7
  sptk=3.9-3
  codec2=1.0.5-1
  libcodec2-1.0=1.0.5-1
)
SAM_JS=sam-js@0.3.1     # npm registry

for spec in "${PINNED[@]}"; do
  pkg="${spec%%=*}"; ver="${spec#*=}"
  stamp="$target/debs/$pkg.unpacked"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$ver" ]; then continue; fi
  (cd "$target/debs" && rm -f "${pkg}"_*.deb && apt-get download -q "$spec" >/dev/null 2>&1) || {
    apt-get update -q >/dev/null
    (cd "$target/debs" && apt-get download -q "$spec")
  }
  dpkg-deb -x "$target/debs/${pkg}"_*.deb "$target/root"
  echo "$ver" > "$stamp"
done
if [ ! -f "$target/sam/package/dist/samjs.common.js" ]; then
  rm -rf "$target/sam" && mkdir -p "$target/sam"
  (cd "$target/sam" && npm pack -q "$SAM_JS" >/dev/null && tar xzf sam-js-*.tgz)
fi
{
  for spec in "${PINNED[@]}"; do
    pkg="${spec%%=*}"
    printf '%s\t%s\t%s\n' "$pkg" "${spec#*=}" "$(sha256sum "$target/debs/${pkg}"_*.deb | cut -d' ' -f1)"
  done
  printf 'sam-js\t%s\t%s\n' "${SAM_JS#*@}" "$(sha256sum "$target"/sam/sam-js-*.tgz | cut -d' ' -f1)"
} > "$target/packages.tsv"
echo "fetch-reserved: ${#PINNED[@]} packages and $SAM_JS unpacked under $target"
