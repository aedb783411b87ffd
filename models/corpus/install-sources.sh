#!/usr/bin/env bash
# Installs the ALLOWED corpus source packages (see /work/shared/DATA.md) at pinned versions.
# Idempotent: packages already at the pinned version are skipped; sudo only when not root.
# RESERVED packages (fillets-ng-data-*, codec2-examples, asterisk-prompt-*, festival HTS
# voices such as festvox-us-slt-hts / festvox-ca-ona-hts, FreeTTS, ...) are never named
# here, and --no-install-recommends keeps apt from pulling them in as "recommended".
set -euo pipefail

# package=version, pinned from `apt-cache policy` on Debian 12 (bookworm).
PINNED=(
  # genuine speech
  asterisk-core-sounds-en-wav=1.6.1-1
  asterisk-core-sounds-es-wav=1.6.1-1
  asterisk-core-sounds-fr-wav=1.6.1-1
  asterisk-core-sounds-it-wav=1.6.1-1
  asterisk-core-sounds-ru-wav=1.6.1-1
  asterisk-core-sounds-en-g722=1.6.1-1
  asterisk-core-sounds-es-g722=1.6.1-1
  asterisk-core-sounds-fr-g722=1.6.1-1
  asterisk-core-sounds-it-g722=1.6.1-1
  asterisk-core-sounds-ru-g722=1.6.1-1
  klettres-data=4:22.12.3-1
  ktuberling-data=4:22.12.3-1
  pocketsphinx-testdata=0.8+5prealpha+1-15
  alsa-utils=1.2.8-1
  # synthetic speech: generators
  espeak-ng=1.51+dfsg-10+deb12u2
  flite=2.2-5
  libflite1=2.2-5
  festival=1:2.5.0-9
  libestools2.5=1:2.5.0-13
  festlex-cmu=2.4-2
  festlex-poslex=2.4-1
  festlex-ifd=2.0+debian0-6
  # festival diphone voices
  festvox-kallpc16k=2.4-1
  festvox-kdlpc16k=1.4.0-6.1
  festvox-italp16k=2.0+debian0-6
  festvox-itapc16k=2.0+debian0-6
  # festival cluster-unit voice (msu_ru_nsh_clunits)
  festvox-ru=0.5+dfsg-6
)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# The tools the corpus scripts run (versions are recorded in corpus-manifest.tsv, not pinned):
# sox/soxi with its mp3, gsm and Ogg formats, and ffmpeg for the G.722 sources.
tools=()
command -v sox >/dev/null 2>&1 || tools+=(sox libsox-fmt-all)
command -v ffmpeg >/dev/null 2>&1 || tools+=(ffmpeg)
if [ "${#tools[@]}" -gt 0 ]; then
  echo "install-sources: installing tools: ${tools[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${tools[@]}"
fi

missing=()
for spec in "${PINNED[@]}"; do
  pkg="${spec%%=*}"; want="${spec#*=}"
  have="$(dpkg-query -W -f='${Status} ${Version}' "$pkg" 2>/dev/null || true)"
  if [ "$have" != "install ok installed $want" ]; then missing+=("$spec"); fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-sources: all ${#PINNED[@]} pinned packages already installed"
  exit 0
fi

echo "install-sources: installing ${#missing[@]} package(s): ${missing[*]}"
if ! apt-cache policy "${missing[0]%%=*}" | grep -q Candidate; then $SUDO apt-get update -q; fi
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
echo "install-sources: done"
