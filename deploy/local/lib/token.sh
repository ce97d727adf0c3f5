# shellcheck shell=bash
# The local fleet is its own identity provider: a key pair made at the first up (kept in .myriad/keys, git-ignored),
# whose public half the services trust and whose private half ./myriad token signs with. A second pair is the
# services' own: the orchestrator signs its graphdb-manager writes with service.key.pem, the graphdb-manager trusts
# service.pub.pem, and no user token can be made with it. Likewise the secret that signs webhook deliveries, unless
# MYRIAD_REMINDERS_WEBHOOK_SECRET names one. Nothing of it is in git.

ISSUER="myriad-local"   # the iss of the tokens ./myriad token signs, which every service accepts
# Each service requires its own aud: ./myriad token names the query API's and the reminders' (one token for a user),
# and the graph's only with --scope graph:write (an operator's). docs/security.md.
declare -A AUDIENCE=([orchestrator]=myriad-queries [reminder-service]=myriad-reminders [graphdb-manager]=myriad-graph)
SERVICE_ISSUER="myriad-services" # the iss of the tokens the services sign for each other, with .myriad/keys/service.key.pem

ensure_keys() {
  command -v openssl >/dev/null || die "openssl is needed to make the local signing key: apt-get install openssl"
  mkdir -p "$KEYS" && chmod 700 "$KEYS"
  local pair
  for pair in jwt service; do
    if [[ ! -s $KEYS/$pair.key.pem || ! -s $KEYS/$pair.pub.pem ]]; then
      { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/$pair.key.pem" 2>/dev/null &&
          openssl pkey -in "$KEYS/$pair.key.pem" -pubout -out "$KEYS/$pair.pub.pem" 2>/dev/null; } ||
        die "could not make the signing key in $(rel "$KEYS")"
      say "made the local token signing key $(rel "$KEYS")/$pair.key.pem"
    fi
  done
  [[ -s $KEYS/webhook-secret ]] || openssl rand -hex 32 >"$KEYS/webhook-secret"
  chmod 600 "$KEYS"/*
}

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# A user's JWT, signed with the local key: ./myriad token [user] [--ttl seconds] [--scope graph:write]. Meant for the
# query API and the reminders; with --scope graph:write also for the graphdb-manager's writes (an operator's token).
token() {
  local user=${MYRIAD_USER:-$(id -un)} ttl=3600 scope="" now header claims signature
  local audiences="\"${AUDIENCE[orchestrator]}\",\"${AUDIENCE[reminder-service]}\"" extra=""
  while (( $# )); do
    case $1 in
      --ttl) ttl=${2:-}; shift 2 || die "--ttl needs seconds" ;;
      --scope) scope=${2:-}; shift 2 || die "--scope needs a scope such as graph:write" ;;
      -*) die "unknown option for token: $1 (see ./myriad help)" ;;
      *) user=$1; shift ;;
    esac
  done
  [[ $ttl =~ ^[0-9]+$ ]] || die "--ttl needs seconds, not $ttl"
  [[ $user =~ ^[A-Za-z0-9._@-]{1,64}$ ]] || die "a user id is 1-64 letters, digits and ._@-, not '$user'"
  if [[ -n $scope ]]; then
    [[ $scope == graph:write ]] || die "the only scope is graph:write, not '$scope'"
    audiences+=",\"${AUDIENCE[graphdb-manager]}\"" extra=",\"scope\":\"$scope\""
  fi
  [[ -s $KEYS/jwt.key.pem ]] || die "no signing key yet ($(rel "$KEYS")/jwt.key.pem): ./myriad up makes it"
  now=$(date +%s)
  header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
  claims=$(printf '{"iss":"%s","aud":[%s],"sub":"%s"%s,"iat":%d,"exp":%d}' "$ISSUER" "$audiences" "$user" "$extra" \
    "$now" $((now + ttl)) | b64url)
  signature=$(printf '%s.%s' "$header" "$claims" | openssl dgst -sha256 -sign "$KEYS/jwt.key.pem" -binary | b64url) ||
    die "could not sign with $(rel "$KEYS")/jwt.key.pem"
  echo "$header.$claims.$signature"
}
