# Sourced by the scripts: sets each variable .env names that the environment
# doesn't already set (as Node's loadEnvFile and Next.js do), so an exported
# DATABASE_URL or AUTH_SECRET wins over the local file.
if [ -f .env ]; then
  while IFS= read -r line || [ -n "$line" ]; do
    [[ $line =~ ^[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] || continue
    name=${BASH_REMATCH[1]}
    value=${BASH_REMATCH[2]}
    [ -n "${!name+set}" ] && continue
    value=${value%\"}
    value=${value#\"}
    export "$name=$value"
  done < .env
fi
