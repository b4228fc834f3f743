#compdef ossec-agentless

autoload -U is-at-least

_ossec-agentless() {
    typeset -A opt_args
    typeset -a _arguments_options
    local ret=1

    if is-at-least 5.2; then
        _arguments_options=(-s -S -C)
    else
        _arguments_options=(-s -C)
    fi

    local context curcontext="$curcontext" state line
    _arguments "${_arguments_options[@]}" : \
'--ossec-dir=[The OSSEC (or Wazuh) installation directory]:DIR:_files' \
'--config=[The configuration file to read and edit \[default\: <DIR>/etc/ossec.conf\]]:FILE:_files' \
'--color=[When to use colours (NO_COLOR in the environment turns them off for \`auto\`)]:WHEN:((auto\:"Colour when the stream is a terminal and \`NO_COLOR\` is not set"
always\:"Always colour (also forced by \`CLICOLOR_FORCE\`)"
never\:"Never colour"))' \
'-q[Print only data and errors\: no warnings or notes on stderr]' \
'--quiet[Print only data and errors\: no warnings or notes on stderr]' \
'*-v[Explain more on stderr (repeat for more)]' \
'*--verbose[Explain more on stderr (repeat for more)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_ossec-agentless_commands" \
"*::: :->ossec-agentless" \
&& ret=0
    case $state in
    (ossec-agentless)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:ossec-agentless-command-$line[1]:"
        case $line[1] in
            (test-script)
_arguments "${_arguments_options[@]}" : \
'--timeout=[Stop the script after this many seconds (fractions allowed)]:SECONDS:_default' \
'--user=[Run as this user instead of the agentless user (needs root unless it is you)]:NAME:_default' \
'--ossec-dir=[The OSSEC (or Wazuh) installation directory]:DIR:_files' \
'--config=[The configuration file to read and edit \[default\: <DIR>/etc/ossec.conf\]]:FILE:_files' \
'--color=[When to use colours (NO_COLOR in the environment turns them off for \`auto\`)]:WHEN:((auto\:"Colour when the stream is a terminal and \`NO_COLOR\` is not set"
always\:"Always colour (also forced by \`CLICOLOR_FORCE\`)"
never\:"Never colour"))' \
'--raw[Show every line the script prints, not only the ones the daemon acts on]' \
'--json[Print the result as one JSON document (no live output)]' \
'-q[Print only data and errors\: no warnings or notes on stderr]' \
'--quiet[Print only data and errors\: no warnings or notes on stderr]' \
'*-v[Explain more on stderr (repeat for more)]' \
'*--verbose[Explain more on stderr (repeat for more)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':script_type -- The script\: a file name in <DIR>/agentless (the <type> of an <agentless> block):_default' \
':host -- The host as in <host>\: `user@host`, or `"use_su user@host"` / `"use_sudo user@host"` (one argument, quoted):_default' \
'*::args -- The script'\''s arguments, as in <arguments>. Words are split on blanks as the daemon splits them, so `"/etc /bin"` and `/etc /bin` are the same. Shell characters (`;`, `|`, `$`, …) are passed literally and reported\: OSSEC would interpret them on the server. Put `--` before arguments that start with `-`:_default' \
&& ret=0
;;
(doctor)
_arguments "${_arguments_options[@]}" : \
'--user=[Check for this account instead of the agentless user (ossec or wazuh)]:NAME:_default' \
'--ossec-dir=[The OSSEC (or Wazuh) installation directory]:DIR:_files' \
'--config=[The configuration file to read and edit \[default\: <DIR>/etc/ossec.conf\]]:FILE:_files' \
'--color=[When to use colours (NO_COLOR in the environment turns them off for \`auto\`)]:WHEN:((auto\:"Colour when the stream is a terminal and \`NO_COLOR\` is not set"
always\:"Always colour (also forced by \`CLICOLOR_FORCE\`)"
never\:"Never colour"))' \
'--fix[Repair the problems marked as repairable]' \
'--dry-run[With --fix\: show what would change, and change nothing]' \
'--json[Print the results as JSON]' \
'-q[Print only data and errors\: no warnings or notes on stderr]' \
'--quiet[Print only data and errors\: no warnings or notes on stderr]' \
'*-v[Explain more on stderr (repeat for more)]' \
'*--verbose[Explain more on stderr (repeat for more)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(generate)
_arguments "${_arguments_options[@]}" : \
'--dir=[The project directory holding completions/ and man/]:DIR:_files' \
'--ossec-dir=[The OSSEC (or Wazuh) installation directory]:DIR:_files' \
'--config=[The configuration file to read and edit \[default\: <DIR>/etc/ossec.conf\]]:FILE:_files' \
'--color=[When to use colours (NO_COLOR in the environment turns them off for \`auto\`)]:WHEN:((auto\:"Colour when the stream is a terminal and \`NO_COLOR\` is not set"
always\:"Always colour (also forced by \`CLICOLOR_FORCE\`)"
never\:"Never colour"))' \
'--check[Only check that the files on disk are current; exit 1 if any is stale]' \
'-q[Print only data and errors\: no warnings or notes on stderr]' \
'--quiet[Print only data and errors\: no warnings or notes on stderr]' \
'*-v[Explain more on stderr (repeat for more)]' \
'*--verbose[Explain more on stderr (repeat for more)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_ossec-agentless__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:ossec-agentless-help-command-$line[1]:"
        case $line[1] in
            (test-script)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(doctor)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(generate)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
}

(( $+functions[_ossec-agentless_commands] )) ||
_ossec-agentless_commands() {
    local commands; commands=(
'test-script:Run an agentless script exactly as ossec-agentlessd does, and explain the result' \
'doctor:Check the agentless setup and say what is wrong, with the fix for each problem' \
'generate:Regenerate the shell completions and man pages (for maintainers)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'ossec-agentless commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__doctor_commands] )) ||
_ossec-agentless__subcmd__doctor_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless doctor commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__generate_commands] )) ||
_ossec-agentless__subcmd__generate_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless generate commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__help_commands] )) ||
_ossec-agentless__subcmd__help_commands() {
    local commands; commands=(
'test-script:Run an agentless script exactly as ossec-agentlessd does, and explain the result' \
'doctor:Check the agentless setup and say what is wrong, with the fix for each problem' \
'generate:Regenerate the shell completions and man pages (for maintainers)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'ossec-agentless help commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__help__subcmd__doctor_commands] )) ||
_ossec-agentless__subcmd__help__subcmd__doctor_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless help doctor commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__help__subcmd__generate_commands] )) ||
_ossec-agentless__subcmd__help__subcmd__generate_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless help generate commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__help__subcmd__help_commands] )) ||
_ossec-agentless__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless help help commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__help__subcmd__test-script_commands] )) ||
_ossec-agentless__subcmd__help__subcmd__test-script_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless help test-script commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__test-script_commands] )) ||
_ossec-agentless__subcmd__test-script_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless test-script commands' commands "$@"
}

if [ "$funcstack[1]" = "_ossec-agentless" ]; then
    _ossec-agentless "$@"
else
    compdef _ossec-agentless ossec-agentless
fi
