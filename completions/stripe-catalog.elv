
use builtin;
use str;

set edit:completion:arg-completer[stripe-catalog] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'stripe-catalog'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'stripe-catalog'= {
            cand -f 'The catalog file'
            cand --catalog 'The catalog file'
            cand --format 'Output format: `text` for people, `json` for scripts (`table`, `csv`, `ndjson` where a command lists rows)'
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand validate 'Check the catalog file offline and report every problem at once'
            cand schema 'Print the JSON Schema of the catalog file (for editor completion and checks)'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'stripe-catalog;validate'= {
            cand -f 'The catalog file'
            cand --catalog 'The catalog file'
            cand --format 'Output format: `text` for people, `json` for scripts (`table`, `csv`, `ndjson` where a command lists rows)'
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand --deny-warnings 'Treat warnings as errors (exit 1 when there are any)'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'stripe-catalog;schema'= {
            cand -f 'The catalog file'
            cand --catalog 'The catalog file'
            cand --format 'Output format: `text` for people, `json` for scripts (`table`, `csv`, `ndjson` where a command lists rows)'
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'stripe-catalog;completions'= {
            cand -f 'The catalog file'
            cand --catalog 'The catalog file'
            cand --format 'Output format: `text` for people, `json` for scripts (`table`, `csv`, `ndjson` where a command lists rows)'
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'stripe-catalog;man'= {
            cand -f 'The catalog file'
            cand --catalog 'The catalog file'
            cand --format 'Output format: `text` for people, `json` for scripts (`table`, `csv`, `ndjson` where a command lists rows)'
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'stripe-catalog;help'= {
            cand validate 'Check the catalog file offline and report every problem at once'
            cand schema 'Print the JSON Schema of the catalog file (for editor completion and checks)'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'stripe-catalog;help;validate'= {
        }
        &'stripe-catalog;help;schema'= {
        }
        &'stripe-catalog;help;completions'= {
        }
        &'stripe-catalog;help;man'= {
        }
        &'stripe-catalog;help;help'= {
        }
    ]
    $completions[$command]
}
