# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_stripe_catalog_global_optspecs
    string join \n f/catalog= format= color= q/quiet h/help V/version
end

function __fish_stripe_catalog_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_stripe_catalog_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_stripe_catalog_using_subcommand
    set -l cmd (__fish_stripe_catalog_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c stripe-catalog -n "__fish_stripe_catalog_needs_command" -s f -l catalog -d 'The catalog file' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_needs_command" -l format -d 'Output format: `text` for people, `json` for scripts (`table`, `csv`, `ndjson` where a command lists rows)' -r -f -a "text\t'Human-readable text (tables where a command lists rows)'
json\t'One JSON document'
csv\t'Comma-separated values, one row per line (listing commands only)'
ndjson\t'One JSON object per line (listing commands only)'"
complete -c stripe-catalog -n "__fish_stripe_catalog_needs_command" -l color -d 'When to use colour (`NO_COLOR` is respected under `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c stripe-catalog -n "__fish_stripe_catalog_needs_command" -s q -l quiet -d 'Print only data and errors: no progress, no status lines'
complete -c stripe-catalog -n "__fish_stripe_catalog_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c stripe-catalog -n "__fish_stripe_catalog_needs_command" -s V -l version -d 'Print version'
complete -c stripe-catalog -n "__fish_stripe_catalog_needs_command" -f -a "validate" -d 'Check the catalog file offline and report every problem at once'
complete -c stripe-catalog -n "__fish_stripe_catalog_needs_command" -f -a "schema" -d 'Print the JSON Schema of the catalog file (for editor completion and checks)'
complete -c stripe-catalog -n "__fish_stripe_catalog_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c stripe-catalog -n "__fish_stripe_catalog_needs_command" -f -a "man" -d 'Print the man page (roff)'
complete -c stripe-catalog -n "__fish_stripe_catalog_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand validate" -s f -l catalog -d 'The catalog file' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand validate" -l format -d 'Output format: `text` for people, `json` for scripts (`table`, `csv`, `ndjson` where a command lists rows)' -r -f -a "text\t'Human-readable text (tables where a command lists rows)'
json\t'One JSON document'
csv\t'Comma-separated values, one row per line (listing commands only)'
ndjson\t'One JSON object per line (listing commands only)'"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand validate" -l color -d 'When to use colour (`NO_COLOR` is respected under `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand validate" -l deny-warnings -d 'Treat warnings as errors (exit 1 when there are any)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand validate" -s q -l quiet -d 'Print only data and errors: no progress, no status lines'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand schema" -s f -l catalog -d 'The catalog file' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand schema" -l format -d 'Output format: `text` for people, `json` for scripts (`table`, `csv`, `ndjson` where a command lists rows)' -r -f -a "text\t'Human-readable text (tables where a command lists rows)'
json\t'One JSON document'
csv\t'Comma-separated values, one row per line (listing commands only)'
ndjson\t'One JSON object per line (listing commands only)'"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand schema" -l color -d 'When to use colour (`NO_COLOR` is respected under `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand schema" -s q -l quiet -d 'Print only data and errors: no progress, no status lines'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand schema" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand completions" -s f -l catalog -d 'The catalog file' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand completions" -l format -d 'Output format: `text` for people, `json` for scripts (`table`, `csv`, `ndjson` where a command lists rows)' -r -f -a "text\t'Human-readable text (tables where a command lists rows)'
json\t'One JSON document'
csv\t'Comma-separated values, one row per line (listing commands only)'
ndjson\t'One JSON object per line (listing commands only)'"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand completions" -l color -d 'When to use colour (`NO_COLOR` is respected under `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand completions" -s q -l quiet -d 'Print only data and errors: no progress, no status lines'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand man" -s f -l catalog -d 'The catalog file' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand man" -l format -d 'Output format: `text` for people, `json` for scripts (`table`, `csv`, `ndjson` where a command lists rows)' -r -f -a "text\t'Human-readable text (tables where a command lists rows)'
json\t'One JSON document'
csv\t'Comma-separated values, one row per line (listing commands only)'
ndjson\t'One JSON object per line (listing commands only)'"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand man" -l color -d 'When to use colour (`NO_COLOR` is respected under `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand man" -s q -l quiet -d 'Print only data and errors: no progress, no status lines'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand help; and not __fish_seen_subcommand_from validate schema completions man help" -f -a "validate" -d 'Check the catalog file offline and report every problem at once'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand help; and not __fish_seen_subcommand_from validate schema completions man help" -f -a "schema" -d 'Print the JSON Schema of the catalog file (for editor completion and checks)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand help; and not __fish_seen_subcommand_from validate schema completions man help" -f -a "completions" -d 'Print a shell completion script'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand help; and not __fish_seen_subcommand_from validate schema completions man help" -f -a "man" -d 'Print the man page (roff)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand help; and not __fish_seen_subcommand_from validate schema completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
